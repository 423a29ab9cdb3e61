"""Every write with a business rule about meetings and signups. Views, admin, tasks and tests call these.

Seats are never oversold: whatever changes who holds a seat (signing up, cancelling, a change of capacity) first
locks the meeting's row, so those changes happen one after another for each meeting.
"""

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override

from consortium.db import validated_save
from consortium.mail import queue_email
from consortium.translated import localized_names
from events.models import AttendanceMode, CancelLink, Meeting, MeetingChange, Signup, SignupStatus
from events.selectors import (
    confirmed_count,
    live_signup_for,
    pending_change_notifications,
    seats_taken,
    signups_due_reminder,
    waiting_list,
)
from registrations.models import Registration

logger = logging.getLogger(__name__)

# Someone signing up again with a live signup's address makes its owner hear about it at most this often.
DUPLICATE_NOTICE_EVERY = timedelta(days=1)
# The venue is written in each language (a column each); a change in any of them is a change of venue.
VENUE_FIELDS = tuple(localized_names("venue"))
# Changing any of these changes what attendees have in their calendars.
SCHEDULE_FIELDS = ("starts_at", "ends_at", *VENUE_FIELDS, "join_url")
# Which attendees each change concerns: a new venue means nothing to someone who attends online.
CONCERNS = {
    "starts_at": AttendanceMode.values,
    "ends_at": AttendanceMode.values,
    **dict.fromkeys(VENUE_FIELDS, (AttendanceMode.IN_PERSON,)),
    "join_url": [AttendanceMode.ONLINE],
}
CHANGE_LABELS = {
    "starts_at": gettext_lazy("date and time"),
    "ends_at": gettext_lazy("date and time"),
    **dict.fromkeys(VENUE_FIELDS, gettext_lazy("venue")),
    "join_url": gettext_lazy("link to join online"),
}


class SignupRefused(Exception):
    """The signup cannot be accepted; nothing was saved. The message says why, for the person."""


class SignupClosed(SignupRefused):
    def __init__(self, meeting: Meeting, at: datetime):
        self.meeting = meeting
        super().__init__(signup_closed_message(meeting, at))


class ModeNotOffered(SignupRefused):
    def __init__(self, meeting: Meeting, mode: str):
        super().__init__(_("This meeting cannot be attended that way. Choose one of the options shown."))


class CancellationRefused(Exception):
    """The meeting has started: the seat can no longer be given to anyone else."""


@dataclass(frozen=True)
class Placement:
    """What the person is told on the page after signing up: a seat, or a place on the waiting list."""

    status: Literal["confirmed", "waitlisted"]
    waitlist_position: int | None = None


@dataclass(frozen=True)
class SignupResult:
    outcome: Literal["confirmed", "waitlisted", "duplicate"]
    # The signup made by this call; never the existing signup when the outcome is "duplicate".
    signup: Signup | None
    # The seat or place this signup got; for a duplicate, the one a new signup would have got at this moment, so
    # that the page after it reads as for anyone else and tells nothing about the address's own signup.
    placement: Placement


@dataclass(frozen=True)
class Cancellation:
    signup: Signup
    promoted: list[Signup]
    already_cancelled: bool = False


@dataclass(frozen=True)
class MeetingUpdate:
    meeting: Meeting
    changed: frozenset[str]
    notified: int
    promoted: int


def _vilnius(moment: datetime, format_name: str) -> str:
    with timezone.override(settings.TIME_ZONE):
        return date_format(timezone.localtime(moment), format_name)


def signup_closed_message(meeting: Meeting, at: datetime) -> str:
    if meeting.has_ended(at):
        return _("This meeting took place on %(when)s.") % {
            "when": _vilnius(meeting.starts_at, "DATE_FORMAT")
        }
    return _("Signups for this meeting closed on %(when)s (Vilnius time).") % {
        "when": _vilnius(meeting.signups_close_at, "DATETIME_FORMAT")
    }


