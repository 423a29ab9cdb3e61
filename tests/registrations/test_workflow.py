"""The review workflow: which moves staff may make, what each records and what the applicant is sent."""

import re
from datetime import timedelta
from itertools import product

import pytest
from django.core import mail
from django.utils import timezone
from post_office.models import Email

from registrations.models import EditLink, Registration, Status, StatusChange
from registrations.services import (
    ReviewRefused,
    add_note,
    assign_registration,
    change_status,
    update_registration,
    withdraw_registration,
)
from tests.factories import RegistrationCallFactory, RegistrationFactory, StaffFactory

pytestmark = pytest.mark.django_db

S = Status
# The transition table, written out here so that a change to the one in the service shows up as a failure.
ALLOWED = {
    (S.SUBMITTED, S.UNDER_REVIEW),
    (S.UNDER_REVIEW, S.NEEDS_INFORMATION),
    (S.UNDER_REVIEW, S.ACCEPTED),
    (S.UNDER_REVIEW, S.DECLINED),
    (S.NEEDS_INFORMATION, S.UNDER_REVIEW),
    (S.NEEDS_INFORMATION, S.ACCEPTED),
    (S.NEEDS_INFORMATION, S.DECLINED),
}
REFUSED = sorted(set(product(Status, Status)) - ALLOWED)


def later(days=7):
    return timezone.now() + timedelta(days=days)


def options_for(to):
    return {"reopened_until": later()} if to == S.NEEDS_INFORMATION else {}


@pytest.mark.parametrize(("from_status", "to"), sorted(ALLOWED))
def test_change_status_makes_allowed_moves_and_records_them(reviewer, from_status, to):
    registration = RegistrationFactory(status=from_status)

    change = change_status(
        registration=registration, to=to, by=reviewer, comment="Looks fine.", **options_for(to)
    )

    registration.refresh_from_db()
    assert registration.status == to
    recorded = StatusChange.objects.get(registration=registration)
    assert recorded == change
    assert (recorded.from_status, recorded.to_status) == (from_status, to)
    assert recorded.changed_by == reviewer
    assert recorded.comment == "Looks fine."
    assert abs(recorded.changed_at - timezone.now()) < timedelta(minutes=1)


@pytest.mark.parametrize(("from_status", "to"), REFUSED)
def test_change_status_refuses_other_moves_and_changes_nothing(reviewer, from_status, to):
    registration = RegistrationFactory(status=from_status)

    with pytest.raises(ReviewRefused, match=registration.reference):
        change_status(registration=registration, to=to, by=reviewer, **options_for(to))

    registration.refresh_from_db()
    assert registration.status == from_status
    assert not StatusChange.objects.exists()


def test_change_status_refuses_staff_without_the_permission(registration_under_review):
    clerk = StaffFactory()

    with pytest.raises(ReviewRefused):
        change_status(registration=registration_under_review, to=S.ACCEPTED, by=clerk)

    registration_under_review.refresh_from_db()
    assert registration_under_review.status == S.UNDER_REVIEW


@pytest.fixture
def registration_under_review():
    return RegistrationFactory(status=S.UNDER_REVIEW, language="en", contact_email="ona@example.lt")


