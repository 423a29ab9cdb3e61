"""Four eyes: in a call that requires it, accepting or declining a registration is proposed by one staff member
and confirmed by another, and only the confirmation moves it and emails the applicant.

A model of the registrations app (imported by registrations.models); the rules are in
registrations.services.decisions.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

# registrations.models imports this module at its end, once these are defined.
from registrations.models import DECISIONS, Status


class Decision(models.Model):
    """A proposal to accept or decline a registration, and what became of it."""

    class State(models.TextChoices):
        PROPOSED = "proposed", _("Awaiting confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        NOT_CONFIRMED = "not_confirmed", _("Not confirmed")

    registration = models.ForeignKey(
        "registrations.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="decisions",
    )
    to_status = models.CharField(
        _("decision"), max_length=32, choices=[(status.value, Status(status).label) for status in DECISIONS]
    )
    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PROPOSED)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("proposed by"), on_delete=models.PROTECT, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"))
    comment = models.TextField(_("internal comment"), blank=True)
    # The email the proposer approved; sent to the applicant only when the decision is confirmed.
    email_subject = models.CharField(_("subject of the email to the applicant"), max_length=300, blank=True)
    email_body = models.TextField(_("email to the applicant"), blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed or turned down by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("confirmed or turned down"), null=True, blank=True)
    closing_comment = models.TextField(_("why it was not confirmed"), blank=True)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["proposed_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration"],
                condition=Q(state="proposed"),
                name="decision_one_awaiting_per_registration",
            ),
        ]

    def __str__(self):
        return f"{self.registration}: {self.get_to_status_display()} ({self.get_state_display()})"
