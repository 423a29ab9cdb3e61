"""Signups as CSV for staff, safe to open in a spreadsheet."""

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Signup

# A cell starting with one of these is a formula to Excel and LibreOffice (CSV injection); tab and carriage
# return start one too in some of them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    """The cell as text, with a leading quote where a spreadsheet would otherwise evaluate it."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def signups_csv(signups: Iterable[Signup], *, delimiter: str = ",") -> str:
    """One row per signup; times in Vilnius time. `signups` should select_related meeting and registration.
    Cells are separated by commas, or by `delimiter` (";" for Excel in Lithuanian)."""
    columns = [
        (_("Meeting"), lambda s: s.meeting.title),
        (_("Name"), lambda s: s.name),
        (_("Email address"), lambda s: s.email),
        (_("Organisation"), lambda s: s.organisation),
        (_("Job title"), lambda s: s.job_title),
        (_("Registration reference"), lambda s: s.registration.reference if s.registration else ""),
        (_("Attendance"), lambda s: s.get_mode_display()),
        (_("Status"), lambda s: s.get_status_display()),
        (_("Place on the waiting list"), lambda s: s.waitlist_position),
        (_("Attended"), lambda s: _("yes") if s.attended else _("no")),
        (_("Language"), lambda s: s.language),
        (_("Signed up"), lambda s: s.created_at),
        (_("Cancelled"), lambda s: s.cancelled_at),
    ]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow([str(title) for title, _value in columns])
    with timezone.override(settings.TIME_ZONE):
        for signup in signups:
            writer.writerow([neutralise(value(signup)) for _title, value in columns])
    return buffer.getvalue()
