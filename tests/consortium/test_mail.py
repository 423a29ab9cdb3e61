from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from consortium import mail
from consortium.tasks import sweep_outbox

pytestmark = pytest.mark.django_db


def queue(to="person@example.lt"):
    return mail.queue_email(
        to=to,
        template="registrations/email/withdrawn",
        context={
            "registration": {"contact_name": "Ona", "reference": "TEST-1"},
            "organisation": {"legal_name": "UAB Testas"},
            "call": {"title": "Call"},
        },
        language="en",
    )


def test_message_reaches_the_smtp_server_once(smtp_sink):
    email = queue()

    assert mail.deliver(email_id=email.pk).status == "sent"
    assert mail.deliver(email_id=email.pk).status == "skipped"

    [message] = smtp_sink.messages
    assert message["To"] == "person@example.lt"
    assert message["Subject"] == "Your registration has been withdrawn (TEST-1)"
    assert message["Content-Language"] == "en"
    email.refresh_from_db()
    assert email.status == STATUS.sent
    assert list(email.logs.values_list("status", flat=True)) == [STATUS.sent]


def test_message_replies_go_to_the_monitored_mailbox_and_it_names_the_contact(smtp_sink, settings):
    settings.MAIL_REPLY_TO = "registracija@eimin.example"
    settings.CONTACT_EMAIL = "info@eimin.example"
    settings.CONTACT_PHONE = "+370 5 000 0000"
    email = queue()

    mail.deliver(email_id=email.pk)

    [message] = smtp_sink.messages
    assert message["Reply-To"] == "registracija@eimin.example"
    text, html = (part.get_content() for part in message.get_payload())
    assert "Questions? Reply to this email, write to info@eimin.example or call +370 5 000 0000." in text
    assert '<a href="mailto:info@eimin.example">info@eimin.example</a>' in html
    assert "do not reply" not in text + html
    assert "Demonstration data" not in text + html


def test_message_says_so_while_the_portal_shows_demonstration_data(settings):
    from tests.factories import MeetingFactory

    MeetingFactory(is_demo=True)

    email = queue()

    assert "Demonstration data: this message was sent by a portal" in email.message
    assert "Demonstration data: this message was sent by a portal" in email.html_message


def test_temporary_refusal_is_retried_with_backoff_and_delivered_after_recovery(smtp_sink):
    email = queue()
    smtp_sink.refuse_with = "451 4.3.0 Try again later"
    start = timezone.now()

    first = mail.deliver(email_id=email.pk, now=start)
    too_early = mail.deliver(email_id=email.pk, now=start + timedelta(seconds=29))
    second = mail.deliver(email_id=email.pk, now=start + timedelta(seconds=30))

    assert (first.status, first.retry_in) == ("requeued", 30)
    assert too_early.status == "skipped"
    assert (second.status, second.retry_in) == ("requeued", 60)
    email.refresh_from_db()
    assert email.status == STATUS.requeued
    assert email.number_of_retries == 2
    assert "Try again later" in email.logs.latest("date").message

    smtp_sink.refuse_with = None
    assert mail.deliver(email_id=email.pk, now=start + timedelta(seconds=91)).status == "sent"
    assert len(smtp_sink.messages) == 1


def test_permanent_refusal_ends_as_failed_without_retrying(smtp_sink):
    email = queue()
    smtp_sink.refuse_with = "550 5.1.1 No such user"

    assert mail.deliver(email_id=email.pk).status == "failed"

    email.refresh_from_db()
    assert email.status == STATUS.failed
    assert email.logs.get().exception_type == "SMTPRecipientsRefused"
    assert mail.due_email_ids(now=timezone.now() + timedelta(days=1)) == []


def test_retries_stop_after_the_configured_number_of_attempts(smtp_sink, settings):
    settings.MAIL_MAX_ATTEMPTS = 3
    email = queue()
    smtp_sink.refuse_with = "421 4.7.0 Too busy"
    now = timezone.now()

    outcomes = []
    for _ in range(3):
        delivery = mail.deliver(email_id=email.pk, now=now)
        outcomes.append(delivery.status)
        now += timedelta(seconds=delivery.retry_in or 0)

    assert outcomes == ["requeued", "requeued", "failed"]
    assert smtp_sink.messages == []


def test_unreachable_server_is_a_temporary_failure(settings):
    from tests.smtp import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    email = queue()

    assert mail.deliver(email_id=email.pk).status == "requeued"
    assert email.logs.get().exception_type == "ConnectionRefusedError"


def test_sweeper_sends_what_was_left_queued(smtp_sink):
    email = queue()  # nothing ran it: as if the broker had been down at commit
    Email.objects.filter(pk=email.pk).update(last_updated=timezone.now() - timedelta(minutes=1))

    assert sweep_outbox() == 1
    assert sweep_outbox() == 0
    assert len(smtp_sink.messages) == 1


def test_sweeper_leaves_fresh_and_not_yet_due_messages_alone(smtp_sink):
    fresh = queue()
    later = queue()
    Email.objects.filter(pk=later.pk).update(
        status=STATUS.requeued,
        scheduled_time=timezone.now() + timedelta(minutes=5),
        last_updated=timezone.now() - timedelta(minutes=1),
    )

    assert mail.due_email_ids() == []
    assert sweep_outbox() == 0
    assert fresh.pk not in mail.due_email_ids()


def test_broker_down_at_commit_does_not_fail_the_caller(django_capture_on_commit_callbacks, caplog):
    from tests.brokers import broker_at
    from tests.smtp import free_port

    with (
        broker_at(f"redis://127.0.0.1:{free_port()}/0"),
        django_capture_on_commit_callbacks(execute=True),
        transaction.atomic(),
    ):
        email = queue()

    email.refresh_from_db()
    assert email.status == STATUS.queued
    assert f"mail.enqueue_failed email={email.pk}" in caplog.text
