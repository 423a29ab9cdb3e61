from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from consortium import contact
from registrations.selectors import current_call


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
            "officer": contact.data_protection_officer(),
            "retention_months": settings.PERSONAL_DATA_RETENTION_MONTHS,
        },
    )


def accessibility(request):
    return render(
        request,
        "consortium/accessibility.html",
        {
            "contact_email": settings.CONTACT_EMAIL,
            "statement_date": date.fromisoformat(settings.ACCESSIBILITY_STATEMENT_PREPARED),
        },
    )
