"""What the event tests read out of the emails the portal sends."""

import re

from icalendar import Calendar

from events.services import sign_up

CANCEL_LINK = re.compile(r"https?://[^/\s]+(/(\w+)/events/signup/([A-Za-z0-9_-]+)/cancel/)")


def join(meeting, *, email="egle@example.lt", mode="in_person", language="en", **overrides):
    """Sign someone up through the real rules."""
    person = {
        "name": "Eglė Petraitytė",
        "organisation": "UAB Dirbtinis Intelektas",
        "job_title": "Head of research",
        **overrides,
    }
    return sign_up(meeting=meeting, email=email, mode=mode, language=language, **person)


def cancel_path(message) -> str:
    """The cancellation link's path (with its language prefix) from an email's plain text."""
    return CANCEL_LINK.search(message.body).group(1)


def cancel_token(message) -> str:
    return CANCEL_LINK.search(message.body).group(3)


def html_of(message) -> str:
    return message.alternatives[0][0]


def calendar_files(message) -> list[Calendar]:
    files = []
    for _name, content, mimetype in message.attachments:
        if mimetype.startswith("text/calendar"):
            files.append(Calendar.from_ical(content.encode() if isinstance(content, str) else content))
    return files


def only_event(message):
    [calendar] = calendar_files(message)
    [event] = calendar.walk("VEVENT")
    return event


def to(messages, address):
    return [message for message in messages if message.to == [address]]
