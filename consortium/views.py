from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from consortium import contact
from events.selectors import past_meetings, upcoming_meetings
from registrations.models import ParticipationKind
from registrations.selectors import current_call


def landing(request):
    now = timezone.now()
    call = current_call(now=now)
    state = None
    if call is not None:
        state = "open" if call.is_open(now) else "upcoming" if now < call.opens_at else "closed"
    return render(
        request,
        "consortium/landing.html",
        {
            "call": call,
            "state": state,
            "now": now,
            # Dates come from the records: the meetings still to come, else the last one held.
            "meetings": list(upcoming_meetings(now=now)[:3]),
            "last_meeting": past_meetings(now=now).first(),
            "ways_of_taking_part": ParticipationKind.objects.all(),
        },
    )


def privacy(request):
    return render(
        request,
        "consortium/privacy.html",
        {
            "officer": contact.data_protection_officer(),
            "retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS,
        },
    )


def accessibility(request):
    return render(
        request,
        "consortium/accessibility.html",
        {
            "portal_url": settings.PORTAL_BASE_URL,
            "statement_prepared": date.fromisoformat(settings.ACCESSIBILITY_STATEMENT_PREPARED),
            "statement_reviewed": date.fromisoformat(settings.ACCESSIBILITY_STATEMENT_REVIEWED),
        },
    )
