"""The queue: "answered" when an applicant answers, staff told by email, overdue requests, "My queue"."""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from consortium.models import StaffLanguage
from registrations.models import Registration, Status
from registrations.permissions import COORDINATOR, REVIEWER
from registrations.selectors import queues
from registrations.services import change_status, notify_staff_of_answer, update_registration
from tests.factories import RegistrationFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/admin/registrations/registration/"


def asked(**kwargs) -> Registration:
    """A registration whose applicant was asked for more information, with a week left to answer."""
    return RegistrationFactory(
        status=Status.NEEDS_INFORMATION, reopened_until=timezone.now() + timedelta(days=7), **kwargs
    )


def answer(registration: Registration) -> None:
    """The applicant saves corrections through their private link, as they do in answer to a request."""
    update_registration(
        registration=registration,
        organisation={"legal_name": registration.legal_name},
        answers={"participation": list(registration.participation.all()), "statement": "Here is the report."},
    )


def staff_emails():
    return [
        message for message in mail.outbox if "has answered" in message.subject or "atsakė" in message.subject
    ]


def test_an_answer_marks_the_registration_and_emails_its_assignee_in_their_language(
    django_capture_on_commit_callbacks,
):
    assignee = StaffFactory(groups=[REVIEWER], email="ruta@eimin.example", first_name="Rūta", last_name="R")
    StaffLanguage.objects.create(user=assignee, language="en")
    StaffFactory(groups=[COORDINATOR], email="coordinator@eimin.example")
    registration = asked(assignee=assignee, language="lt")

    with django_capture_on_commit_callbacks(execute=True):
        answer(registration)

    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW
    assert registration.answered_at is not None
    [message] = staff_emails()
    assert message.to == ["ruta@eimin.example"]
    assert message.subject == f"{registration.reference}: the applicant has answered"
    assert "Hello Rūta R," in message.body
    assert "It is assigned to you." in message.body
    assert f"/admin/registrations/registration/{registration.pk}/change/" in message.body
    assert message.body.count("http://") == 1  # the admin link only: no link of the applicant's


def test_an_answer_to_an_unassigned_registration_emails_every_active_coordinator(
    django_capture_on_commit_callbacks,
):
    StaffFactory(groups=[COORDINATOR], email="pirmas@eimin.example")
    second = StaffFactory(groups=[COORDINATOR], email="second@eimin.example")
    StaffLanguage.objects.create(user=second, language="en")
    StaffFactory(groups=[COORDINATOR], email="gone@eimin.example", is_active=False)
    StaffFactory(groups=[REVIEWER], email="reviewer@eimin.example")
    registration = asked()

    with django_capture_on_commit_callbacks(execute=True):
        answer(registration)

    sent = {message.to[0]: message for message in mail.outbox if message.to[0].endswith("@eimin.example")}
    assert set(sent) == {"pirmas@eimin.example", "second@eimin.example"}
    assert (
        sent["pirmas@eimin.example"].subject == f"{registration.reference}: pareiškėjas atsakė"
    )  # Lithuanian
    assert "Nobody is assigned to it yet" in sent["second@eimin.example"].body


def test_staff_are_told_only_when_the_answer_is_saved(django_capture_on_commit_callbacks):
    StaffFactory(groups=[COORDINATOR], email="coordinator@eimin.example")
    registration = asked()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        emails = notify_staff_of_answer(registration=registration)

    assert [email.to for email in emails] == [["coordinator@eimin.example"]]
    assert mail.outbox == []  # queued in the outbox; sent once the transaction commits
    assert len(callbacks) == 1


def test_corrections_without_a_request_mark_nothing_and_tell_nobody(django_capture_on_commit_callbacks):
    StaffFactory(groups=[COORDINATOR], email="coordinator@eimin.example")
    registration = RegistrationFactory(status=Status.SUBMITTED)

    with django_capture_on_commit_callbacks(execute=True):
        answer(registration)

    registration.refresh_from_db()
    assert registration.answered_at is None
    assert staff_emails() == []


def test_staffs_next_move_clears_the_answered_mark(reviewer):
    registration = asked()
    answer(registration)

    change_status(registration=registration, to=Status.ACCEPTED, by=reviewer)

    registration.refresh_from_db()
    assert registration.answered_at is None