def sign_up(
    *,
    meeting: Meeting,
    name: str,
    email: str,
    organisation: str,
    job_title: str,
    mode: str,
    language: str,
    registration_reference: str = "",
    now: datetime | None = None,
) -> SignupResult:
    """Give the person a seat for `mode`, or the next place on its waiting list, and email them.

    An address that already holds a seat or a place gets no second one: its owner is told (at most once a day,
    with a new cancellation link; the links sent before keep working), and the result says only "duplicate", so
    that the caller cannot tell anyone more. A registration reference is kept as given, for staff; it links the
    signup to the registration only when the registration's contact has the same address.
    """
    now = now or timezone.now()
    email = email.strip()
    with transaction.atomic():
        meeting = _lock(meeting)
        if not meeting.accepts_signups(now):
            raise SignupClosed(meeting, now)
        if not meeting.offers(mode):
            raise ModeNotOffered(meeting, mode)
        if existing := live_signup_for(meeting=meeting, email=email):
            existing.meeting = meeting
            _tell_existing(existing, now)
            return SignupResult("duplicate", None, _next_placement(meeting, mode))
        signup = Signup(
            meeting=meeting,
            name=name,
            email=email,
            organisation=organisation,
            job_title=job_title,
            mode=mode,
            language=language,
            registration_reference=registration_reference,
            registration=registration_of(reference=registration_reference, email=email),
            privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
            privacy_consented_at=now,
            created_at=now,
        )
        place_signup(meeting=meeting, signup=signup, now=now)
        CancelLink.issue(signup=signup)
        _queue(signup, "confirmed" if signup.status == SignupStatus.CONFIRMED else "waitlisted", link=True)
    logger.info("events.signup meeting=%s signup=%s status=%s", meeting.pk, signup.pk, signup.status)
    return SignupResult(signup.status, signup, Placement(signup.status, signup.waitlist_position))


def _next_placement(meeting: Meeting, mode: str) -> Placement:
    """What a new signup for `mode` would get now; the meeting's row lock must be held."""
    capacity = meeting.capacity_for(mode)
    if capacity is None:
        return Placement(SignupStatus.CONFIRMED)
    confirmed, last_waiting = seats_taken(meeting=meeting, mode=mode)
    if confirmed < capacity:
        return Placement(SignupStatus.CONFIRMED)
    return Placement(SignupStatus.WAITLISTED, last_waiting + 1)


def place_signup(*, meeting: Meeting, signup: Signup, now: datetime) -> Signup:
    """Give `signup` a seat if its mode has one left, else the next place on the waiting list; save it.

    Call it only while holding the meeting's row lock (as `sign_up` does): two callers counting at the same
    moment would both see the last seat free.
    """
    capacity = meeting.capacity_for(signup.mode)
    confirmed, last_waiting = (0, 0) if capacity is None else seats_taken(meeting=meeting, mode=signup.mode)
    if capacity is None or confirmed < capacity:
        signup.status = SignupStatus.CONFIRMED
        signup.confirmed_at = now
        signup.waitlist_position = None
        signup.calendar_sequence = meeting.sequence  # their calendar file is the meeting as it is now
    else:
        signup.status = SignupStatus.WAITLISTED
        signup.waitlist_position = last_waiting + 1
    validated_save(signup)
    return signup


def cancel_signup(*, signup: Signup, now: datetime | None = None) -> Cancellation:
    """Cancel a seat or a place on the waiting list; a freed seat goes to the first person waiting for it."""
    now = now or timezone.now()
    with transaction.atomic():
        meeting = _lock(signup.meeting)
        signup = Signup.objects.select_for_update().get(pk=signup.pk)
        signup.meeting = meeting
        if signup.status == SignupStatus.CANCELLED:
            return Cancellation(signup, [], already_cancelled=True)
        if meeting.has_started(now):
            raise CancellationRefused
        held_seat = signup.status == SignupStatus.CONFIRMED
        signup.status = SignupStatus.CANCELLED
        signup.cancelled_at = now
        signup.waitlist_position = None
        signup.save(update_fields=["status", "cancelled_at", "waitlist_position", "updated_at"])
        promoted = _fill_free_seats(meeting, signup.mode, now) if held_seat else []
        _close_gaps(meeting, signup.mode)
        _queue(signup, "cancelled", link=False)
    logger.info("events.cancelled signup=%s promoted=%s", signup.pk, [p.pk for p in promoted])
    return Cancellation(signup, promoted)


