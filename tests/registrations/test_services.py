import uuid
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.utils import timezone
from post_office.models import STATUS, Email

from consortium.tokens import hash_token
from registrations.models import Organisation, ParticipationKind, Registration, RegistrationCall, Status
from registrations.services import (
    CountryNotAccepted,
    RegistrationClosed,
    RegistrationLocked,
    submit_registration,
    update_registration,
    withdraw_registration,
)
from tests.factories import RegistrationCallFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def organisation_data(**overrides):
    return {
        "legal_name": "UAB Skaičiavimai",
        "country": "LT",
        "registration_code": "188621919",
        "vat_code": "",
        "organisation_type": "infrastructure_provider",
        "size": "medium",
        "website": "",
        "address": "Vilnius",
        "description": "Data centres.",
        **overrides,
    }


def answers(**overrides):
    return {
        "contact_name": "Rūta Rutkauskienė",
        "contact_job_title": "CTO",
        "contact_email": "ruta@example.lt",
        "contact_phone": "+37061234567",
        "participation": list(ParticipationKind.objects.filter(code__in=["build_infrastructure", "invest"])),
        "statement": "We operate data centres.",
        "compute_needs": "",
        "investment_range": "10m_50m",
        "share_contact_consent": True,
        **overrides,
    }


def submit(call, language="en", **kwargs):
    return submit_registration(
        call=call,
        organisation=organisation_data(**kwargs.pop("organisation", {})),
        answers=answers(**kwargs.pop("answers", {})),
        language=language,
        **kwargs,
    )


@pytest.fixture
def call():
    return RegistrationCallFactory(reference_prefix="BAIGF")


def test_submission_saves_organisation_and_registration_with_sequential_references(call):
    first = submit(call).registration
    second = submit(call, organisation={"registration_code": "110053842"}).registration

    year = call.opens_at.year
    assert (first.reference, second.reference) == (f"BAIGF-{year}-0001", f"BAIGF-{year}-0002")
    assert first.status == Status.SUBMITTED
    assert first.organisation.legal_name == "UAB Skaičiavimai"
    assert set(first.participation.values_list("code", flat=True)) == {"build_infrastructure", "invest"}
    assert first.privacy_notice_version == settings.PRIVACY_NOTICE_VERSION
    assert first.privacy_consented_at == first.submitted_at


def test_seeded_2025_call_accepts_the_four_consortium_countries():
    call = RegistrationCall.objects.get(slug="baltic-ai-gigafactory-2025")

    assert sorted(country.code for country in call.countries) == ["EE", "LT", "LV", "PL"]


def test_a_country_outside_the_calls_list_is_refused_with_a_clear_message(call, english):
    call.countries = ["LT", "LV"]
    call.save()

    with pytest.raises(CountryNotAccepted) as refused:
        submit(call, organisation={"country": "EE", "registration_code": "10137319"})

    assert (
        str(refused.value)
        == "This call accepts organisations registered in these countries: Latvia, Lithuania."
    )
    assert not Registration.objects.exists()
    assert not Organisation.objects.exists()
    assert not Email.objects.exists()
    assert RegistrationCall.objects.get(pk=call.pk).last_reference_number == 0


def test_confirmation_is_queued_in_the_transaction_and_sent_only_after_commit(
    call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        registration = submit(call).registration
        email = Email.objects.get()
        assert email.status == STATUS.queued
        assert email.to == ["ruta@example.lt"]
        assert mail.outbox == []

    assert len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert registration.reference in mail.outbox[0].subject


def test_nothing_is_queued_when_the_submission_is_refused(call, django_capture_on_commit_callbacks):
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.opens_at = call.closes_at - timedelta(days=1)
    call.save()
    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RegistrationClosed):
        submit(call)

    assert callbacks == []
    assert not Email.objects.exists()
    assert not Organisation.objects.exists()


