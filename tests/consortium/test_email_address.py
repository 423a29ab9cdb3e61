"""Addresses every part of the mail path handles, refused clearly everywhere else."""

import pytest

from consortium.email_address import is_deliverable
from events.models import Signup
from registrations.models import Registration
from tests.factories import (
    MeetingFactory,
    RegistrationCallFactory,
    RegistrationFactory,
    registration_form_data,
    signup_form_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

REFUSED = [
    '"x,victim@evil.example"@probe.example',
    '"<x>"@probe.example',
    "a b@example.lt",
    "x@[127.0.0.1]",
    "a..b@example.lt",
    "ona@example.lt\n",
]
MESSAGE = "Enter an email address in the form name@example.lt, without spaces, quotation marks, commas or angle brackets."


@pytest.mark.parametrize(
    "address",
    [
        "ona@example.lt",
        "o'brien@example.ie",
        "first.last+tag@sub.example.lt",
        "jonas@ąžuolas.lt",
        "anonymised-7@erased.invalid",
    ],
)
def test_ordinary_addresses_are_accepted(address):
    assert is_deliverable(address)


@pytest.mark.parametrize("address", REFUSED)
def test_quoted_bracketed_and_odd_addresses_are_refused(address):
    assert not is_deliverable(address)


@pytest.mark.parametrize("address", REFUSED[:2])
def test_the_public_forms_refuse_them_with_a_clear_message(post, address):
    call = RegistrationCallFactory()
    meeting = MeetingFactory(slug="briefing")

    registration = post("/en/register/", registration_form_data(call, contact_email=address))
    signup = post(f"/en/events/{meeting.slug}/", signup_form_data(email=address))

    for response in (registration, signup):
        assert response.status_code == 200
        assert MESSAGE in response.content.decode()
    assert not Registration.objects.exists()
    assert not Signup.objects.exists()


def test_the_admin_refuses_them_too(admin_client):
    registration = RegistrationFactory()
    page = f"/admin/registrations/registration/{registration.pk}/change/"
    form = admin_client.get(page).context["adminform"].form
    data = {
        **{name: value for name, value in form.initial.items() if value is not None},
        "contact_email": REFUSED[0],
    }
    data["participation"] = [kind.pk for kind in registration.participation.all()]

    response = admin_client.post(page, data)

    assert response.status_code == 200
    assert MESSAGE in response.content.decode()
    registration.refresh_from_db()
    assert registration.contact_email != REFUSED[0]