def update_meeting(*, meeting: Meeting, data: dict, now: datetime | None = None) -> MeetingUpdate:
    """Save staff's changes to a meeting; the attendees concerned are told after commit, by a task, when the
    time or place changed (`notify_meeting_changes`).

    Their new calendar file keeps the event's UID and carries a higher SEQUENCE, so calendars replace the
    event. More seats go to the people waiting for them.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = _lock(meeting)
        before = {name: getattr(locked, name) for name in (*SCHEDULE_FIELDS, "format")}
        for name, value in data.items():
            setattr(locked, name, value)
        check_modes_kept(meeting=locked, new_format=locked.format, previous_format=before["format"])
        changed = frozenset(name for name in SCHEDULE_FIELDS if getattr(locked, name) != before[name])
        if changed:
            locked.sequence += 1
        validated_save(locked)
        notified = promoted = 0
        if changed:
            notified = _record_change(locked, changed, now)
        if not locked.has_started(now):
            for mode in locked.modes:
                promoted += len(_fill_free_seats(locked, mode, now))
                _close_gaps(locked, mode)
    logger.info(
        "events.meeting_updated meeting=%s changed=%s notified=%s", locked.pk, sorted(changed), notified
    )
    return MeetingUpdate(locked, changed, notified, promoted)


def check_modes_kept(*, meeting: Meeting, new_format: str, previous_format: str) -> None:
    """A format may drop a way of attending only while nobody has signed up to attend that way."""
    if new_format == previous_format or meeting.pk is None:
        return
    kept = Meeting(format=new_format).modes
    dropped = [mode for mode in Meeting(format=previous_format).modes if mode not in kept]
    holders = Signup.objects.filter(meeting=meeting, mode__in=dropped).exclude(status=SignupStatus.CANCELLED)
    if dropped and holders.exists():
        raise ValidationError(
            {
                "format": _(
                    "People have signed up to attend in a way this format no longer offers. Cancel their "
                    "signups first, or keep the format."
                )
            }
        )


def _record_change(meeting: Meeting, changed: frozenset[str], now: datetime) -> int:
    """Record the new SEQUENCE's changes and, after commit, queue telling the attendees; how many it concerns."""
    MeetingChange.objects.create(
        meeting=meeting, sequence=meeting.sequence, fields=sorted(changed), changed_at=now
    )
    if "starts_at" in changed:
        # A reminder sent for the old time says nothing about the new one.
        Signup.objects.filter(meeting=meeting).update(reminded_at=None)
    if meeting.has_ended(now):
        return 0
    from events.tasks import queue_change_notifications

    transaction.on_commit(lambda: queue_change_notifications(meeting.pk))
    modes = {mode for name in changed for mode in CONCERNS[name]}
    return Signup.objects.filter(meeting=meeting, status=SignupStatus.CONFIRMED, mode__in=modes).count()


def notify_meeting_changes(*, meeting_id: int, limit: int = 200, now: datetime | None = None) -> int:
    """Tell up to `limit` confirmed attendees who have not had the meeting's latest calendar file what changed;
    returns how many signups were brought up to date. Each is told once per SEQUENCE, however often this runs.
    """
    now = now or timezone.now()
    behind = pending_change_notifications(meeting_id=meeting_id, now=now)[:limit]
    return sum(_notify_of_changes(signup_id, now) for signup_id in behind)


def _notify_of_changes(signup_id: int, now: datetime) -> bool:
    with transaction.atomic():
        signup = (
            Signup.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .filter(pk=signup_id, status=SignupStatus.CONFIRMED, calendar_sequence__lt=F("meeting__sequence"))
            .first()
        )
        if signup is None:
            return False
        meeting = signup.meeting
        changed = {
            name
            for fields in MeetingChange.objects.filter(
                meeting=meeting, sequence__gt=signup.calendar_sequence, sequence__lte=meeting.sequence
            ).values_list("fields", flat=True)
            for name in fields
        }
        signup.calendar_sequence = meeting.sequence
        signup.save(update_fields=["calendar_sequence", "updated_at"])
        # Each person hears only about what concerns them: a new venue means nothing online.
        concerning = [name for name in SCHEDULE_FIELDS if name in changed and signup.mode in CONCERNS[name]]
        if concerning:
            _queue(signup, "updated", link=True, changes=concerning)
    return True


def send_reminder(*, signup_id: int, now: datetime | None = None) -> bool:
    """Remind a confirmed attendee of a meeting starting soon, once: the row is locked and marked reminded."""
    now = now or timezone.now()
    with transaction.atomic():
        signup = (
            Signup.objects.select_for_update(of=("self",))
            .select_related("meeting")
            .filter(pk=signup_id, status=SignupStatus.CONFIRMED, reminded_at__isnull=True)
            .first()
        )
        if signup is None or signup.meeting.has_started(now):
            return False
        signup.reminded_at = now
        signup.save(update_fields=["reminded_at", "updated_at"])
        _queue(signup, "reminder", link=True)
    logger.info("events.reminded signup=%s", signup_id)
    return True


