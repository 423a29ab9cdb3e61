"""The calendar file (.ics) sent with every email that confirms a seat."""

import functools
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone

from consortium.translated import translated
from events.models import AttendanceMode, Meeting

VILNIUS = ZoneInfo("Europe/Vilnius")
PRODID = "-//EIMIN//Baltic AI Gigafactory Consortium portal//EN"
MIMETYPE = "text/calendar"


def calendar_uid(meeting: Meeting) -> str:
    return f"{meeting.calendar_uid}@baltic-ai-gigafactory-portal"


def meeting_ics(*, meeting: Meeting, mode: str, meeting_url: str, now: datetime) -> bytes:
    """One event in Vilnius time (with its VTIMEZONE), located at the venue or, online, at the join link.

    Only what may be shared with this attendee goes in: the file is stored with the outgoing email, so it never
    carries the secret cancellation link. Texts are in the active language (the attendee's, set by the caller).
    """
    event = Event()
    event.add("uid", calendar_uid(meeting))
    event.add("sequence", meeting.sequence)
    event.add("dtstamp", now)
    event.add("dtstart", meeting.starts_at.astimezone(VILNIUS))
    event.add("dtend", meeting.ends_at.astimezone(VILNIUS))
    # A text staff left empty in the attendee's language falls back: calendars are told which language it is.
    title = translated(meeting, "title")
    event.add("summary", title.text, parameters={"LANGUAGE": title.language})
    event.add("url", meeting_url)
    description = [meeting.description] if meeting.description else []
    if mode == AttendanceMode.ONLINE:
        if meeting.online_instructions:
            description.append(meeting.online_instructions)
        if meeting.join_url:
            event.add("location", meeting.join_url)
            description.append(_("Join online: %(url)s") % {"url": meeting.join_url})
        else:
            description.append(_("We will email you the link to join online before the meeting."))
    else:
        venue = translated(meeting, "venue")
        event.add("location", venue.text, parameters={"LANGUAGE": venue.language})
    event.add("description", "\n\n".join(description))

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    # Only the rules around the meeting: the full history of the zone would make the file 50 times larger.
    calendar.subcomponents.insert(
        0,
        vilnius_timezone(
            meeting.starts_at.date() - timedelta(days=366), meeting.ends_at.date() + timedelta(days=366)
        ),
    )
    return calendar.to_ical()


@functools.lru_cache(maxsize=32)
def vilnius_timezone(first_date: date, last_date: date) -> Timezone:
    """The VTIMEZONE for these dates, worked out once: it takes longer than all the rest of the file.

    Shared by every file made for the same dates, so it must never be changed.
    """
    return Timezone.from_tzid("Europe/Vilnius", first_date=first_date, last_date=last_date)


def filename(meeting: Meeting) -> str:
    return f"{meeting.slug}.ics"
