"""The applicant answers a request for more information: a message and files, through the private link."""

import logging
from collections.abc import Sequence
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consortium.db import validated_save
from consortium.uploads import check_documents
from registrations.models import Registration, Reply, ReplyFile, Status
from registrations.services.base import lock, queue_registration_email
from registrations.services.review import notify_staff_of_answer, record_move
from registrations.services.submission import RegistrationLocked

logger = logging.getLogger(__name__)


class ReplyRefused(Exception):
    """The reply was empty; nothing was saved."""


def can_reply(registration: Registration, at: datetime) -> bool:
    """While staff wait for more information and the registration is open for corrections."""
    return registration.status == Status.NEEDS_INFORMATION and registration.can_be_changed(at)


@transaction.atomic
def send_reply(
    *, registration: Registration, text: str, files: Sequence = (), now: datetime | None = None
) -> Reply:
    """Keep the applicant's answer and its files (in the database), put the registration back under review, and
    tell the applicant and staff.

    Files are checked by their content (consortium.uploads.check_documents: at most five, each at most 10 MB, PDF,
    DOCX, XLSX, ODT, PNG or JPEG); a file that is not what it must be is refused with ValidationError, and
    nothing is saved.
    """
    now = now or timezone.now()
    text = text.strip()
    kinds = check_documents(files)
    if not text and not files:
        raise ReplyRefused(_("Write your answer, attach a file, or both."))
    registration = lock(registration)
    if not can_reply(registration, now):
        raise RegistrationLocked
    reply = Reply(registration=registration, text=text, sent_at=now)
    validated_save(reply)
    for file, kind in zip(files, kinds, strict=True):
        ReplyFile.objects.create(
            reply=reply, file=file, name=file.name, content_type=kind.mimetype, size=file.size
        )
    registration.status = Status.UNDER_REVIEW
    registration.answered_at = now
    registration.save(update_fields=["status", "answered_at", "updated_at"])
    record_move(registration, from_status=Status.NEEDS_INFORMATION, by=None, at=now)
    queue_registration_email(registration, "reply_received", reply=reply.pk)
    notify_staff_of_answer(registration=registration)
    logger.info("registration.replied id=%s files=%s", registration.pk, len(kinds))
    return reply
