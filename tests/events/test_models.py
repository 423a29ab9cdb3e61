from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from events.models import Meeting, SignupStatus
from tests.factories import MeetingFactory, SignupFactory

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")


@pytest.fixture
def seeded():
    return Meeting.objects.get(slug="information-meeting-2025-08-01")


def test_seeded_meeting_is_1_august_2025_10_to_12_vilnius_time_hybrid(seeded):
    assert seeded.starts_at == datetime(2025, 8, 1, 10, 0, tzinfo=VILNIUS)
    assert seeded.ends_at == datetime(2025, 8, 1, 12, 0, tzinfo=VILNIUS)
    assert seeded.starts_at == datetime(2025, 8, 1, 7, 0, tzinfo=ZoneInfo("UTC"))
    assert seeded.format == "hybrid"
    assert seeded.modes == ("in_person", "online")
    assert (
        seeded.venue_lt
        == "Lietuvos Respublikos ekonomikos ir inovacijų ministerija, Gedimino pr. 38, Vilnius"
    )
    assert seeded.venue_en == (
        "Ministry of the Economy and Innovation of the Republic of Lithuania, Gedimino pr. 38, Vilnius"
    )
    assert (seeded.in_person_capacity, seeded.online_capacity) == (100, None)
    assert seeded.join_url == ""
    assert "staff" not in seeded.description_en
    assert seeded.signups_close_at == seeded.starts_at
    assert not seeded.is_demo
    seeded.full_clean()


@pytest.mark.parametrize(
    ("moment", "accepts"),
    [
        (datetime(2025, 8, 1, 9, 59, 59, tzinfo=VILNIUS), True),
        (datetime(2025, 8, 1, 10, 0, tzinfo=VILNIUS), False),
        (datetime(2025, 8, 1, 12, 0, tzinfo=VILNIUS), False),
    ],
)
def test_signups_close_at_the_start_unless_set_otherwise(seeded, moment, accepts):
    assert seeded.accepts_signups(moment) is accepts


def test_signups_may_close_earlier_than_the_start(seeded):
    seeded.signup_closes_at = datetime(2025, 7, 31, 17, 0, tzinfo=VILNIUS)

    assert seeded.accepts_signups(datetime(2025, 7, 31, 16, 59, tzinfo=VILNIUS))
    assert not seeded.accepts_signups(datetime(2025, 7, 31, 17, 0, tzinfo=VILNIUS))


def test_meeting_past_and_upcoming_are_split_at_the_end():
    meeting = MeetingFactory()

    assert meeting in Meeting.objects.upcoming(meeting.ends_at - timedelta(seconds=1))
    assert meeting not in Meeting.objects.upcoming(meeting.ends_at)
    assert meeting in Meeting.objects.past(meeting.ends_at)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"venue_lt": ""}, "venue_lt"),
        ({"in_person_capacity": None}, "in_person_capacity"),
        ({"in_person_capacity": 0}, "in_person_capacity"),
        ({"ends_at_offset": timedelta(hours=-3)}, "ends_at"),
        ({"signup_closes_offset": timedelta(hours=3)}, "signup_closes_at"),
    ],
)
def test_meeting_validation_explains_what_is_missing(changes, field):
    meeting = MeetingFactory.build(format="hybrid")
    if "ends_at_offset" in changes:
        meeting.ends_at = meeting.starts_at + changes.pop("ends_at_offset")
    if "signup_closes_offset" in changes:
        meeting.signup_closes_at = meeting.ends_at + changes.pop("signup_closes_offset")
    for name, value in changes.items():
        setattr(meeting, name, value)

    with pytest.raises(ValidationError) as raised:
        meeting.full_clean()

    assert field in raised.value.message_dict


def test_online_meeting_needs_neither_venue_nor_capacity():
    meeting = MeetingFactory.build(
        format="online", venue_lt="", in_person_capacity=None, online_capacity=None
    )

    meeting.full_clean()

    assert meeting.capacity_for("online") is None


def test_database_refuses_a_meeting_ending_before_it_starts():
    meeting = MeetingFactory.build()
    meeting.ends_at = meeting.starts_at

    with pytest.raises(IntegrityError), transaction.atomic():
        meeting.save()


def test_database_refuses_a_second_live_signup_of_the_same_address_in_any_case():
    first = SignupFactory(email="egle@example.lt")

    with pytest.raises(IntegrityError), transaction.atomic():
        SignupFactory(meeting=first.meeting, email="EGLE@example.lt")

    first.status = SignupStatus.CANCELLED
    first.save()
    SignupFactory(meeting=first.meeting, email="EGLE@example.lt")


def test_database_refuses_two_people_in_the_same_waiting_place():
    first = SignupFactory(status=SignupStatus.WAITLISTED, waitlist_position=1, confirmed_at=None)

    with pytest.raises(IntegrityError), transaction.atomic():
        SignupFactory(meeting=first.meeting, status=SignupStatus.WAITLISTED, waitlist_position=1)


def test_database_refuses_a_waiting_place_on_a_confirmed_signup():
    with pytest.raises(IntegrityError), transaction.atomic():
        SignupFactory(status=SignupStatus.CONFIRMED, waitlist_position=3)
