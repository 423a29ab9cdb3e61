"""Content that staff write per language: the reader's language, a marked fallback, nothing meant for staff."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from consortium.translated import translated
from events.models import Meeting
from registrations.models import RegistrationCall
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")
LANGUAGES = ["lt", "en", "lv", "et", "pl"]
STAFF_NOTE = "Patikrinti salės rezervaciją"


@pytest.fixture
def seeded():
    meeting = Meeting.objects.get(slug="information-meeting-2025-08-01")
    call = RegistrationCall.objects.get(slug="baltic-ai-gigafactory-2025")
    for record in (meeting, call):
        record.staff_notes = STAFF_NOTE
        record.save()
    return meeting, call


def test_seeded_meeting_and_call_have_a_different_title_in_every_language(client, seeded):
    titles = {"meeting": {}, "call": {}}
    with time_machine.travel(datetime(2025, 7, 30, 9, 0, tzinfo=VILNIUS)):
        for language in LANGUAGES:
            meeting_page = client.get(f"/{language}/events/information-meeting-2025-08-01/").content.decode()
            register_page = client.get(f"/{language}/register/").content.decode()
            titles["meeting"][language] = getattr(seeded[0], f"title_{language}")
            titles["call"][language] = getattr(seeded[1], f"title_{language}")
            assert f"<h1>{titles['meeting'][language]}</h1>" in meeting_page
            assert titles["call"][language] in register_page

    for kind in titles:
        assert len(set(titles[kind].values())) == len(LANGUAGES)
        for language in ("lt", "lv", "et", "pl"):
            assert titles[kind][language] != titles[kind]["en"]
    assert (
        titles["meeting"]["lt"]
        == "Baltijos dirbtinio intelekto gigagamyklos konsorciumas: informacinis susitikimas"
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_public_page_shows_text_meant_for_staff(client, seeded, language):
    paths = [
        "",
        "events/",
        "events/information-meeting-2025-08-01/",
        "register/",
        "privacy/",
        "accessibility/",
    ]
    for moment in (datetime(2025, 7, 30, 9, 0), datetime(2025, 8, 5, 9, 0), datetime(2025, 9, 1, 9, 0)):
        with time_machine.travel(moment.replace(tzinfo=VILNIUS)):
            for path in paths:
                content = client.get(f"/{language}/{path}").content.decode()
                assert STAFF_NOTE not in content, path
                assert "To staff" not in content, path
                assert "[[" not in content, path


def test_seeded_description_speaks_only_to_the_public(seeded):
    meeting, call = seeded
    for language in LANGUAGES:
        for text in (getattr(meeting, f"description_{language}"), getattr(call, f"description_{language}")):
            assert "3" in text
            assert "65" in text
    assert "To staff" not in meeting.description_en
    assert "staff" not in meeting.description_en.lower()


def test_text_missing_in_a_language_falls_back_to_lithuanian_then_english():
    meeting = MeetingFactory(title_lt="Informacinis susitikimas", title_en="Information meeting", venue_lt="")
    meeting.venue_en = "Gedimino pr. 38, Vilnius"

    assert translated(meeting, "title", "pl").text == "Informacinis susitikimas"
    assert translated(meeting, "title", "pl").language == "lt"
    assert translated(meeting, "title", "pl").is_fallback
    assert not translated(meeting, "title", "lt").is_fallback
    assert (translated(meeting, "venue", "et").text, translated(meeting, "venue", "et").language) == (
        "Gedimino pr. 38, Vilnius",
        "en",
    )
    with translation.override("pl"):
        assert meeting.title == "Informacinis susitikimas"


def test_fallback_text_is_marked_with_its_language_on_the_page(client):
    MeetingFactory(slug="fallback", title_lt="Informacinis susitikimas", title_pl="Spotkanie informacyjne")

    english = client.get("/en/events/fallback/").content.decode()
    polish = client.get("/pl/events/fallback/").content.decode()

    assert '<h1><span lang="lt">Informacinis susitikimas</span></h1>' in english
    assert "<h1>Spotkanie informacyjne</h1>" in polish
    assert '<div lang="lt"><p>The project presented, and questions answered.</p></div>' in polish


def test_online_instructions_reach_online_attendees_in_their_language(
    client, django_capture_on_commit_callbacks
):
    from django.core import mail

    from tests.events.helpers import calendar_files, join

    meeting = MeetingFactory(
        slug="hybrid",
        online_instructions_lt="Prisijunkite 10 minučių anksčiau.",
        online_instructions_pl="Prosimy dołączyć 10 minut wcześniej.",
    )

    with django_capture_on_commit_callbacks(execute=True):
        join(meeting, email="online@example.pl", mode="online", language="pl")

    page = client.get("/pl/events/hybrid/").content.decode()
    [event] = calendar_files(mail.outbox[0])[0].walk("VEVENT")
    assert "Prosimy dołączyć 10 minut wcześniej." in page
    assert "Prosimy dołączyć 10 minut wcześniej." in mail.outbox[0].body
    assert "Prosimy dołączyć 10 minut wcześniej." in str(event["DESCRIPTION"])
    assert meeting.join_url not in page
