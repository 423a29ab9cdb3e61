"""What the emails about a registration say: their context, built from a few parameters when each is sent.

The outbox stores a template, a language and the parameters (consortium.mail.queue_email); these functions,
named by their dotted paths there, turn the parameters back into the template's context in the worker.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from registrations.models import Registration, Reply
from registrations.services.base import edit_path, edit_token


def to_applicant(params: dict) -> tuple[dict, list]:
    """An email to the contact person: the registration, the applicant's private link if `link`, a reply."""
    registration = (
        Registration.objects.select_related("call", "organisation")
        .prefetch_related("participation")
        .get(pk=params["registration"])
    )
    # What the email is about is the registration as it stood when it was written, whatever came since.
    registration.status = params["status"]
    context = {
        "registration": registration,
        "organisation": registration.organisation,
        "call": registration.call,
        **params.get("text", {}),
    }
    if params.get("link"):
        context["edit_url"] = settings.PORTAL_BASE_URL + edit_path(
            edit_token(registration), registration.language
        )
    if reply := params.get("reply"):
        context["reply"] = Reply.objects.prefetch_related("files").get(pk=reply)
    return context, []


def to_staff(params: dict) -> tuple[dict, list]:
    """An email to a staff member about a registration, with the link to its page in the admin."""
    return {
        "registration": Registration.objects.get(pk=params["registration"]),
        "recipient": get_user_model().objects.get(pk=params["recipient"]),
        "assigned_to_recipient": params["assigned_to_recipient"],
        "admin_url": params["admin_url"],
    }, []
