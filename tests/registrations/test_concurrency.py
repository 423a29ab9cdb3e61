"""Real races on PostgreSQL: simultaneous submissions to one call never double-register an organisation,
never give two registrations one reference, and never lose one; simultaneous admin saves keep one change; a
decision is proposed and confirmed once."""

import uuid
from collections import Counter

import pytest
from django.core import mail
from django.test import Client

from registrations.models import Decision, Organisation, Registration, Status, StatusChange
from registrations.permissions import COORDINATOR, REVIEWER
from registrations.services.decisions import confirm_decision, propose_decision
from registrations.services.review import ReviewRefused
from tests.factories import (
    RegistrationCallFactory,
    RegistrationFactory,
    StaffFactory,
    lithuanian_company_code,
)
from tests.races import race
from tests.registrations.helpers import unchanged_form_data
from tests.registrations.test_services import submit

pytestmark = [pytest.mark.needs_services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

THREADS = 40


def collecting(outcomes: list, work):
    def run(i):
        outcomes.append(work(i))

    return run


def test_simultaneous_organisations_all_saved_with_distinct_consecutive_references():
    call = RegistrationCallFactory(reference_prefix="BAIGF")
    outcomes = []

    errors = race(
        collecting(
            outcomes,
            lambda i: submit(
                call,
                organisation={"registration_code": lithuanian_company_code(i)},
                answers={"contact_email": f"contact{i}@example.lt"},
            ),
        ),
        THREADS,
    )

    assert errors == []
    assert Counter(outcome.outcome for outcome in outcomes) == {"created": THREADS}
    year = call.opens_at.year
    references = sorted(Registration.objects.filter(call=call).values_list("reference", flat=True))
    assert references == [f"BAIGF-{year}-{n:04d}" for n in range(1, THREADS + 1)]
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        f"contact{i}@example.lt" for i in range(THREADS)
    )


def test_one_organisation_submitted_simultaneously_is_registered_once():
    call = RegistrationCallFactory()
    outcomes = []

    errors = race(
        collecting(outcomes, lambda i: submit(call, answers={"contact_email": f"person{i}@example.lt"})),
        THREADS,
    )

    assert errors == []
    assert Counter(outcome.outcome for outcome in outcomes) == {"created": 1, "duplicate": THREADS - 1}
    assert Organisation.objects.count() == 1
    registration = Registration.objects.get(call=call)
    winner = next(outcome.registration for outcome in outcomes if outcome.outcome == "created")
    assert registration == winner
    # The winner gets the confirmation; of all the other attempts, one tells the contact on file.
    subjects = sorted(message.subject for message in mail.outbox)
    assert subjects == [
        f"Registration received: {registration.reference}",
        f"Someone tried to register your organisation again ({registration.reference})",
    ]
    assert {message.to[0] for message in mail.outbox} == {registration.contact_email}


def test_the_same_form_posted_simultaneously_saves_one_registration():
    call = RegistrationCallFactory()
    key = uuid.uuid4()
    outcomes = []

    errors = race(collecting(outcomes, lambda i: submit(call, submission_key=key)), THREADS)

    assert errors == []
    registration = Registration.objects.get(call=call)
    assert Counter(outcome.outcome for outcome in outcomes) == {"created": 1, "resubmitted": THREADS - 1}
    assert {outcome.registration.pk for outcome in outcomes} == {registration.pk}
    assert len(mail.outbox) == 1


def test_simultaneous_admin_saves_of_one_page_save_once():
    """Staff who opened the same version of a registration all press Save at once: one change is kept, and
    everyone else is told that the registration changed meanwhile."""
    registration = RegistrationFactory()
    url = f"/admin/registrations/registration/{registration.pk}/change/"
    pages = []
    for i in range(THREADS // 4):
        client = Client(HTTP_ACCEPT_LANGUAGE="en")
        client.force_login(StaffFactory(is_superuser=True))
        pages.append((client, {**unchanged_form_data(client.get(url)), "contact_name": f"Name {i}"}))
    outcomes = []

    errors = race(
        collecting(outcomes, lambda i: (i, pages[i][0].post(url, pages[i][1]).status_code)), len(pages)
    )

    assert errors == []
    saved = [i for i, status in outcomes if status == 302]
    refused = [i for i, status in outcomes if status == 200]
    assert len(saved) == 1
    assert len(refused) == len(pages) - 1
    registration.refresh_from_db()
    assert registration.contact_name == f"Name {saved[0]}"


def test_a_decision_confirmed_by_several_people_at_once_moves_and_emails_once():
    registration = RegistrationFactory(
        call=RegistrationCallFactory(four_eyes=True), status=Status.UNDER_REVIEW, language="en"
    )
    decision = propose_decision(
        registration=registration,
        to=Status.ACCEPTED,
        by=StaffFactory(groups=[REVIEWER]),
        subject="Welcome",
        message="You are in.",
    )
    confirmers = [StaffFactory(groups=[COORDINATOR]) for _ in range(THREADS // 4)]

    errors = race(lambda i: confirm_decision(decision=decision, by=confirmers[i]), len(confirmers))

    assert len(errors) == len(confirmers) - 1
    assert all(isinstance(error, ReviewRefused) for error in errors)
    assert StatusChange.objects.filter(registration=registration).count() == 1
    assert [message.subject for message in mail.outbox] == ["Welcome"]


def test_simultaneous_proposals_leave_one_awaiting_confirmation():
    registration = RegistrationFactory(
        call=RegistrationCallFactory(four_eyes=True), status=Status.UNDER_REVIEW
    )
    proposers = [StaffFactory(groups=[REVIEWER]) for _ in range(THREADS // 4)]

    errors = race(
        lambda i: propose_decision(registration=registration, to=Status.DECLINED, by=proposers[i]),
        len(proposers),
    )

    assert len(errors) == len(proposers) - 1
    assert all(isinstance(error, ReviewRefused) for error in errors)
    assert Decision.objects.filter(registration=registration).count() == 1
