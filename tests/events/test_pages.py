from datetime import UTC, datetime
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from events.models import Meeting
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_landing_page_gives_the_next_meetings_date_from_its_record(client):
    MeetingFactory(
        slug="september",
        title_lt="September briefing",
        starts_at=datetime(2099, 9, 15, 7, 0, tzinfo=UTC),
        ends_at=datetime(2099, 9, 15, 9, 0, tzinfo=UTC),
    )

    content = client.get("/en/").content.decode()

    timeline = content.split('<dl class="timeline">')[1].split("</dl>")[0]
    assert "<dt>15 September 2099, 10:00</dt>" in timeline
    assert 'href="/en/events/september/"><span lang="lt">September briefing</span></a>' in timeline
    assert "1 August" not in timeline
    assert 'href="/en/events/"' in content


def test_landing_page_after_the_last_meeting_says_when_it_was_held(client):
    with time_machine.travel(datetime(2025, 9, 1, 12, 0, tzinfo=UTC)):
        content = client.get("/en/").content.decode()

    timeline = content.split('<dl class="timeline">')[1].split("</dl>")[0]
    assert "<dt>1 August 2025</dt>" in timeline
    assert "Information meeting held:" in timeline
    assert "No further meeting is planned at the moment." in timeline


def test_demo_data_adds_an_upcoming_demo_meeting_open_for_signups(client):
    call_command("load_demo_data", stdout=StringIO())
    call_command("load_demo_data", stdout=StringIO())

    meeting = Meeting.objects.get(is_demo=True)
    now = timezone.now()
    assert meeting.accepts_signups(now)
    assert meeting.starts_at > now
    meeting.full_clean()
    listing = client.get("/en/events/").content.decode()
    page = client.get(f"/en/events/{meeting.slug}/").content.decode()
    assert f'href="/en/events/{meeting.slug}/"' in listing
    assert "Demonstration data: calls and meetings marked as demonstrations are not real" in page
    assert 'name="email"' in page


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("lt", "Demonstracija: informacinis susitikimas"),
        ("en", "Demo: information meeting"),
        ("lv", "Demonstrācija: informatīvā sanāksme"),
        ("et", "Demo: infokohtumine"),
        ("pl", "Demonstracja: spotkanie informacyjne"),
    ],
)
def test_demo_data_speaks_every_language(client, language, title):
    call_command("load_demo_data", stdout=StringIO())

    page = client.get(f"/{language}/events/demo-meeting/").content.decode()

    assert f"<h1>{title}</h1>" in page
    assert "lang=" not in page.split("<h1>")[1].split("</h1>")[0]
