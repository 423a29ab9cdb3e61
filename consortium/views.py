from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from registrations.selectors import current_call

ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 23)  # the date of the last review of the statement


def landing(request):
    now = timezone.now()
    call = current_call(now=now)
    state = None
    if call is not None:
        state = "open" if call.is_open(now) else "upcoming" if now < call.opens_at else "closed"
    return render(request, "consortium/landing.html", {"call": call, "state": state})


def privacy(request):
    return render(
        request,
        "consortium/privacy.html",
        {
            "contact_email": settings.CONTACT_EMAIL,
            "retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS,
        },
    )


def accessibility(request):
    return render(
        request,
        "consortium/accessibility.html",
        {"contact_email": settings.CONTACT_EMAIL, "statement_date": ACCESSIBILITY_STATEMENT_DATE},
    )
