"""What staff do with a registration: move it through the review, assign it, write internal notes.

The moves staff may make (the applicant withdraws through `withdraw_registration`, and corrections saved while
more information is asked for put a registration back under review):

    submitted          → under review
    under review       → needs information, accepted, declined
    needs information  → under review, accepted, declined
    accepted, declined, withdrawn: final

The applicant may withdraw from submitted, under review or needs information. Every move, staff's or the
applicant's, is recorded as a StatusChange. When the applicant answers a request for more information,
`notify_staff_of_answer` tells staff, and `Registration.answered_at` marks the answer until staff's next move.
"""

import logging
import re
from datetime import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from post_office.models import Email

from consortium.db import validated_save
from consortium.mail import queue_email
from consortium.staff import staff_language
from registrations.email_texts import applicant_values
from registrations.models import DECISIONS, NOTIFYING_STATUSES, Note, Registration, Status, StatusChange
from registrations.permissions import COORDINATOR
from registrations.services.base import lock, queue_registration_email, save_review_fields

logger = logging.getLogger(__name__)

TRANSITIONS: dict[str, tuple[Status, ...]] = {
    Status.SUBMITTED: (Status.UNDER_REVIEW,),
    Status.UNDER_REVIEW: (Status.NEEDS_INFORMATION, Status.ACCEPTED, Status.DECLINED),
    Status.NEEDS_INFORMATION: (Status.UNDER_REVIEW, Status.ACCEPTED, Status.DECLINED),
}
# Text in [[double square brackets]] in an email text is an instruction to the staff member writing it.
INSTRUCTION = re.compile(r"\[\[.*?\]\]", re.DOTALL)


class ReviewRefused(Exception):
    """A review action that the rules do not allow; nothing was saved. The message says why, for staff."""


def allowed_moves(status: str) -> tuple[Status, ...]:
    return TRANSITIONS.get(status, ())


@transaction.atomic
def change_status(
    *,
    registration: Registration,
    to: str,
    by: AbstractBaseUser,
    message: str = "",
    subject: str = "",
    comment: str = "",
    reopened_until: datetime | None = None,
    now: datetime | None = None,
) -> StatusChange:
    """Move `registration` to status `to` on behalf of staff member `by`, and record the move.

    `message` (with `subject`) is emailed to the applicant in their language, for the moves to needs
    information, accepted and declined; an empty message sends nothing. Moving to needs information re-opens
    the registration for corrections until `reopened_until`, and its email carries a fresh edit link. In a call
    with four eyes, accepting and declining go through registrations.services.decisions instead.
    """
    to = Status(to)
    require(
        by, "registrations.change_registration_status", _("You may not change the status of registrations.")
    )
    registration = lock(registration)
    if to in DECISIONS and registration.call.four_eyes:
        raise ReviewRefused(
            _(
                "%(reference)s: in this call accepting or declining is proposed by one staff member and "
                "confirmed by another."
            )
            % {"reference": registration.reference}
        )
    return apply_move(
        registration,
        to=to,
        by=by,
        message=message,
        subject=subject,
        comment=comment,
        reopened_until=reopened_until,
        now=now or timezone.now(),
    )


def apply_move(
    registration: Registration,
    *,
    to: Status,
    by: AbstractBaseUser,
    message: str,
    subject: str,
    comment: str,
    now: datetime,
    reopened_until: datetime | None = None,
    proposed_by: AbstractBaseUser | None = None,
    proposed_at: datetime | None = None,
) -> StatusChange:
    """Make a move staff are allowed to make, on a registration locked by the caller's transaction."""
    from_status = Status(registration.status)
    check_move(registration, to)
    message, subject = checked_message(registration, to, message, subject)
    if to == Status.NEEDS_INFORMATION:
        if reopened_until is None or reopened_until <= now:
            raise ReviewRefused(
                _("Choose a date in the future until which the applicant can make corrections.")
            )
        registration.reopened_until = reopened_until
    elif reopened_until is not None:
        raise ValueError("reopened_until is only for moves to needs information")

    registration.status = to
    registration.answered_at = None  # acted on: the applicant's answer no longer waits for staff
    registration._history_user = by
    save_review_fields(registration, "status", "reopened_until", "answered_at")
    email = None
    if message:
        # Asking for more information sends the link the applicant already has (it works again until the date).
        email = queue_registration_email(
            registration,
            "status_changed",
            link=to == Status.NEEDS_INFORMATION,
            subject=subject,
            body=message,
        )
    change = record_move(
        registration,
        from_status=from_status,
        by=by,
        at=now,
        comment=comment.strip(),
        email=email,
        email_subject=subject if message else "",
        email_body=message,
        reopened_until=reopened_until,
        proposed_by=proposed_by,
        proposed_at=proposed_at,
    )
    logger.info("registration.status id=%s from=%s to=%s by=%s", registration.pk, from_status, to, by.pk)
    return change


