"""Outgoing mail: a database row in the caller's transaction, delivery after commit.

Every message is a django-post-office `Email` row written in the same transaction as the registration or
signup it confirms. `transaction.on_commit` queues `consortium.tasks.deliver_email`; the task claims the row
in a short transaction, renders it, sends it outside any transaction, and records the outcome. Transient
failures are requeued with backoff; the periodic sweeper queues a task for whatever is still due (broker down,
worker killed). One bad row is failed and logged; it never stops the others.

The row holds what the message is to say, not the message: the template, the recipient's language and a
function (by its dotted path) that builds the template's context and attachments from a few JSON parameters —
primary keys, and the facts of the moment the email is about. The worker renders it when it sends it: the
request that queues an email does not pay for rendering it, the outbox holds no secret link (links are derived
again, consortium.models.SecretLink) and a message sent again is rendered again, links and calendar file included.
"""

import logging
import smtplib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.mail import get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from post_office.models import PRIORITY, STATUS, Email, Log

from consortium import contact
from consortium.demo import demo_data_shown
from consortium.email_address import is_deliverable
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


# Builds a message's context and attachments from its parameters, in the recipient's language (active then).
Build = Callable[[dict], tuple[dict, list[Attachment]]]


def as_given(params: dict) -> tuple[dict, list[Attachment]]:
    """The parameters are the context: for messages whose every value is plain text."""
    return params, []


def queue_email(
    *, to: str, template: str, language: str, params: dict, build: str = "consortium.mail.as_given"
) -> Email:
    """Store a message to `to` in the outbox, rendered and sent once the current transaction commits.

    `template` names three files: `<template>_subject.txt`, `<template>.txt` and `<template>.html`; `build`
    names the function that turns `params` (JSON) into their context when the message is rendered.
    """
    email = Email(
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        status=STATUS.queued,
        priority=PRIORITY.medium,
        message_id=make_msgid(domain="consortium.example"),
        # The sender is an address nobody reads; a reply reaches people who do.
        headers={"Content-Language": language, "Reply-To": settings.MAIL_REPLY_TO},
        context={"template": template, "language": language, "build": build, "params": params},
    )
    # Inserted without post_office's save(), which validates every field again: the address was checked where
    # it was given (consortium.email_address), and the outbox fails a message it cannot deliver.
    Email.objects.bulk_create([email])
    transaction.on_commit(lambda: enqueue_delivery(email.pk))
    return email


def is_recipe(email: Email) -> bool:
    """Whether `email` is rendered when it is sent (as queue_email writes them), rather than stored whole."""
    return isinstance(email.context, dict) and "build" in email.context


def render(email: Email) -> list[Attachment]:
    """Render `email`'s recipe onto it (subject, text, HTML), in the recipient's language; its attachments."""
    recipe = email.context
    build: Build = import_string(recipe["build"])
    template = recipe["template"]
    with translation.override(recipe["language"]):
        context, attachments = build(recipe["params"])
        context = {
            "portal_url": settings.PORTAL_BASE_URL,
            "language": recipe["language"],
            "contact": contact.ministry(),
            "demo_data_shown": demo_data_shown(),
            **context,
        }
        email.subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        email.message = render_to_string(f"{template}.txt", context)
        email.html_message = render_to_string(f"{template}.html", context)
    return attachments


def enqueue_delivery(email_id: int) -> bool:
    """Hand the message to the task queue; if the broker is down, the sweeper will send it later."""
    from consortium.tasks import deliver_email

    try:
        deliver_email.delay(email_id)
    except Exception:  # the applicant's request must not fail because the broker did
        logger.warning("mail.enqueue_failed email=%s; left for the sweeper", email_id, exc_info=True)
        return False
    return True


def backoff(attempt: int) -> int:
    """Seconds to wait before attempt `attempt + 1`: 30 s, 1 min, 2 min … capped at MAIL_MAX_RETRY_DELAY."""
    return min(30 * 2 ** (attempt - 1), settings.MAIL_MAX_RETRY_DELAY)


