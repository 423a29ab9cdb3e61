"""Assessment: the criteria of a call, and each staff member's scores of a registration against them.

Models of the registrations app (imported by registrations.models); the rules are in
registrations.services.assessment, the reads in registrations.selectors.scores.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

LOWEST, HIGHEST = 1, 5


class Criterion(models.Model):
    """One thing every registration of a call is scored on, from 1 to 5; coordinators set them per call."""

    call = models.ForeignKey(
        "registrations.RegistrationCall",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="criteria",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what to look for"), blank=True)

    class Meta:
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        ordering = ["call", "position", "pk"]

    def __str__(self):
        return self.title


class Assessment(models.Model):
    """One staff member's scores of one registration, a score for each of its call's criteria, given together."""

    registration = models.ForeignKey(
        "registrations.Registration",
        verbose_name=_("registration"),
        on_delete=models.CASCADE,
        related_name="assessments",
    )
    # Staff who scored stay on record: deactivate them rather than delete them.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("scored by"), on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("scored"))
    changed_at = models.DateTimeField(_("scores last changed"))

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["submitted_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "reviewer"], name="assessment_once_per_reviewer"),
        ]

    def __str__(self):
        return f"{self.registration} / {self.reviewer}"


class Score(models.Model):
    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    # A criterion that has been scored stays: its scores would otherwise change the averages after the fact.
    criterion = models.ForeignKey(
        Criterion, verbose_name=_("criterion"), on_delete=models.PROTECT, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
    )
    comment = models.TextField(_("comment"), max_length=2000, blank=True)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        ordering = ["criterion__position", "criterion__pk"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="score_once_per_criterion"),
            models.CheckConstraint(
                condition=Q(value__gte=LOWEST) & Q(value__lte=HIGHEST), name="score_from_one_to_five"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.value}"
