"""Four eyes: in a call that needs it, accepting or declining is proposed by one person and confirmed by another,
and the applicant is emailed only on confirmation."""

import pytest
from django.core import mail

from privacy.services import erase_email
from registrations.models import Decision, RegistrationCall, Status, StatusChange
from registrations.services import change_status, withdraw_registration
from registrations.services.decisions import confirm_decision, propose_decision, turn_down_decision
from registrations.services.review import ReviewRefused
from tests.factories import RegistrationCallFactory, RegistrationFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/admin/registrations/registration/"


@pytest.fixture
def registration():
    return RegistrationFactory(
        call=RegistrationCallFactory(four_eyes=True),
        status=Status.UNDER_REVIEW,
        contact_email="ona@example.lt",
    )


@pytest.fixture
def second_coordinator():
    return StaffFactory(groups=["Coordinator"], first_name="Jonas", last_name="Jonaitis")


def propose(registration, by, to=Status.ACCEPTED):
    return propose_decision(
        registration=registration,
        to=to,
        by=by,
        subject="Welcome ({reference})",
        message="Dear Ona, you are in.",
        comment="Strong on every criterion.",
    )


def test_the_2025_call_needs_a_second_person_and_new_calls_do_not_by_default():
    assert RegistrationCall.objects.get(slug="baltic-ai-gigafactory-2025").four_eyes
    assert not RegistrationCallFactory().four_eyes


def test_deciding_directly_is_refused_where_a_second_person_is_needed(registration, coordinator):
    with pytest.raises(ReviewRefused, match="proposed by one staff member and confirmed by another"):
        change_status(
            registration=registration, to=Status.ACCEPTED, by=coordinator, message="Hi", subject="Hi"
        )

    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW


def test_a_proposal_moves_nothing_and_emails_nobody(
    registration, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        decision = propose(registration, reviewer)

    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW
    assert not StatusChange.objects.exists()
    assert mail.outbox == []
    assert (decision.state, decision.proposed_by, decision.to_status) == (
        Decision.State.PROPOSED,
        reviewer,
        Status.ACCEPTED,
    )


def test_confirmation_by_another_person_moves_emails_and_records_both(
    registration, reviewer, coordinator, django_capture_on_commit_callbacks
):
    decision = propose(registration, reviewer)

    with django_capture_on_commit_callbacks(execute=True):
        change = confirm_decision(decision=decision, by=coordinator)

    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED
    assert (change.changed_by, change.proposed_by, change.proposed_at) == (
        coordinator,
        reviewer,
        decision.proposed_at,
    )
    assert change.comment == "Strong on every criterion."
    [message] = mail.outbox
    assert message.to == ["ona@example.lt"]
    assert message.subject == "Welcome ({reference})"
    assert "Dear Ona, you are in." in message.body
    decision.refresh_from_db()
    assert (decision.state, decision.closed_by) == (Decision.State.CONFIRMED, coordinator)


def test_nobody_confirms_their_own_proposal(registration, coordinator, django_capture_on_commit_callbacks):
    decision = propose(registration, coordinator)

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ReviewRefused, match="another staff"),
    ):
        confirm_decision(decision=decision, by=coordinator)

    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW
    assert mail.outbox == []


def test_reviewers_propose_but_do_not_confirm(registration, reviewer):
    decision = propose(registration, StaffFactory(groups=["Reviewer"]))

    with pytest.raises(ReviewRefused, match="may not confirm"):
        confirm_decision(decision=decision, by=reviewer)


def test_one_decision_awaits_confirmation_at_a_time(registration, reviewer, coordinator):
    propose(registration, reviewer)

    with pytest.raises(ReviewRefused, match="already awaits confirmation"):
        propose(registration, coordinator, to=Status.DECLINED)


def test_a_proposal_turned_down_or_withdrawn_leaves_the_registration_and_makes_room(
    registration, reviewer, coordinator, second_coordinator
):
    turned_down = turn_down_decision(
        decision=propose(registration, reviewer), by=coordinator, comment="Too early."
    )
    withdrawn = turn_down_decision(decision=propose(registration, reviewer), by=reviewer)

    with pytest.raises(ReviewRefused, match="may not confirm"):
        turn_down_decision(decision=propose(registration, coordinator), by=reviewer)
    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW
    assert (turned_down.state, turned_down.closed_by, turned_down.closing_comment) == (
        Decision.State.NOT_CONFIRMED,
        coordinator,
        "Too early.",
    )
    assert (withdrawn.state, withdrawn.closed_by) == (Decision.State.NOT_CONFIRMED, reviewer)
    with pytest.raises(ReviewRefused, match="no longer awaits confirmation"):
        confirm_decision(decision=turned_down, by=second_coordinator)