def mark_attendance(*, signup_ids: list[int], attended: bool) -> int:
    """Record who came (or undo it); only confirmed attendees can have attended."""
    with transaction.atomic():
        return Signup.objects.filter(pk__in=signup_ids, status=SignupStatus.CONFIRMED).update(
            attended=attended, updated_at=timezone.now()
        )


def _lock(meeting: Meeting) -> Meeting:
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _fill_free_seats(meeting: Meeting, mode: str, now: datetime) -> list[Signup]:
    """Give the free seats of `mode` to the first people waiting; the meeting's row lock must be held."""
    waiting = waiting_list(meeting=meeting, mode=mode)
    capacity = meeting.capacity_for(mode)
    if capacity is not None:
        free = capacity - confirmed_count(meeting=meeting, mode=mode)
        if free <= 0:
            return []
        waiting = waiting[:free]
    promoted = list(waiting)
    for signup in promoted:
        signup.meeting = meeting
        signup.status = SignupStatus.CONFIRMED
        signup.confirmed_at = now
        signup.waitlist_position = None
        signup.calendar_sequence = meeting.sequence
        signup.save(
            update_fields=["status", "confirmed_at", "waitlist_position", "calendar_sequence", "updated_at"]
        )
        _queue(signup, "promoted", link=True)
    return promoted


def _close_gaps(meeting: Meeting, mode: str) -> None:
    """Number the waiting list 1, 2, 3 … again after people left it.

    Row by row from the front: each row moves to a place already vacated, so the unique positions never clash
    (a single UPDATE may visit the rows in any order).
    """
    for expected, signup in enumerate(
        waiting_list(meeting=meeting, mode=mode).only("pk", "waitlist_position"), 1
    ):
        if signup.waitlist_position != expected:
            Signup.objects.filter(pk=signup.pk).update(waitlist_position=expected)


def cancel_path(token: str, language: str) -> str:
    with override(language):
        return reverse("events:cancel", kwargs={"token": token})


def meeting_url(meeting: Meeting, language: str) -> str:
    with override(language):
        return settings.PORTAL_BASE_URL + reverse("events:meeting", kwargs={"slug": meeting.slug})


def cancel_token(signup: Signup) -> str:
    """The secret of the newest cancellation link already sent, for another email to carry again; a new link
    only if none can be worked out again (links sent before these were derivable, or a new SECRET_KEY)."""
    for link in signup.cancel_links.all()[:1]:
        if token := link.token():
            return token
    return CancelLink.issue(signup=signup)[1]


def _tell_existing(signup: Signup, now: datetime) -> None:
    """Tell the holder of a live signup that someone signed up again with their address: at most once a day,
    with a new link (the earlier ones keep working)."""
    due = Q(duplicate_notice_at__isnull=True) | Q(duplicate_notice_at__lte=now - DUPLICATE_NOTICE_EVERY)
    if not Signup.objects.filter(due, pk=signup.pk).update(duplicate_notice_at=now):
        logger.info("events.signup_duplicate signup=%s notice=skipped", signup.pk)
        return
    CancelLink.issue(signup=signup)  # asking again adds a link; the email carries the newest
    _queue(signup, "already_signed_up", link=True)
    logger.info("events.signup_duplicate signup=%s notice=sent", signup.pk)


def registration_of(*, reference: str, email: str) -> Registration | None:
    """The registration a signup belongs to: the reference given, of a registration whose contact has the same
    address. Anyone else's reference is kept as text for staff and links nothing."""
    if not reference:
        return None
    return Registration.objects.filter(reference=reference, contact_email__iexact=email).first()


def _queue(signup: Signup, message: str, *, link: bool, changes: list[str] | None = None) -> None:
    """Queue `events/email/<message>` to the person, in their language, with their cancellation link if `link`
    and, for a seat, the calendar file (events.emails.to_attendee renders it when it is sent)."""
    params = {
        "signup": signup.pk,
        "status": signup.status,
        "position": signup.waitlist_position,
        "link": link,
        "calendar": message != "cancelled",
    }
    if changes:
        params["changes"] = changes
    queue_email(
        to=signup.email,
        template=f"events/email/{message}",
        language=signup.language,
        build="events.emails.to_attendee",
        params=params,
    )


def send_reminders(*, now: datetime | None = None) -> int:
    """Remind every confirmed attendee whose meeting starts within a day; each signup is reminded once."""
    now = now or timezone.now()
    return sum(send_reminder(signup_id=pk, now=now) for pk in signups_due_reminder(now=now))
