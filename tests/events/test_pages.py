from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from events.models import Meeting

pytestmark = pytest.mark.django_db


def test_landing_page_links_the_information_meeting_to_the_events_page(client):
    content = client.get("/en/").content.decode()

    paragraph = next(p for p in content.split("<p>") if "An information meeting on 1 August" in p)
    assert 'href="/en/events/"' in paragraph


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
