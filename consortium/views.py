from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from consortium import contact
from consortium import landing as landing_sections
from consortium.staff import remember_staff_language


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


@require_POST
def staff_language(request):
    """The staff pages' language switch: Django's, and the choice kept for the emails staff receive."""
    response = set_language(request)
    if request.user.is_authenticated and request.user.is_staff:
        remember_staff_language(user=request.user, language=request.POST.get("language", ""))
    return response
