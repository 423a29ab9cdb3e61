"""Reads about meetings and signups that more than one caller needs."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, F, Max, Q, QuerySet
from django.db.models.functions import Lower

from events.models import AttendanceMode, Meeting, Signup, SignupStatus

REMINDER_LEAD = timedelta(hours=24)


@dataclass(frozen=True)
class Seats:
    mode: str
    label: str
    capacity: int | None  # None: no limit
    confirmed: int
    waitlisted: int

    @property
    def left(self) -> int | None:
        if self.capacity is None:
            return None
        return max(self.capacity - self.confirmed, 0)

    @property
    def is_full(self) -> bool:
        return self.left == 0


def upcoming_meetings(*, now: datetime) -> QuerySet[Meeting]:
    return Meeting.objects.upcoming(now)


def past_meetings(*, now: datetime) -> QuerySet[Meeting]:
    return Meeting.objects.past(now)


COUNTED = {
    f"{status}_{mode}": (status, mode)
    for status in (SignupStatus.CONFIRMED, SignupStatus.WAITLISTED)
    for mode in AttendanceMode.values
}
COUNT_NAMES = tuple(COUNTED)


def with_seat_counts(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    """Annotate `<status>_<mode>` counts (confirmed_in_person, waitlisted_online …) in the same query."""
    return meetings.annotate(
        **{
            name: Count("signups", filter=Q(signups__status=status, signups__mode=mode))
            for name, (status, mode) in COUNTED.items()
        }
    )


def seats(meeting: Meeting) -> list[Seats]:
    """Seats taken and left for each way of attending `meeting` offers, in one query."""
    row = Signup.objects.filter(meeting=meeting).aggregate(
        **{name: Count("pk", filter=Q(status=status, mode=mode)) for name, (status, mode) in COUNTED.items()}
    )
    return [
        Seats(
            mode=mode,
            label=AttendanceMode(mode).label,
            capacity=meeting.capacity_for(mode),
            confirmed=row[f"confirmed_{mode}"],
            waitlisted=row[f"waitlisted_{mode}"],
        )
        for mode in meeting.modes
    ]


def confirmed_count(*, meeting: Meeting, mode: str) -> int:
    return Signup.objects.filter(meeting=meeting, mode=mode, status=SignupStatus.CONFIRMED).count()


def seats_taken(*, meeting: Meeting, mode: str) -> tuple[int, int]:
    """The seats of `mode` confirmed and the last place on its waiting list (0 when it is empty), in one query."""
    row = Signup.objects.filter(meeting=meeting, mode=mode).aggregate(
        confirmed=Count("pk", filter=Q(status=SignupStatus.CONFIRMED)),
        last_waiting=Max("waitlist_position", filter=Q(status=SignupStatus.WAITLISTED)),
    )
    return row["confirmed"], row["last_waiting"] or 0


def live_signup_for(*, meeting: Meeting, email: str) -> Signup | None:
    return (
        Signup.objects.filter(meeting=meeting, email__iexact=email)
        .exclude(status=SignupStatus.CANCELLED)
        .first()
    )


def waiting_list(*, meeting: Meeting, mode: str) -> QuerySet[Signup]:
    return Signup.objects.filter(meeting=meeting, mode=mode, status=SignupStatus.WAITLISTED).order_by(
        "waitlist_position"
    )


def signups_due_reminder(*, now: datetime) -> list[int]:
    """Confirmed signups of meetings starting within a day, not reminded yet.

    People whose seat was confirmed less than a day before the start have just had an email with every detail;
    they are not reminded.
    """
    return list(
        Signup.objects.filter(
            status=SignupStatus.CONFIRMED,
            reminded_at__isnull=True,
            meeting__starts_at__gt=now,
            meeting__starts_at__lte=now + REMINDER_LEAD,
            confirmed_at__lte=F("meeting__starts_at") - REMINDER_LEAD,
        )
        .order_by("meeting__starts_at", "pk")
        .values_list("pk", flat=True)
    )


def check_in_list(*, meeting: Meeting, mode: str) -> QuerySet[Signup]:
    """Confirmed attendees of one way of attending, alphabetically, with what the sheet shows."""
    return (
        Signup.objects.filter(meeting=meeting, mode=mode, status=SignupStatus.CONFIRMED)
        .select_related("registration")
        .order_by(Lower("name"), "pk")
    )


def pending_change_notifications(*, meeting_id: int, now: datetime) -> QuerySet[int]:
    """Confirmed signups of a meeting not yet over that have not had its latest calendar file, oldest first."""
    return (
        Signup.objects.filter(
            meeting_id=meeting_id,
            meeting__ends_at__gt=now,
            status=SignupStatus.CONFIRMED,
            calendar_sequence__lt=F("meeting__sequence"),
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def meetings_with_pending_changes(*, now: datetime) -> list[int]:
    return list(
        Meeting.objects.filter(
            ends_at__gt=now,
            signups__status=SignupStatus.CONFIRMED,
            signups__calendar_sequence__lt=F("sequence"),
        )
        .distinct()
        .values_list("pk", flat=True)
    )


def landing_section(now: datetime) -> dict:
    """What the landing page says about the meetings (consortium.landing): the next ones from their records, or
    else the last one held, so that no date is written into the page."""
    return {"meetings": list(upcoming_meetings(now=now)[:3]), "last_meeting": past_meetings(now=now).first()}