def test_confirmation_email_carries_reference_answers_and_a_working_edit_link(
    call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        registration = submit(call).registration

    message = mail.outbox[0]
    html = message.alternatives[0][0]
    for body in (message.body, html):
        assert registration.reference in body
        assert "UAB Skaičiavimai" in body
        assert "Contribute to building the infrastructure; Invest" in body
        assert "EUR 10–50 million" in body
        assert "+370 612 34567" in body
    token = message.body.split("/en/register/edit/")[1].split("/")[0]
    assert Registration.objects.get(edit_links__token_hash=hash_token(token)) == registration
    link = registration.edit_links.get()
    assert token not in (link.token_hash, link.nonce)  # the secret itself is not stored


def test_confirmation_goes_out_in_the_applicants_language(call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(call, language="lt")

    message = mail.outbox[0]
    assert message.extra_headers["Content-Language"] == "lt"
    assert "/lt/register/edit/" in message.body
    assert "Registracija gauta" in message.subject


def test_stored_copy_of_a_sent_email_has_its_secret_link_removed(call, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        submit(call)

    token = mail.outbox[0].body.split("/en/register/edit/")[1].split("/")[0]
    stored = Email.objects.get()
    assert token not in stored.message
    assert token not in stored.html_message
    assert "/en/register/edit/…/" in stored.message


def test_same_form_posted_twice_gives_one_registration(call):
    key = uuid.uuid4()
    first = submit(call, submission_key=key)
    second = submit(call, submission_key=key)

    assert (first.outcome, second.outcome) == ("created", "resubmitted")
    assert second.registration == first.registration
    assert Registration.objects.count() == 1
    assert Email.objects.count() == 1


def test_second_registration_of_an_organisation_emails_the_contact_on_file(
    call, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = submit(call).registration
    first_token = mail.outbox[0].body.split("/en/register/edit/")[1].split("/")[0]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        attempt = submit(
            call,
            organisation={"legal_name": "Somebody Else", "registration_code": " 188-621-919 ".strip()},
            answers={"contact_email": "intruder@example.com"},
        )

    assert attempt.outcome == "duplicate"
    assert attempt.registration is None
    assert Registration.objects.count() == 1
    first.refresh_from_db()
    assert first.legal_name == first.organisation.legal_name == "UAB Skaičiavimai"
    [message] = mail.outbox
    assert message.to == ["ruta@example.lt"]
    assert first.reference in message.subject
    token = message.body.split("/en/register/edit/")[1].split("/")[0]
    # A new link for the contact, and the one they had keeps working.
    assert token != first_token
    for link_token in (token, first_token):
        assert Registration.objects.get(edit_links__token_hash=hash_token(link_token)) == first


def test_repeated_attempts_email_the_contact_on_file_at_most_once_a_day(
    call, django_capture_on_commit_callbacks
):
    submit(call)
    mail.outbox.clear()
    start = timezone.now()

    for minutes in (0, 5, 60 * 23):
        with django_capture_on_commit_callbacks(execute=True):
            attempt = submit(call, now=start + timedelta(minutes=minutes))
        assert attempt.outcome == "duplicate"
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        submit(call, now=start + timedelta(days=1, minutes=1))
    assert len(mail.outbox) == 2


def test_organisation_that_withdrew_may_register_again(call):
    first = submit(call).registration
    withdraw_registration(registration=first)

    again = submit(call, organisation={"legal_name": "UAB Skaičiavimai LT", "address": "Elsewhere 1, Kaunas"})

    assert again.outcome == "created"
    assert again.registration.organisation == first.organisation
    assert again.registration.legal_name == "UAB Skaičiavimai LT"
    # What the earlier registration says, and the shared record, stay as they were.
    first.refresh_from_db()
    assert (first.legal_name, first.address) == ("UAB Skaičiavimai", organisation_data()["address"])
    assert first.organisation.legal_name == "UAB Skaičiavimai"


def test_registering_a_known_code_in_another_call_changes_nothing_the_first_shows(call):
    accepted = submit(call).registration
    accepted.status = Status.ACCEPTED
    accepted.save()

    stranger = submit(
        RegistrationCallFactory(),
        organisation={
            "legal_name": "Stranger Ltd",
            "address": "Nowhere 1",
            "website": "https://evil.example",
        },
    ).registration

    accepted.refresh_from_db()
    assert stranger.organisation == accepted.organisation
    assert (accepted.legal_name, accepted.website) == ("UAB Skaičiavimai", organisation_data()["website"])
    assert accepted.organisation.legal_name == "UAB Skaičiavimai"
    assert stranger.legal_name == "Stranger Ltd"


def test_same_organisation_may_register_for_a_different_call(call):
    submit(call)
    other_call = RegistrationCallFactory()

    assert submit(other_call).outcome == "created"
    assert Organisation.objects.count() == 1


def test_update_changes_answers_and_confirms_by_email(call, django_capture_on_commit_callbacks):
    registration = submit(call).registration
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        update_registration(
            registration=registration,
            organisation=organisation_data(
                legal_name="UAB Nauji Skaičiavimai", registration_code="999999999"
            ),
            answers=answers(
                statement="New statement", participation=list(ParticipationKind.objects.filter(code="invest"))
            ),
        )

    registration.refresh_from_db()
    assert registration.statement == "New statement"
    assert registration.legal_name == "UAB Nauji Skaičiavimai"
    assert registration.organisation.legal_name == "UAB Skaičiavimai"  # the shared record is staff's
    assert registration.organisation.registration_code == "188621919"  # identity never changes
    assert list(registration.participation.values_list("code", flat=True)) == ["invest"]
    assert "has been changed" in mail.outbox[0].subject


def test_no_changes_after_the_call_closes(call):
    registration = RegistrationFactory(call=call, statement="Original")
    after_close = call.closes_at

    with pytest.raises(RegistrationLocked):
        update_registration(
            registration=registration, organisation=organisation_data(), answers=answers(), now=after_close
        )
    with pytest.raises(RegistrationLocked):
        withdraw_registration(registration=registration, now=after_close)

    registration.refresh_from_db()
    assert registration.statement == "Original"
    assert registration.status == Status.SUBMITTED


def test_withdrawal_records_the_time_and_sends_a_receipt(call, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(call=call)

    with django_capture_on_commit_callbacks(execute=True):
        withdraw_registration(registration=registration)

    registration.refresh_from_db()
    assert registration.status == Status.WITHDRAWN
    assert registration.withdrawn_at is not None
    assert "withdrawn" in mail.outbox[0].subject


def history(registration):
    """Each entry of the registration's history: its kind, and the ways of taking part it holds."""
    return [
        (entry.history_type, set(entry.participation.values_list("participationkind__code", flat=True)))
        for entry in registration.history.order_by("history_date", "history_id")
    ]


def test_a_registration_enters_its_history_once_with_its_ways_of_taking_part(call):
    registration = submit(call).registration

    assert history(registration) == [("+", {"build_infrastructure", "invest"})]


def test_a_correction_enters_the_history_once_with_the_new_ways_of_taking_part(call):
    registration = submit(call).registration

    update_registration(
        registration=registration,
        organisation=organisation_data(),
        answers=answers(participation=list(ParticipationKind.objects.filter(code="use_compute"))),
    )

    assert history(registration) == [
        ("+", {"build_infrastructure", "invest"}),
        ("~", {"use_compute"}),
    ]
