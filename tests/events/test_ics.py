from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from events.ics import meeting_ics
from events.models import Meeting
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

NOW = datetime(2025, 7, 20, 9, 0, tzinfo=UTC)


def parse(meeting, mode="in_person"):
    content = meeting_ics(
        meeting=meeting, mode=mode, meeting_url="https://portal.example/en/events/x/", now=NOW
    )
    calendar = Calendar.from_ical(content)
    [event] = calendar.walk("VEVENT")
    return calendar, event


def test_calendar_file_carries_the_start_in_vilnius_time_and_the_right_utc_instant():
    meeting = Meeting.objects.get(slug="information-meeting-2025-08-01")

    calendar, event = parse(meeting)

    start = event.decoded("DTSTART")
    assert start.astimezone(UTC) == datetime(2025, 8, 1, 7, 0, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == datetime(2025, 8, 1, 9, 0, tzinfo=UTC)
    assert event["DTSTART"].params["TZID"] == "Europe/Vilnius"
    [zone] = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Vilnius"
    assert calendar["METHOD"] == "PUBLISH"
    assert event["SUMMARY"] == meeting.title
    assert "Gedimino pr. 38, Vilnius" in event["LOCATION"]


def test_calendar_file_in_winter_uses_the_winter_offset():
    meeting = MeetingFactory(
        starts_at=datetime(2025, 12, 5, 10, 0, tzinfo=ZoneInfo("Europe/Vilnius")),
        ends_at=datetime(2025, 12, 5, 11, 0, tzinfo=ZoneInfo("Europe/Vilnius")),
    )

    _calendar, event = parse(meeting)

    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2025, 12, 5, 8, 0, tzinfo=UTC)


def test_calendar_uid_is_stable_and_sequence_follows_the_meeting():
    meeting = MeetingFactory()
    _c, before = parse(meeting)
    meeting.sequence = 3
    meeting.starts_at += timedelta(days=1)
    meeting.ends_at += timedelta(days=1)

    _c, after = parse(meeting)

    assert after["UID"] == before["UID"]
    assert str(meeting.calendar_uid) in after["UID"]
    assert (int(before["SEQUENCE"]), int(after["SEQUENCE"])) == (0, 3)


def test_online_calendar_file_is_located_at_the_join_link():
    meeting = MeetingFactory()

    _c, online = parse(meeting, mode="online")
    _c, in_person = parse(meeting, mode="in_person")

    assert online["LOCATION"] == meeting.join_url
    assert meeting.join_url in online["DESCRIPTION"]
    assert in_person["LOCATION"] == meeting.venue
    assert meeting.join_url not in in_person.to_ical().decode()


def test_online_calendar_file_without_a_join_link_promises_one(english):
    meeting = MeetingFactory(join_url="")

    _c, event = parse(meeting, mode="online")

    assert "LOCATION" not in event
    assert "We will email you the link to join online" in event["DESCRIPTION"]
