"""Scoring registrations against their call's criteria.

Each staff member who may score gives every criterion of the registration's call a score from 1 (weak) to 5
(excellent), with a comment if they wish, all at once; they may change their scores until the registration is
decided. Who sees whose scores is decided in registrations.selectors.scores.
"""

import logging
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.db import validated_save
from registrations.models import DECIDED, Assessment, Registration, Score
from registrations.scoring import HIGHEST, LOWEST
from registrations.services.base import lock
from registrations.services.review import ReviewRefused, require

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Mark:
    """A score of one criterion, as a staff member gives it."""

    value: int
    comment: str = ""


@transaction.atomic
def submit_assessment(
    *,
    registration: Registration,
    reviewer: AbstractBaseUser,
    marks: dict[int, Mark],
    now: datetime | None = None,
) -> Assessment:
    """Record `reviewer`'s scores of `registration`: `marks` holds a Mark for each criterion of its call, by the
    criterion's primary key. Giving them again replaces the reviewer's earlier scores."""
    now = now or timezone.now()
    require(reviewer, "registrations.score_registration", _("You may not score registrations."))
    registration = lock(registration)
    if registration.status in DECIDED:
        raise ReviewRefused(
            _("%(reference)s is “%(status)s”: it is no longer scored.")
            % {"reference": registration.reference, "status": registration.get_status_display()}
        )
    criteria = list(registration.call.criteria.all())
    if not criteria:
        raise ReviewRefused(_("The call of this registration has no assessment criteria."))
    _check_marks(criteria, marks)
    assessment, created = Assessment.objects.get_or_create(
        registration=registration, reviewer=reviewer, defaults={"submitted_at": now, "changed_at": now}
    )
    if not created:
        assessment.changed_at = now
        assessment.save(update_fields=["changed_at"])
    for criterion in criteria:
        mark = marks[criterion.pk]
        score = Score.objects.filter(assessment=assessment, criterion=criterion).first() or Score(
            assessment=assessment, criterion=criterion
        )
        score.value, score.comment = mark.value, mark.comment.strip()
        validated_save(score)
    logger.info("registration.scored id=%s by=%s again=%s", registration.pk, reviewer.pk, not created)
    return assessment


def _check_marks(criteria, marks: dict[int, Mark]) -> None:
    unknown = set(marks) - {criterion.pk for criterion in criteria}
    if unknown:
        raise ValueError(f"criteria of another call: {sorted(unknown)}")
    missing = [str(criterion) for criterion in criteria if criterion.pk not in marks]
    if missing:
        raise ReviewRefused(_("Score every criterion: %(criteria)s.") % {"criteria": ", ".join(missing)})
    if any(not LOWEST <= mark.value <= HIGHEST for mark in marks.values()):
        raise ReviewRefused(_("Each score is a whole number from 1 to 5."))
