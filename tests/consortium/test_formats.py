"""Each language writes a known moment as its readers do: on pages, in emails and beside the calendar file."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from events.models import Meeting
from tests.events.helpers import calendar_files, html_of, join
from tests.factories import registration_form_data
from tests.registering import register

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")
# The seeded call's last minute, 10 August 2025 23:59 Vilnius time.
DEADLINE = {
    "lt": "2025 m. rugpjūčio 10 d., 23:59",
    "en": "10 August 2025, 23:59",
    "lv": "2025. gada 10. augusts, 23:59",
    "et": "10. august 2025, 23:59",
    "pl": "10 sierpnia 2025, 23:59",
}
# The seeded information meeting, 1 August 2025 from 10:00 to 12:00 Vilnius time.
MEETING_TIME = {
    "lt": "2025 m. rugpjūčio 1 d., 10:00–12:00",
    "en": "1 August 2025, 10:00–12:00",
    "lv": "2025. gada 1. augusts, 10:00–12:00",
    "et": "1. august 2025, 10:00–12:00",
    "pl": "1 sierpnia 2025, 10:00–12:00",
}
LANGUAGES = list(DEADLINE)


@pytest.mark.parametrize("language", LANGUAGES)
def test_registration_page_gives_the_deadline_in_the_native_format(client, language):
    with time_machine.travel(datetime(2025, 8, 5, 12, 0, tzinfo=VILNIUS)):
        page = client.get(f"/{language}/register/").content.decode()
        landing = client.get(f"/{language}/").content.decode()

    assert DEADLINE[language] in page
    assert DEADLINE[language] in landing


@pytest.mark.parametrize("language", LANGUAGES)
def test_confirmation_email_gives_the_deadline_in_the_native_format(
    client, language, django_capture_on_commit_callbacks
):
    with (
        time_machine.travel(datetime(2025, 8, 5, 12, 0, tzinfo=VILNIUS)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        register(client, registration_form_data(call=_seeded_call()), language=language)

    [message] = mail.outbox
    assert DEADLINE[language] in message.body
    assert DEADLINE[language] in html_of(message)


@pytest.mark.parametrize("language", LANGUAGES)
def test_email_with_the_calendar_file_gives_the_meeting_time_natively(
    language, django_capture_on_commit_callbacks
):
    meeting = Meeting.objects.get(slug="information-meeting-2025-08-01")

    with (
        time_machine.travel(datetime(2025, 7, 30, 9, 0, tzinfo=VILNIUS)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        join(meeting, language=language)

    [message] = mail.outbox
    [event] = calendar_files(message)[0].walk("VEVENT")
    assert MEETING_TIME[language] in message.body
    assert MEETING_TIME[language] in html_of(message)
    assert str(event["SUMMARY"]) == getattr(meeting, f"title_{language}")
    assert event["DTSTART"].dt == datetime(2025, 8, 1, 10, 0, tzinfo=VILNIUS)


def test_admin_lists_meetings_with_native_dates(admin_user):
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="lt")
    client.force_login(admin_user)

    assert "2025 m. rugpjūčio 1 d., 10:00" in client.get("/admin/events/meeting/").content.decode()


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_lithuanian_full_stop_is_doubled_after_a_date(client, language):
    """ "d." ends a Lithuanian date: a sentence that ends with one must not add a second full stop."""
    with time_machine.travel(datetime(2025, 9, 1, 12, 0, tzinfo=VILNIUS)):
        pages = [
            client.get("/lt/events/information-meeting-2025-08-01/"),
            client.get("/lt/accessibility/"),
            client.get("/lt/"),
            client.get("/lt/register/"),
        ]

    for page in pages:
        assert "d.." not in page.content.decode()


def _seeded_call():
    from registrations.models import RegistrationCall

    return RegistrationCall.objects.get(slug="baltic-ai-gigafactory-2025")
