"""Outgoing mail: a database row in the caller's transaction, delivery after commit.

Every message is a django-post-office `Email` row written in the same transaction as the registration or
signup it confirms. `transaction.on_commit` queues `consortium.tasks.deliver_email`; the task locks the row,
sends it only while it is still queued, and records the outcome. Transient failures are requeued with
backoff; the periodic sweeper sends whatever is still due (broker down, worker killed).
"""

import logging
import smtplib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from post_office.models import PRIORITY, STATUS, Email
from post_office.utils import create_attachments

from consortium.tokens import redact_secret_links

logger = logging.getLogger(__name__)

PENDING = (STATUS.queued, STATUS.requeued)


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    mimetype: str


@dataclass(frozen=True)
class Delivery:
    status: str  # "sent", "requeued", "failed" or "skipped"
    retry_in: int | None = None


def queue_email(
    *,
    to: str,
    template: str,
    context: dict,
    language: str,
    attachments: tuple[Attachment, ...] = (),
) -> Email:
    """Render `template` in `language` and store it for delivery once the current transaction commits.

    `template` names three files: `<template>_subject.txt`, `<template>.txt` and `<template>.html`.
    """
    with translation.override(language):
        context = {"portal_url": settings.PORTAL_BASE_URL, "language": language, **context}
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}.txt", context)
        html = render_to_string(f"{template}.html", context)
    email = Email.objects.create(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        subject=subject,
        message=text,
        html_message=html,
        status=STATUS.queued,
        priority=PRIORITY.medium,
        message_id=make_msgid(domain="consortium.example"),
        headers={"Content-Language": language},
    )
    if attachments:
        email.attachments.add(
            *create_attachments(
                {a.filename: {"file": ContentFile(a.content), "mimetype": a.mimetype} for a in attachments}
            )
        )
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


def enqueue_delivery(email_id: int) -> None:
    """Hand the message to the task queue; if the broker is down, the sweeper will send it later."""
    from consortium.tasks import deliver_email

    try:
        deliver_email.delay(email_id)
    except Exception:  # the applicant's request must not fail because the broker did
        logger.warning("mail.enqueue_failed email=%s; left for the sweeper", email_id, exc_info=True)


def backoff(attempt: int) -> int:
    """Seconds to wait before attempt `attempt + 1`: 30 s, 1 min, 2 min … capped at one hour."""
    return min(30 * 2 ** (attempt - 1), 3600)


def is_permanent(exc: Exception) -> bool:
    """A refusal the mail server will repeat (a 5xx reply); a 4xx reply, a timeout or a lost connection may pass later."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _message in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return False


def deliver(*, email_id: int, now: datetime | None = None) -> Delivery:
    """Send one queued message, at most once: the row is locked and sent only while it is still pending."""
    now = now or timezone.now()
    with transaction.atomic():
        email = (
            Email.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status__in=PENDING)
            .filter(Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now))
            .first()
        )
        if email is None:
            return Delivery("skipped")
        try:
            with get_connection(fail_silently=False) as connection:
                connection.send_messages([email.email_message()])
        except Exception as exc:  # every failure is recorded on the row, whatever raised it
            return _record_failure(email, exc, now)
        email.status = STATUS.sent
        _redact(email)
        email.save()
        email.logs.create(status=STATUS.sent, message="", exception_type="")
        logger.info("mail.sent email=%s", email.pk)
        return Delivery("sent")


def _record_failure(email: Email, exc: Exception, now: datetime) -> Delivery:
    attempts = (email.number_of_retries or 0) + 1
    email.number_of_retries = attempts
    email.logs.create(status=STATUS.failed, message=str(exc)[:2000], exception_type=type(exc).__name__)
    if is_permanent(exc) or attempts >= settings.MAIL_MAX_ATTEMPTS:
        email.status = STATUS.failed
        _redact(email)
        email.save()
        logger.error("mail.failed email=%s attempts=%s error=%s", email.pk, attempts, type(exc).__name__)
        return Delivery("failed")
    delay = backoff(attempts)
    email.status = STATUS.requeued
    email.scheduled_time = now + timedelta(seconds=delay)
    email.save()
    logger.warning(
        "mail.retry email=%s attempts=%s in=%ss error=%s", email.pk, attempts, delay, type(exc).__name__
    )
    return Delivery("requeued", retry_in=delay)


def _redact(email: Email) -> None:
    # Once a message is sent (or given up), the secret links in its stored copy are no longer needed; keeping
    # them would let anyone who can read the outbox act for the applicant.
    email.message = redact_secret_links(email.message)
    email.html_message = redact_secret_links(email.html_message)


def due_email_ids(*, now: datetime | None = None, limit: int = 500) -> list[int]:
    """Messages still waiting that no fresh task is about to pick up."""
    now = now or timezone.now()
    return list(
        Email.objects.filter(
            status__in=PENDING, last_updated__lte=now - timedelta(seconds=settings.MAIL_SWEEP_GRACE)
        )
        .filter(Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now))
        .order_by("created")
        .values_list("pk", flat=True)[:limit]
    )