def check_move(registration: Registration, to: Status) -> None:
    from_status = Status(registration.status)
    if to not in allowed_moves(from_status):
        raise ReviewRefused(
            _("%(reference)s: a registration that is “%(from)s” cannot be moved to “%(to)s”.")
            % {"reference": registration.reference, "from": from_status.label, "to": to.label}
        )


def checked_message(registration: Registration, to: Status, message: str, subject: str) -> tuple[str, str]:
    """The email's text and subject, trimmed and checked; none to a registration whose contact was erased."""
    message, subject = message.strip(), subject.strip()
    if registration.anonymised_at is not None:
        return "", ""  # the contact's details were erased: there is nobody to write to
    _check_message(registration, to, message, subject)
    return message, subject


def _check_message(registration: Registration, to: Status, message: str, subject: str) -> None:
    if not message:
        return
    if to not in NOTIFYING_STATUSES:
        raise ValueError(f"moves to {to} send no email")
    if not subject:
        raise ReviewRefused(
            _("%(reference)s: the email needs a subject.") % {"reference": registration.reference}
        )
    if has_instructions(message, registration) or has_instructions(subject, registration):
        raise ReviewRefused(
            _(
                "%(reference)s: replace the instructions in [[double square brackets]] before sending the email."
            )
            % {"reference": registration.reference}
        )


def has_instructions(text: str, registration: Registration) -> bool:
    """Whether `text` still holds an instruction of the email text; what the applicant wrote never counts,
    even when it looks like one (an organisation called "[[Beta]]")."""
    for value in applicant_values(registration):
        if value:
            text = text.replace(value, "")
    return bool(INSTRUCTION.search(text))


def record_move(
    registration: Registration,
    *,
    from_status: str,
    by: AbstractBaseUser | None,
    at: datetime,
    **details,
) -> StatusChange:
    """Record that `registration` has just moved from `from_status` to its current status (`by` None: the applicant)."""
    change = StatusChange(
        registration=registration,
        from_status=from_status,
        to_status=registration.status,
        changed_by=by,
        changed_at=at,
        **details,
    )
    validated_save(change)
    return change


@transaction.atomic
def assign_registration(
    *, registration: Registration, assignee: AbstractBaseUser | None, by: AbstractBaseUser
) -> Registration:
    """Make `assignee` (an active staff member, or nobody) responsible for reviewing `registration`."""
    require(by, "registrations.assign_registration", _("You may not assign registrations."))
    if assignee is not None and not (assignee.is_active and assignee.is_staff):
        raise ReviewRefused(_("Registrations can only be assigned to active staff members."))
    registration = lock(registration)
    registration.assignee = assignee
    registration._history_user = by
    save_review_fields(registration, "assignee")
    logger.info(
        "registration.assigned id=%s to=%s by=%s", registration.pk, getattr(assignee, "pk", None), by.pk
    )
    return registration


@transaction.atomic
def add_note(
    *, registration: Registration, author: AbstractBaseUser, text: str, now: datetime | None = None
) -> Note:
    """Keep an internal note about `registration`; notes are for staff only and never reach the applicant."""
    require(author, "registrations.add_note", _("You may not add notes."))
    text = text.strip()
    if not text:
        raise ReviewRefused(_("Write the note before saving it."))
    note = Note(registration=registration, author=author, text=text, created_at=now or timezone.now())
    validated_save(note)
    return note


@transaction.atomic
def notify_staff_of_answer(*, registration: Registration) -> list[Email]:
    """Tell staff that the applicant has answered a request for more information: the assignee, or, while
    nobody is assigned, every active coordinator; each in the language they use the staff pages in."""
    recipients = [registration.assignee] if registration.assignee_id else list(coordinators())
    recipients = [user for user in recipients if user.is_active and user.is_staff and user.email]
    admin_url = settings.PORTAL_BASE_URL + reverse(
        "admin:registrations_registration_change", args=[registration.pk]
    )
    emails = [
        queue_email(
            to=user.email,
            template="registrations/email/staff_answered",
            language=staff_language(user),
            build="registrations.emails.to_staff",
            params={
                "registration": registration.pk,
                "recipient": user.pk,
                "assigned_to_recipient": registration.assignee_id == user.pk,
                "admin_url": admin_url,
            },
        )
        for user in recipients
    ]
    logger.info("registration.answered id=%s staff_told=%s", registration.pk, len(emails))
    return emails


def coordinators():
    return get_user_model().objects.filter(groups__name=COORDINATOR, is_active=True, is_staff=True).distinct()


def require(user: AbstractBaseUser, permission: str, refusal: str) -> None:
    """Refuse unless `user` is an active staff member holding `permission`."""
    if not (user.is_active and user.is_staff and user.has_perm(permission)):
        raise ReviewRefused(refusal)
