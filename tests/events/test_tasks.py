from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from events.models import Signup
from events.services import cancel_signup, update_meeting
from events.tasks import send_meeting_reminders
from tests.events.helpers import calendar_files, cancel_token, join, to
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")
START = datetime(2030, 3, 12, 10, 0, tzinfo=VILNIUS)


@pytest.fixture
def meeting():
    return MeetingFactory(starts_at=START, ends_at=START + timedelta(hours=2), in_person_capacity=2)


@pytest.fixture
def run_reminders(django_capture_on_commit_callbacks):
    def _run(at):
        before = len(mail.outbox)
        with time_machine.travel(at, tick=False), django_capture_on_commit_callbacks(execute=True):
            count = send_meeting_reminders.delay().get()
        return count, mail.outbox[before:]

    return _run


def test_reminder_goes_to_confirmed_attendees_about_a_day_before_and_only_once(meeting, run_reminders):
    early = START - timedelta(days=3)
    join(meeting, email="a@example.lt", now=early)
    join(meeting, email="online@example.lt", mode="online", now=early)
    join(meeting, email="b@example.lt", now=early)
    join(meeting, email="waiting@example.lt", now=early)
    cancelled = join(meeting, email="gone@example.lt", mode="online", now=early).signup
    cancel_signup(signup=cancelled, now=early)

    too_early = run_reminders(START - timedelta(hours=24, minutes=1))
    due = run_reminders(START - timedelta(hours=23, minutes=55))
    again = run_reminders(START - timedelta(hours=23, minutes=45))
    later = run_reminders(START - timedelta(hours=1))

    assert too_early == (0, [])
    count, messages = due
    assert count == 3
    assert sorted(m.to[0] for m in messages) == ["a@example.lt", "b@example.lt", "online@example.lt"]
    assert again == (0, [])
    assert later == (0, [])
    assert Signup.objects.filter(reminded_at__isnull=False).count() == 3


def test_reminder_carries_the_details_calendar_file_and_a_working_cancel_link(
    meeting, run_reminders, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join(meeting, email="online@example.lt", mode="online", now=START - timedelta(days=2))
    [confirmation] = mail.outbox
    mail.outbox.clear()

    _count, [message] = run_reminders(START - timedelta(hours=20))

    assert message.subject.startswith(f"Reminder: {meeting.title}")
    assert meeting.join_url in message.body
    assert len(calendar_files(message)) == 1
    # The reminder carries the link the person already has: no new one.
    assert cancel_token(message) == cancel_token(confirmation)
    assert Signup.objects.get().cancel_links.count() == 1


def test_people_confirmed_within_the_last_day_are_not_reminded(meeting, run_reminders):
    join(meeting, email="late@example.lt", now=START - timedelta(hours=5))

    assert run_reminders(START - timedelta(hours=4)) == (0, [])


def test_a_new_time_brings_a_new_reminder(meeting, run_reminders):
    join(meeting, email="a@example.lt", now=START - timedelta(days=3))
    run_reminders(START - timedelta(hours=23))
    new_start = START + timedelta(days=7)
    update_meeting(
        meeting=meeting,
        data={"starts_at": new_start, "ends_at": new_start + timedelta(hours=2)},
        now=START - timedelta(hours=22),
    )

    count, messages = run_reminders(new_start - timedelta(hours=23))

    assert count == 1
    assert to(messages, "a@example.lt")[0].subject.startswith("Reminder:")


def test_no_reminder_once_the_meeting_has_started(meeting, run_reminders):
    join(meeting, email="a@example.lt", now=START - timedelta(days=3))

    assert run_reminders(START + timedelta(minutes=1)) == (0, [])
