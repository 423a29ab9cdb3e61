"""Four eyes: accepting or declining, proposed by one staff member and confirmed by another.

In a call with `four_eyes` on, staff propose a decision (with the email the applicant is to get); another staff
member allowed to confirm decisions confirms it, which makes the move, sends the email and records both people,
or turns it down. The proposer may withdraw it the same way. One decision at a time awaits confirmation.
"""

import logging
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.db import validated_save
from registrations.models import DECISIONS, Decision, Registration, Status, StatusChange
from registrations.services.base import lock
from registrations.services.review import ReviewRefused, apply_move, check_move, checked_message, require

logger = logging.getLogger(__name__)


def propose_decision(
    *,
    registration: Registration,
    to: str,
    by: AbstractBaseUser,
    subject: str = "",
    message: str = "",
    comment: str = "",
    now: datetime | None = None,
) -> Decision:
    """Propose to accept or decline `registration`; nothing moves and nobody is emailed until it is confirmed."""
    try:
        return _propose(registration, Status(to), by, subject, message, comment, now or timezone.now())
    except IntegrityError:  # another proposal was saved meanwhile
        raise ReviewRefused(_already_proposed(registration)) from None


@transaction.atomic
def _propose(registration, to, by, subject, message, comment, now) -> Decision:
    require(
        by, "registrations.change_registration_status", _("You may not change the status of registrations.")
    )
    if to not in DECISIONS:
        raise ValueError(f"only accepting and declining are proposed, not {to}")
    registration = lock(registration)
    if not registration.call.four_eyes:
        raise ValueError("this call's decisions are made directly (registrations.services.change_status)")
    check_move(registration, to)
    if registration.decisions.filter(state=Decision.State.PROPOSED).exists():
        raise ReviewRefused(_already_proposed(registration))
    message, subject = checked_message(registration, to, message, subject)
    decision = Decision(
        registration=registration,
        to_status=to,
        proposed_by=by,
        proposed_at=now,
        comment=comment.strip(),
        email_subject=subject,
        email_body=message,
    )
    validated_save(decision)
    logger.info("registration.decision_proposed id=%s to=%s by=%s", registration.pk, to, by.pk)
    return decision


@transaction.atomic
def confirm_decision(
    *, decision: Decision, by: AbstractBaseUser, now: datetime | None = None
) -> StatusChange:
    """Confirm `decision` as a second person: the registration moves, the applicant gets the proposed email,
    and its status history records who proposed and who confirmed."""
    now = now or timezone.now()
    require(by, "registrations.confirm_decision", _("You may not confirm decisions."))
    decision = _open(decision)
    if decision.proposed_by_id == by.pk:
        raise ReviewRefused(
            _("%(reference)s: you proposed this decision; another staff member must confirm it.")
            % {"reference": decision.registration.reference}
        )
    change = apply_move(
        lock(decision.registration),
        to=Status(decision.to_status),
        by=by,
        message=decision.email_body,
        subject=decision.email_subject,
        comment=decision.comment,
        now=now,
        proposed_by=decision.proposed_by,
        proposed_at=decision.proposed_at,
    )
    _close(decision, Decision.State.CONFIRMED, by, now)
    logger.info("registration.decision_confirmed id=%s by=%s", decision.registration_id, by.pk)
    return change


@transaction.atomic
def turn_down_decision(
    *, decision: Decision, by: AbstractBaseUser, comment: str = "", now: datetime | None = None
) -> Decision:
    """Leave the registration as it is: a staff member who may confirm decisions turns the proposal down, or its
    proposer withdraws it."""
    decision = _open(decision)
    if decision.proposed_by_id != by.pk:
        require(by, "registrations.confirm_decision", _("You may not confirm decisions."))
    _close(decision, Decision.State.NOT_CONFIRMED, by, now or timezone.now(), comment.strip())
    logger.info("registration.decision_turned_down id=%s by=%s", decision.registration_id, by.pk)
    return decision


def _open(decision: Decision) -> Decision:
    decision = Decision.objects.select_for_update().select_related("registration").get(pk=decision.pk)
    if decision.state != Decision.State.PROPOSED:
        raise ReviewRefused(
            _("%(reference)s: this decision no longer awaits confirmation.")
            % {"reference": decision.registration.reference}
        )
    return decision


def _close(decision: Decision, state: str, by: AbstractBaseUser, now: datetime, comment: str = "") -> None:
    decision.state, decision.closed_by, decision.closed_at, decision.closing_comment = state, by, now, comment
    validated_save(decision)


def _already_proposed(registration: Registration) -> str:
    return _("%(reference)s: a decision already awaits confirmation.") % {"reference": registration.reference}
