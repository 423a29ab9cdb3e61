from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone

from consortium import landing as landing_sections

ACCESSIBILITY_STATEMENT_DATE = date(2026, 11, 23)  # the date of the last review of the statement


def landing(request):
    return render(request, "consortium/landing.html", landing_sections.context(now=timezone.now()))


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