def test_queues_count_what_waits_for_whom(reviewer):
    now = timezone.now()
    RegistrationFactory(status=Status.SUBMITTED, assignee=reviewer)
    RegistrationFactory(status=Status.UNDER_REVIEW, assignee=reviewer)
    RegistrationFactory(status=Status.ACCEPTED, assignee=reviewer)
    RegistrationFactory(status=Status.SUBMITTED)
    overdue = RegistrationFactory(
        status=Status.NEEDS_INFORMATION, reopened_until=now - timedelta(hours=1), assignee=reviewer
    )
    asked(assignee=reviewer)  # still the applicant's turn
    answered = asked()
    answer(answered)

    counts = queues(user=reviewer, now=now)

    assert (counts.mine, counts.unassigned, counts.answered, counts.overdue) == (3, 2, 1, 1)
    assert set(Registration.objects.overdue(now)) == {overdue}


@pytest.fixture
def desk(reviewer):
    now = timezone.now()
    return {
        "mine": RegistrationFactory(status=Status.UNDER_REVIEW, assignee=reviewer),
        "theirs": RegistrationFactory(status=Status.UNDER_REVIEW, assignee=StaffFactory()),
        "decided": RegistrationFactory(status=Status.ACCEPTED, assignee=reviewer),
        "waiting": asked(assignee=reviewer),
        "overdue": RegistrationFactory(
            status=Status.NEEDS_INFORMATION, reopened_until=now - timedelta(days=1), assignee=reviewer
        ),
        "unassigned": RegistrationFactory(status=Status.SUBMITTED),
        "answered": RegistrationFactory(status=Status.UNDER_REVIEW, answered_at=now, assignee=StaffFactory()),
    }


def references(response) -> set[str]:
    return {registration.reference for registration in response.context["cl"].result_list}


@pytest.mark.parametrize(
    ("queue", "expected"),
    [
        ("mine", {"mine", "overdue"}),
        ("unassigned", {"unassigned"}),
        ("answered", {"answered"}),
        ("overdue", {"overdue"}),
    ],
)
def test_the_list_filters_by_queue(as_staff, reviewer, desk, queue, expected):
    response = as_staff(reviewer).get(LIST, {"queue": queue})

    assert references(response) == {desk[name].reference for name in expected}


def test_the_list_flags_answered_and_overdue_registrations_in_words(as_staff, reviewer, desk):
    content = as_staff(reviewer).get(LIST).content.decode()

    def row(name):
        start = content.index(desk[name].reference)
        return content[start : content.index("</tr>", start)]

    assert '<span class="review-flag">answered</span>' in row("answered")
    assert '<span class="review-flag">no answer by the deadline</span>' in row("overdue")
    assert "review-flag" not in row("waiting")
    assert '<a href="?queue=mine">My queue</a>' in content


def test_the_registration_page_says_when_the_applicant_answered(as_staff, reviewer, desk):
    content = as_staff(reviewer).get(f"{LIST}{desk['answered'].pk}/change/").content.decode()
    overdue = as_staff(reviewer).get(f"{LIST}{desk['overdue'].pk}/change/").content.decode()

    assert "Answered by the applicant" in content
    assert "not yet acted on" in content
    assert '<span class="review-flag">no answer by the deadline</span>' in overdue


def test_the_dashboard_links_each_queue_to_the_list(as_staff, reviewer, desk):
    content = as_staff(reviewer).get("/admin/").content.decode()

    assert (
        '<a href="/admin/registrations/registration/?queue=mine"><span class="review-figure__value">2</span>'
        in content
    )
    assert (
        '<a href="/admin/registrations/registration/?queue=overdue"><span class="review-figure__value">1</span>'
        in content
    )


def test_the_staff_language_switch_is_remembered_for_emails(client, reviewer):
    client.force_login(reviewer)

    response = client.post("/admin-language/", {"language": "pl", "next": "/admin/"})

    assert response.status_code == 302
    assert StaffLanguage.objects.get(user=reviewer).language == "pl"
    assert '<html lang="pl"' in client.get("/admin/").content.decode()


def test_overdue_is_decided_by_the_clock(reviewer):
    registration = asked(assignee=reviewer)

    with time_machine.travel(registration.reopened_until + timedelta(minutes=1)):
        assert registration.is_overdue(timezone.now())
        assert queues(user=reviewer, now=timezone.now()).overdue == 1
    assert not registration.is_overdue(timezone.now())
