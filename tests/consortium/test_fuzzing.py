"""Random text at every public form: never a server error, never an email the outbox can neither send nor fail.

The text mixes what people paste by accident or on purpose: control characters, invisible ones, bidirectional
overrides, and addresses that RFC 5322 allows but the mail path would misread (quoted local parts, commas).
"""

import pytest
from django.core import mail as sent_mail
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from post_office.models import STATUS, Email

from consortium import mail
from consortium.email_address import is_deliverable
from events.models import Signup
from registrations.models import EditLink, Registration
from tests.factories import (
    MeetingFactory,
    RegistrationCallFactory,
    RegistrationFactory,
    registration_form_data,
    signup_form_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FUZZ = hypothesis_settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ODD = "\x00\x07\x1b\r\n\t\u00a0\u00ad\u200b\u200d\u200e\u202a\u202e\u2066\u2069\u3164\ufeff\u2800"
# Letters, digits, punctuation and the odd characters above, in any mix.
text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=["Cs"]) | st.sampled_from(ODD), max_size=60
)
quoted_local_part = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=126), min_size=1, max_size=20
)
addresses = (
    st.emails()
    | st.builds(
        lambda local, domain: f'"{local}"@{domain}',
        quoted_local_part,
        st.sampled_from(["example.lt", "probe.example"]),
    )
    | text
)
REGISTRATION_TEXT = [
    "legal_name",
    "registration_code",
    "vat_code",
    "address",
    "description",
    "contact_name",
    "contact_job_title",
    "contact_phone",
    "statement",
    "compute_needs",
    "website",
]
SIGNUP_TEXT = ["name", "organisation", "job_title", "registration_reference"]


@pytest.fixture
def unlimited(settings):
    settings.RATELIMIT_PUBLIC_POSTS = ""


@pytest.fixture
def places():
    call = RegistrationCallFactory()
    meeting = MeetingFactory(slug="briefing")
    registration = RegistrationFactory(call=call)
    _link, token = EditLink.issue(registration=registration)
    return call, meeting, f"/en/register/edit/{token}/"


def every_email_is_sent_or_failed() -> bool:
    """Deliver whatever is waiting, as the worker would: each row must end sent or failed, none stuck."""
    for email_id in Email.objects.filter(status__in=(STATUS.queued, STATUS.requeued)).values_list(
        "pk", flat=True
    ):
        mail.deliver(email_id=email_id)
    return set(Email.objects.values_list("status", flat=True)) <= {STATUS.sent, STATUS.failed}


def stored_addresses_are_deliverable() -> bool:
    addresses = [
        *Registration.objects.values_list("contact_email", flat=True),
        *Signup.objects.values_list("email", flat=True),
    ]
    return all(is_deliverable(address) for address in addresses)


def fuzzed(data, base: dict, fields: list[str], email_field: str) -> dict:
    chosen = data.draw(st.lists(st.sampled_from(fields), unique=True, max_size=4))
    payload = {**base, **{name: data.draw(text, label=name) for name in chosen}}
    payload[email_field] = data.draw(addresses, label=email_field)
    return payload


@FUZZ
@given(data=st.data())
def test_the_registration_form_answers_any_text(register, places, unlimited, data):
    call, _meeting, _edit = places
    payload = fuzzed(data, registration_form_data(call), REGISTRATION_TEXT, "contact_email")

    response = register(payload)

    assert response.status_code in (200, 302, 400)
    assert stored_addresses_are_deliverable()
    assert every_email_is_sent_or_failed()


@FUZZ
@given(data=st.data())
def test_the_correction_form_answers_any_text(post, places, unlimited, data):
    call, _meeting, edit = places
    payload = fuzzed(data, registration_form_data(call), REGISTRATION_TEXT, "contact_email")

    response = post(edit, payload)

    assert response.status_code in (200, 302, 400)
    assert stored_addresses_are_deliverable()
    assert every_email_is_sent_or_failed()


@FUZZ
@given(data=st.data())
def test_the_signup_form_answers_any_text(post, places, unlimited, data):
    payload = fuzzed(data, signup_form_data(), SIGNUP_TEXT, "email")

    response = post("/en/events/briefing/", payload)

    assert response.status_code in (200, 302, 400)
    assert stored_addresses_are_deliverable()
    assert every_email_is_sent_or_failed()
    sent_mail.outbox.clear()
