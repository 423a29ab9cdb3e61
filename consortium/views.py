from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from consortium.staff import remember_staff_language
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


@require_POST
def staff_language(request):
    """The staff pages' language switch: Django's, and the choice kept for the emails staff receive."""
    response = set_language(request)
    if request.user.is_authenticated and request.user.is_staff:
        remember_staff_language(user=request.user, language=request.POST.get("language", ""))
    return response