def test_a_decision_on_a_registration_withdrawn_meanwhile_cannot_be_confirmed(
    registration, reviewer, coordinator
):
    decision = propose(registration, reviewer)
    withdraw_registration(registration=registration)

    with pytest.raises(ReviewRefused, match="cannot be moved"):
        confirm_decision(decision=decision, by=coordinator)


def test_calls_without_four_eyes_decide_directly(reviewer):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW)

    with pytest.raises(ValueError, match="made directly"):
        propose(registration, reviewer)
    change_status(registration=registration, to=Status.ACCEPTED, by=reviewer)


def test_staff_propose_on_the_page_and_another_confirms_there(
    as_staff, registration, reviewer, coordinator, django_capture_on_commit_callbacks
):
    client = as_staff(reviewer)
    page = client.get(f"{LIST}{registration.pk}/change/").content.decode()
    assert "Propose to accept" in page
    response = client.post(
        f"{LIST}{registration.pk}/status/accepted/",
        {"send_email": "on", "subject_en": "Welcome", "message_en": "You are in.", "comment": "Agreed."},
        follow=True,
    )
    assert "another staff member must confirm it" in response.content.decode()
    own = client.get(f"{LIST}{registration.pk}/change/").content.decode()
    assert "You proposed it: another staff member confirms it." in own
    assert "Withdraw my proposal" in own
    assert "Propose to accept" not in own  # one decision at a time
    assert "/decision/confirm/" not in own
    assert client.post(f"{LIST}{registration.pk}/decision/confirm/").status_code == 403

    other = as_staff(coordinator)
    assert "Confirm the decision" in other.get(f"{LIST}{registration.pk}/change/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        confirmed = other.post(f"{LIST}{registration.pk}/decision/confirm/", follow=True).content.decode()

    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED
    assert "1 decision confirmed; the applicant will be emailed." in confirmed
    assert (
        f"{coordinator.get_full_name()}, confirming the proposal of {reviewer.get_full_name()}" in confirmed
    )
    assert [message.subject for message in mail.outbox] == ["Welcome"]


def test_the_list_flags_proposals_and_offers_them_to_confirm(as_staff, registration, reviewer, coordinator):
    propose(registration, reviewer)
    RegistrationFactory(call=registration.call, status=Status.UNDER_REVIEW)

    response = as_staff(coordinator).get(LIST, {"queue": "to_confirm"})

    assert [r.reference for r in response.context["cl"].result_list] == [registration.reference]
    assert '<span class="review-flag">proposed: Accepted</span>' in response.content.decode()
    assert as_staff(reviewer).get(LIST, {"queue": "to_confirm"}).context["cl"].result_count == 0  # their own


def test_bulk_decisions_are_proposed_then_confirmed_in_bulk(
    as_staff, reviewer, coordinator, django_capture_on_commit_callbacks
):
    call = RegistrationCallFactory(four_eyes=True)
    registrations = [
        RegistrationFactory(call=call, status=Status.UNDER_REVIEW, language="en") for _ in range(3)
    ]
    selected = {"_selected_action": [r.pk for r in registrations]}
    with django_capture_on_commit_callbacks(execute=True):
        as_staff(reviewer).post(
            LIST,
            {
                "action": "move_to_declined",
                "confirm": "yes",
                "send_email": "on",
                "subject_en": "Decision",
                "message_en": "Not this time.",
                **selected,
            },
        )
    assert Decision.objects.filter(state=Decision.State.PROPOSED).count() == 3
    assert mail.outbox == []

    client = as_staff(coordinator)
    page = client.post(LIST, {"action": "confirm_decisions", **selected}).content.decode()
    assert "3 decisions awaiting confirmation" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(LIST, {"action": "confirm_decisions", "confirm": "yes", **selected})

    assert {r.status for r in call.registrations.all()} == {Status.DECLINED}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.contact_email for r in registrations)


def test_erasing_the_applicants_data_blanks_a_proposed_email_and_confirming_sends_none(
    registration, reviewer, coordinator, django_capture_on_commit_callbacks
):
    decision = propose(registration, reviewer)
    erase_email(email="ona@example.lt", by=StaffFactory(is_superuser=True))
    decision.refresh_from_db()
    assert (decision.email_subject, decision.email_body) == ("", "")

    with django_capture_on_commit_callbacks(execute=True):
        confirm_decision(decision=decision, by=coordinator)

    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED
    assert mail.outbox == []
