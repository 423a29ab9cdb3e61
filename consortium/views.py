from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from consortium import contact
from consortium import landing as landing_sections


def landing(request):
    return render(request, "consortium/landing.html", landing_sections.context(now=timezone.now()))


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
