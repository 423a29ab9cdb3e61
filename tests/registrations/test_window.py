"""The registration window of the seeded call: 28 July 2025 00:00 to 11 August 2025 00:00, Vilnius time."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from post_office.models import Email

from registrations.models import Registration, RegistrationCall
from tests.factories import registration_form_data
from tests.registering import register

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")
BEFORE_OPENING = datetime(2025, 7, 27, 23, 59, 59, tzinfo=VILNIUS)
OPENING = datetime(2025, 7, 28, 0, 0, 0, tzinfo=VILNIUS)
LAST_SECOND = datetime(2025, 8, 10, 23, 59, 59, tzinfo=VILNIUS)
CLOSING = datetime(2025, 8, 11, 0, 0, 0, tzinfo=VILNIUS)


@pytest.fixture
def call():
    return RegistrationCall.objects.get(slug="baltic-ai-gigafactory-2025")


def test_seeded_call_window_is_vilnius_midnight_to_midnight(call):
    assert call.opens_at == OPENING
    assert call.closes_at == CLOSING


@pytest.mark.parametrize(
    ("moment", "is_open"), [(BEFORE_OPENING, False), (OPENING, True), (LAST_SECOND, True), (CLOSING, False)]
)
def test_call_is_open_exactly_inside_the_window(call, moment, is_open):
    assert call.is_open(moment) is is_open
    assert RegistrationCall.objects.open(moment).filter(pk=call.pk).exists() is is_open


@pytest.mark.parametrize("moment", [OPENING, LAST_SECOND])
def test_submission_inside_the_window_is_saved(client, call, moment):
    with time_machine.travel(moment, tick=False):
        page = client.get("/en/register/")
        response = register(client, registration_form_data(call))

    assert page.status_code == 200
    assert 'name="legal_name"' in page.content.decode()
    registration = Registration.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/register/done/{registration.reference}/"
    assert registration.submitted_at == moment


def test_page_before_opening_says_when_it_opens_in_vilnius_time(client, call):
    with time_machine.travel(BEFORE_OPENING, tick=False):
        response = client.get("/en/register/")

    content = response.content.decode()
    assert "Registration opens on 28 July 2025, 00:00 (Vilnius time)." in content
    assert 'name="legal_name"' not in content


def test_post_before_opening_saves_nothing_and_says_why(client, call):
    with time_machine.travel(BEFORE_OPENING, tick=False):
        response = client.post("/en/register/", registration_form_data(call))

    assert "Your registration was not saved." in response.content.decode()
    assert "Registration opens on 28 July 2025, 00:00 (Vilnius time)." in response.content.decode()
    assert not Registration.objects.exists()
    assert not Email.objects.exists()


def test_page_after_closing_says_when_it_closed(client, call):
    with time_machine.travel(CLOSING, tick=False):
        response = client.get("/en/register/")

    content = response.content.decode()
    assert "Registration closed on 10 August 2025, 23:59 (Vilnius time)." in content
    assert 'name="legal_name"' not in content


def test_form_opened_before_close_and_posted_after_is_refused(client, call):
    with time_machine.travel(LAST_SECOND, tick=False):
        page = client.get("/en/register/").content.decode()
    submission_key = re.search(r'name="submission_key" value="([^"]+)"', page).group(1)
    call_slug = re.search(r'name="call" value="([^"]+)"', page).group(1)

    with time_machine.travel(CLOSING, tick=False):
        response = client.post(
            "/en/register/", {**registration_form_data(), "call": call_slug, "submission_key": submission_key}
        )

    content = response.content.decode()
    assert "Your registration was not saved." in content
    assert "Registration closed on 10 August 2025, 23:59 (Vilnius time)." in content
    assert not Registration.objects.exists()
    assert not Email.objects.exists()
    assert RegistrationCall.objects.get(pk=call.pk).last_reference_number == 0


def test_answers_checked_before_close_and_confirmed_after_are_refused(client, call):
    data = registration_form_data(call)
    with time_machine.travel(LAST_SECOND, tick=False):
        checked = client.post("/en/register/", data, follow=True)

    with time_machine.travel(CLOSING, tick=False):
        response = client.post("/en/register/check/", {"submission_key": data["submission_key"]})

    assert "Confirm and send" in checked.content.decode()
    content = response.content.decode()
    assert "Your registration was not saved." in content
    assert "Registration closed on 10 August 2025, 23:59 (Vilnius time)." in content
    assert not Registration.objects.exists()
    assert not Email.objects.exists()