def is_permanent(exc: Exception) -> bool:
    """A refusal the mail server will repeat (a 5xx reply); a 4xx reply, a timeout or a lost connection may pass later."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(500 <= code < 600 for code, _message in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 500 <= exc.smtp_code < 600
    return False


def _due(now: datetime) -> Q:
    return Q(status__in=PENDING) & (Q(scheduled_time__isnull=True) | Q(scheduled_time__lte=now))


def deliver(*, email_id: int, now: datetime | None = None) -> Delivery:
    """Send one queued message: claimed in a short transaction, sent outside it, its outcome recorded.

    No lock is held while the mail server is talked to. The claim pushes the row's scheduled time
    MAIL_CLAIM_SECONDS ahead, so no other task or sweep takes it meanwhile; if this process dies before the
    outcome is recorded, the row becomes due again after that and is retried.
    """
    now = now or timezone.now()
    email = _claim(email_id, now)
    if email is None:
        return Delivery("skipped")
    try:
        attachments = render(email) if is_recipe(email) else []
        message = email.email_message()
        for attachment in attachments:
            message.attach(attachment.filename, attachment.content, attachment.mimetype)
        _check_recipients(message.recipients())
    except Exception as exc:  # a message that cannot even be built will never be sent
        return _failed(email, exc, now)
    try:
        with get_connection(fail_silently=False) as connection:
            connection.send_messages([message])
    except Exception as exc:  # every failure is recorded on the row, whatever raised it
        if is_permanent(exc) or email.number_of_retries >= settings.MAIL_MAX_ATTEMPTS:
            return _failed(email, exc, now)
        return _requeued(email, exc, now)
    _record(email, status=STATUS.sent, redact=True)
    logger.info("mail.sent email=%s", email.pk)
    return Delivery("sent")


class UndeliverableAddress(ValueError):
    """A recipient the mail path would split or misread (see consortium.email_address)."""


def _check_recipients(recipients: list[str]) -> None:
    if not recipients or not all(is_deliverable(parseaddr(address)[1]) for address in recipients):
        raise UndeliverableAddress("undeliverable recipient address")


def _claim(email_id: int, now: datetime) -> Email | None:
    with transaction.atomic():
        email = Email.objects.select_for_update(skip_locked=True).filter(_due(now), pk=email_id).first()
        if email is None:
            return None
        email.number_of_retries = (email.number_of_retries or 0) + 1
        if email.number_of_retries > settings.MAIL_MAX_ATTEMPTS:
            # Every earlier attempt died before recording its outcome: do not try for ever.
            email.status = STATUS.failed
            fields = {"status": STATUS.failed}
        else:
            fields = {"scheduled_time": now + timedelta(seconds=settings.MAIL_CLAIM_SECONDS)}
        # update(), not save(): post_office's save validates the recipients, and a row it cannot validate must
        # still be claimed and failed rather than stop every later delivery.
        Email.objects.filter(pk=email.pk).update(
            number_of_retries=email.number_of_retries, last_updated=now, **fields
        )
    if email.status == STATUS.failed:
        logger.error("mail.failed email=%s attempts=%s error=abandoned", email.pk, email.number_of_retries)
        return None
    return email


def _failed(email: Email, exc: Exception, now: datetime) -> Delivery:
    _record(email, status=STATUS.failed, redact=True, error=exc)
    logger.error(
        "mail.failed email=%s attempts=%s error=%s", email.pk, email.number_of_retries, type(exc).__name__
    )
    return Delivery("failed")


def _requeued(email: Email, exc: Exception, now: datetime) -> Delivery:
    delay = backoff(email.number_of_retries)
    _record(email, status=STATUS.requeued, error=exc, scheduled_time=now + timedelta(seconds=delay))
    logger.warning(
        "mail.retry email=%s attempts=%s in=%ss error=%s",
        email.pk,
        email.number_of_retries,
        delay,
        type(exc).__name__,
    )
    return Delivery("requeued", retry_in=delay)


def _record(
    email: Email,
    *,
    status: int,
    redact: bool = False,
    error: Exception | None = None,
    scheduled_time: datetime | None = None,
) -> None:
    """Store the outcome of an attempt and log it on the row; if that fails, the row is failed, not left stuck."""
    fields = {"status": status, "last_updated": timezone.now()}
    if scheduled_time is not None:
        fields["scheduled_time"] = scheduled_time
    if redact:
        # The message as it was sent (or given up), for staff to read; without its secret links, which would let
        # anyone who can read the outbox act for the applicant.
        fields.update(
            subject=email.subject[:989],
            message=redact_secret_links(email.message),
            html_message=redact_secret_links(email.html_message),
        )
    try:
        with transaction.atomic():
            Email.objects.filter(pk=email.pk).update(**fields)
            Log.objects.create(
                email_id=email.pk,
                status=STATUS.failed if error else STATUS.sent,
                message=_printable(str(error or ""))[:2000],
                exception_type=type(error).__name__ if error else "",
            )
    except Exception:
        logger.exception("mail.record_failed email=%s status=%s; marking it failed", email.pk, status)
        Email.objects.filter(pk=email.pk).update(status=STATUS.failed, last_updated=timezone.now())


def _printable(text: str) -> str:
    return text.replace("\x00", "")


def due_email_ids(*, now: datetime | None = None, limit: int | None = None) -> list[int]:
    """Messages still waiting that no fresh task is about to pick up, oldest first."""
    now = now or timezone.now()
    limit = limit or settings.MAIL_SWEEP_BATCH
    return list(
        Email.objects.filter(_due(now), last_updated__lte=now - timedelta(seconds=settings.MAIL_SWEEP_GRACE))
        .order_by("created", "pk")
        .values_list("pk", flat=True)[:limit]
    )


def sweep(*, now: datetime | None = None) -> int:
    """Queue a delivery task for each message still waiting (broker down, worker killed, retry due), at most
    MAIL_SWEEP_BATCH, oldest first; returns how many were queued. Sending is the tasks' work, not the sweep's."""
    now = now or timezone.now()
    ids = due_email_ids(now=now)
    # Touched, so that the next sweep leaves them to the tasks queued now for the grace period.
    Email.objects.filter(pk__in=ids).update(last_updated=now)
    return sum(enqueue_delivery(email_id) for email_id in ids)
