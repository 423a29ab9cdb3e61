"""Real races on PostgreSQL: threads released together by a barrier, each on its own database connection."""

import re
import threading
from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from events.models import Signup, SignupStatus
from events.services import cancel_signup, place_signup, send_reminders
from tests.events.helpers import join
from tests.factories import MeetingFactory, SignupFactory
from tests.races import TIMEOUT, race

pytestmark = [pytest.mark.needs_services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

THREADS = 200
SEATS = 50


def in_person(meeting, status):
    return Signup.objects.filter(meeting=meeting, mode="in_person", status=status)


def test_200_simultaneous_signups_for_50_seats_confirm_exactly_50():
    meeting = MeetingFactory(in_person_capacity=SEATS)

    errors = race(lambda i: join(meeting, email=f"person{i}@example.lt"), THREADS)

    assert errors == []
    assert in_person(meeting, SignupStatus.CONFIRMED).count() == SEATS
    positions = sorted(
        in_person(meeting, SignupStatus.WAITLISTED).values_list("waitlist_position", flat=True)
    )
    assert positions == list(range(1, THREADS - SEATS + 1))
    subjects = [message.subject for message in mail.outbox]
    assert sum(subject.startswith("Your seat is confirmed") for subject in subjects) == SEATS
    emailed_positions = sorted(int(n) for s in subjects for n in re.findall(r"You are number (\d+)", s))
    assert emailed_positions == positions


def test_control_without_the_lock_the_same_signups_oversell_or_clash():
    """The same counting-and-placing step, run without locking the meeting: the race the lock prevents."""
    if not connection.features.has_select_for_update:
        pytest.skip("this database cannot lock rows, so there is no lock to leave out")
    meeting = MeetingFactory(in_person_capacity=SEATS)
    signups = [SignupFactory.build(meeting=meeting, email=f"person{i}@example.lt") for i in range(THREADS)]
    now = timezone.now()

    def place_without_lock(i):
        with transaction.atomic():
            place_signup(meeting=meeting, signup=signups[i], now=now)

    errors = race(place_without_lock, THREADS)

    confirmed = in_person(meeting, SignupStatus.CONFIRMED).count()
    positions = list(in_person(meeting, SignupStatus.WAITLISTED).values_list("waitlist_position", flat=True))
    clashes = sum(isinstance(error, IntegrityError) for error in errors)
    assert all(isinstance(error, IntegrityError) for error in errors), errors
    assert confirmed > SEATS or clashes > 0 or len(set(positions)) < len(positions)


def test_cancellations_racing_new_signups_never_oversell_or_promote_twice():
    seats = 10
    meeting = MeetingFactory(in_person_capacity=seats)
    confirmed = [join(meeting, email=f"seat{i}@example.lt").signup for i in range(seats)]
    waiting = [join(meeting, email=f"wait{i}@example.lt").signup for i in range(15)]
    mail.outbox.clear()
    done = threading.Event()
    seen = []

    def watch():
        try:
            while not done.is_set():
                seen.append(in_person(meeting, SignupStatus.CONFIRMED).count())
        finally:
            connection.close()

    def work(i):
        if i < seats:
            cancel_signup(signup=confirmed[i])
        else:
            join(meeting, email=f"new{i}@example.lt")

    watcher = threading.Thread(target=watch)
    watcher.start()
    try:
        errors = race(work, seats + 20)
    finally:
        done.set()
        watcher.join(timeout=TIMEOUT)

    assert errors == []
    assert seen
    assert max(seen) <= seats
    promoted = sorted(s.email for s in in_person(meeting, SignupStatus.CONFIRMED))
    assert promoted == sorted(s.email for s in waiting[:seats])
    promotions = Counter(m.to[0] for m in mail.outbox if m.subject.startswith("A seat has become free"))
    assert promotions == dict.fromkeys(promoted, 1)
    still_waiting = in_person(meeting, SignupStatus.WAITLISTED).order_by("waitlist_position")
    assert [s.waitlist_position for s in still_waiting] == list(range(1, 5 + 20 + 1))
    assert [s.email for s in still_waiting[:5]] == [s.email for s in waiting[seats:]]


def test_reminder_runs_at_the_same_time_remind_each_attendee_once():
    meeting = MeetingFactory(in_person_capacity=30)
    signed_up = meeting.starts_at - timedelta(days=3)
    for i in range(30):
        join(meeting, email=f"person{i}@example.lt", now=signed_up)
    mail.outbox.clear()
    due = meeting.starts_at - timedelta(hours=23)

    errors = race(lambda i: send_reminders(now=due), 8)

    assert errors == []
    reminders = Counter(m.to[0] for m in mail.outbox if m.subject.startswith("Reminder:"))
    assert reminders == {f"person{i}@example.lt": 1 for i in range(30)}