def test_moving_without_a_message_sends_no_email(
    reviewer, registration_under_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = change_status(registration=registration_under_review, to=S.ACCEPTED, by=reviewer)

    assert mail.outbox == []
    assert change.email is None
    assert change.email_body == ""


def test_accepting_with_a_message_emails_the_applicant_once_committed(
    reviewer, registration_under_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        change = change_status(
            registration=registration_under_review,
            to=S.ACCEPTED,
            by=reviewer,
            subject="Your registration has been accepted",
            message="Dear Ona,\n\nWelcome to the consortium.",
        )
        assert mail.outbox == []  # nothing leaves before the transaction commits

    assert len(callbacks) == 1
    [message] = mail.outbox
    assert message.to == ["ona@example.lt"]
    assert message.subject == "Your registration has been accepted"
    assert "Welcome to the consortium." in message.body
    assert registration_under_review.reference in message.body
    assert "<p>Dear Ona,</p>" in message.alternatives[0][0]
    assert change.email == Email.objects.get()
    assert change.email_subject == "Your registration has been accepted"
    assert change.email_body == "Dear Ona,\n\nWelcome to the consortium."


def test_status_email_goes_out_in_the_applicants_language(reviewer, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(status=S.UNDER_REVIEW, language="lt")

    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            registration=registration, to=S.DECLINED, by=reviewer, subject="Sprendimas", message="Gerb. Ona,"
        )

    [message] = mail.outbox
    assert "Registracijos numeris" in message.body
    assert "Lietuvos Respublikos ekonomikos ir inovacijų ministerija" in message.body
    assert message.extra_headers["Content-Language"] == "lt"


def test_asking_for_information_reopens_the_registration_with_the_link_the_applicant_has(
    client, reviewer, django_capture_on_commit_callbacks
):
    call = RegistrationCallFactory(
        opens_at=timezone.now() - timedelta(days=20), closes_at=timezone.now() - timedelta(days=6)
    )
    registration = RegistrationFactory(call=call, status=S.UNDER_REVIEW, language="en")
    _link, confirmation_token = EditLink.issue(registration=registration)
    until = later(days=3)

    with django_capture_on_commit_callbacks(execute=True):
        change_status(
            registration=registration,
            to=S.NEEDS_INFORMATION,
            by=reviewer,
            subject="We need more information",
            message="Please add your VAT code.",
            reopened_until=until,
        )

    registration.refresh_from_db()
    assert registration.reopened_until == until
    assert registration.edit_links.count() == 1
    [message] = mail.outbox
    assert f"/en/register/edit/{confirmation_token}/" in message.body
    assert "Please add your VAT code." in message.body
    assert "You can correct the registration until" in message.body
    link = re.search(r"http://[^/]+(/en/register/edit/[^/\s]+/)", message.body).group(1)
    page = client.get(link)
    assert page.status_code == 200
    assert "Correct your registration" in page.content.decode()


def test_reopened_registration_can_be_changed_until_the_chosen_moment_only():
    call = RegistrationCallFactory(
        opens_at=timezone.now() - timedelta(days=20), closes_at=timezone.now() - timedelta(days=6)
    )
    until = later(days=2)
    registration = RegistrationFactory(call=call, status=S.NEEDS_INFORMATION, reopened_until=until)

    assert registration.can_be_changed(timezone.now())
    assert not registration.can_be_changed(until)
    assert not RegistrationFactory(call=call, status=S.NEEDS_INFORMATION).can_be_changed(timezone.now())


def test_asking_for_information_needs_a_future_date(reviewer, registration_under_review):
    with pytest.raises(ReviewRefused, match="date in the future"):
        change_status(
            registration=registration_under_review,
            to=S.NEEDS_INFORMATION,
            by=reviewer,
            reopened_until=timezone.now() - timedelta(minutes=1),
        )

    registration_under_review.refresh_from_db()
    assert registration_under_review.status == S.UNDER_REVIEW


def test_message_still_holding_staff_instructions_is_refused(reviewer, registration_under_review):
    with pytest.raises(ReviewRefused, match="double square brackets"):
        change_status(
            registration=registration_under_review,
            to=S.NEEDS_INFORMATION,
            by=reviewer,
            subject="More information",
            message="Dear Ona,\n\n[[Describe here what is missing.]]",
            reopened_until=later(),
        )

    assert not Email.objects.exists()
    registration_under_review.refresh_from_db()
    assert registration_under_review.status == S.UNDER_REVIEW


def test_withdrawal_by_the_applicant_is_recorded_without_a_staff_member():
    registration = RegistrationFactory(status=S.UNDER_REVIEW)

    withdraw_registration(registration=registration)

    change = StatusChange.objects.get(registration=registration)
    assert (change.from_status, change.to_status) == (S.UNDER_REVIEW, S.WITHDRAWN)
    assert change.changed_by is None


def _resubmit(registration: Registration):
    organisation = registration.organisation
    update_registration(
        registration=registration,
        organisation={"legal_name": organisation.legal_name, "description": "Now with the VAT code."},
        answers={"participation": list(registration.participation.all()), "statement": "Corrected."},
    )


def test_corrections_while_information_is_needed_put_the_registration_back_under_review():
    registration = RegistrationFactory(status=S.NEEDS_INFORMATION, reopened_until=later())

    _resubmit(registration)

    registration.refresh_from_db()
    assert registration.status == S.UNDER_REVIEW
    assert registration.statement == "Corrected."
    change = StatusChange.objects.get(registration=registration)
    assert (change.from_status, change.to_status, change.changed_by) == (
        S.NEEDS_INFORMATION,
        S.UNDER_REVIEW,
        None,
    )


def test_corrections_in_other_statuses_record_no_move():
    registration = RegistrationFactory(status=S.SUBMITTED)

    _resubmit(registration)

    registration.refresh_from_db()
    assert registration.status == S.SUBMITTED
    assert not StatusChange.objects.exists()


def test_every_change_is_kept_in_the_registration_history_with_who_made_it(reviewer):
    registration = RegistrationFactory(status=S.SUBMITTED)

    change_status(registration=registration, to=S.UNDER_REVIEW, by=reviewer)
    assign_registration(registration=registration, assignee=reviewer, by=reviewer)

    versions = list(registration.history.order_by("history_date", "history_id"))
    assert versions[0].status == S.SUBMITTED
    assert versions[0].history_user is None
    by_reviewer = [(v.status, v.assignee_id) for v in versions if v.history_user == reviewer]
    assert by_reviewer == [(S.UNDER_REVIEW, None), (S.UNDER_REVIEW, reviewer.pk)]


def test_notes_are_kept_with_author_and_time_and_never_sent(
    client, reviewer, registration_under_review, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        note = add_note(
            registration=registration_under_review, author=reviewer, text="  Called them: all good. "
        )
        change_status(
            registration=registration_under_review,
            to=S.ACCEPTED,
            by=reviewer,
            subject="Accepted",
            message="Yes.",
        )

    assert note.author == reviewer
    assert note.text == "Called them: all good."
    assert abs(note.created_at - timezone.now()) < timedelta(minutes=1)
    assert all("Called them" not in message.body for message in mail.outbox)
    assert all(
        "Called them" not in alternative for message in mail.outbox for alternative, _ in message.alternatives
    )


def test_empty_note_is_refused(reviewer, registration_under_review):
    with pytest.raises(ReviewRefused):
        add_note(registration=registration_under_review, author=reviewer, text="   ")


def test_assignment_only_to_active_staff(reviewer, registration_under_review):
    outsider = StaffFactory(is_staff=False)

    with pytest.raises(ReviewRefused):
        assign_registration(registration=registration_under_review, assignee=outsider, by=reviewer)
    assign_registration(registration=registration_under_review, assignee=reviewer, by=reviewer)

    registration_under_review.refresh_from_db()
    assert registration_under_review.assignee == reviewer
