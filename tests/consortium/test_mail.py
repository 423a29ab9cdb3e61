import importlib
import threading
import uuid
from datetime import timedelta

import pytest
from django.apps import apps as django_apps
from django.db import connection, transaction
from django.utils import timezone
from post_office.models import STATUS, Email

from consortium import mail
from consortium.tasks import sweep_outbox

pytestmark = pytest.mark.django_db


def queue(to="person@example.lt"):
    return mail.queue_email(
        to=to,
        template="registrations/email/withdrawn",
        params={
            "registration": {"contact_name": "Ona", "reference": "TEST-1"},
            "organisation": {"legal_name": "UAB Testas"},
            "call": {"title": "Call"},
        },
        language="en",
    )


def test_the_outbox_holds_what_to_say_and_the_message_is_rendered_when_sent(smtp_sink):
    email = queue()

    stored = Email.objects.get(pk=email.pk)
    assert (stored.subject, stored.message) == ("", "")
    assert stored.context["template"] == "registrations/email/withdrawn"
    mail.deliver(email_id=email.pk)
    stored.refresh_from_db()
    assert stored.subject == "Your registration has been withdrawn (TEST-1)"
    assert "Ona" in stored.message


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
    mail.render(email)

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


# RFC 5322 allows it, Django's EmailValidator accepts it, and the outbox reads it back as two addresses.
POISONED = '"x,victim@evil.example"@probe.example'


def left_for_the_sweeper():
    """A message queued while the broker was down (outside a test transaction nothing else would wait)."""
    from tests.brokers import broker_at
    from tests.smtp import free_port

    with broker_at(f"redis://127.0.0.1:{free_port()}/0"):
        return queue()


def age(*emails, minutes=1):
    Email.objects.filter(pk__in=[email.pk for email in emails]).update(
        last_updated=timezone.now() - timedelta(minutes=minutes)
    )


def test_an_address_the_outbox_would_split_fails_alone_and_the_sweeper_goes_on(smtp_sink):
    poisoned = queue(to=POISONED)
    good = queue()
    age(poisoned, good)

    assert sweep_outbox() == 2

    poisoned.refresh_from_db()
    good.refresh_from_db()
    assert poisoned.status == STATUS.failed
    assert poisoned.logs.get().exception_type == "UndeliverableAddress"
    assert good.status == STATUS.sent
    assert [message["To"] for message in smtp_sink.messages] == ["person@example.lt"]
    assert mail.due_email_ids(now=timezone.now() + timedelta(days=1)) == []


def test_rows_poisoned_before_the_address_check_are_failed_by_a_migration():
    poisoned = queue(to=POISONED)
    good = queue()
    migration = importlib.import_module("consortium.migrations.0005_fail_undeliverable_emails")

    migration.fail_undeliverable(django_apps, None)

    assert Email.objects.get(pk=poisoned.pk).status == STATUS.failed
    assert Email.objects.get(pk=good.pk).status == STATUS.queued


def test_the_sweeper_queues_the_oldest_in_bounded_batches(settings):
    settings.MAIL_SWEEP_BATCH = 2
    first, second, third = queue(), queue(), queue()
    age(first, second, third)

    assert mail.due_email_ids() == [first.pk, second.pk]


@pytest.mark.needs_services
def test_the_sweeper_only_queues_and_a_slow_mail_server_cannot_hold_it(settings):
    """Against the real broker with no worker: the sweep returns at once and sends nothing itself."""
    from kombu import Connection

    from tests.brokers import broker_at

    settings.CELERY_TASK_DEFAULT_QUEUE = queue_name = f"sweep-{uuid.uuid4().hex[:8]}"
    emails = [queue(), queue(), queue()]
    age(*emails)

    with broker_at(settings.CELERY_BROKER_URL) as app:
        app.conf.task_default_queue = queue_name
        queued = sweep_outbox()
        with Connection(settings.CELERY_BROKER_URL) as connection:
            waiting = connection.SimpleQueue(queue_name).qsize()

    assert queued == 3
    assert waiting == 3
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.queued}


@pytest.mark.needs_services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_message_is_sent_without_holding_its_row_locked(smtp_sink):
    email = left_for_the_sweeper()
    smtp_sink.hold.set()
    outcome = []

    def send():
        try:
            outcome.append(mail.deliver(email_id=email.pk).status)
        finally:
            connection.close()  # this thread's own connection

    sender = threading.Thread(target=send)
    sender.start()
    try:
        assert smtp_sink.receiving.wait(timeout=30)
        with transaction.atomic():  # would wait, or fail with NOWAIT, if the sender held the row
            Email.objects.select_for_update(nowait=True).get(pk=email.pk)
    finally:
        smtp_sink.hold.clear()
        sender.join(timeout=30)

    assert outcome == ["sent"]


@pytest.mark.needs_services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_row_whose_outcome_cannot_be_recorded_is_failed_and_logged(smtp_sink, caplog):
    email = left_for_the_sweeper()
    with connection.cursor() as cursor:  # writing the delivery log fails inside the database
        cursor.execute(
            "CREATE FUNCTION refuse_log() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full'; END $$ LANGUAGE plpgsql;"
            "CREATE TRIGGER refuse_log BEFORE INSERT ON post_office_log FOR EACH ROW EXECUTE FUNCTION refuse_log();"
        )
    try:
        mail.deliver(email_id=email.pk)
    finally:
        with connection.cursor() as cursor:
            cursor.execute("DROP TRIGGER refuse_log ON post_office_log; DROP FUNCTION refuse_log();")

    assert Email.objects.get(pk=email.pk).status == STATUS.failed
    assert f"mail.record_failed email={email.pk}" in caplog.text
