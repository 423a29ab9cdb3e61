"""Faults the deadline rush brings, survived on the real stack: PostgreSQL, Redis, a Celery worker, SMTP."""

import time

import pytest
from django.db import connection, transaction
from post_office.models import STATUS, Email

from events.models import Signup
from registrations.models import Registration
from tests.brokers import broker_at
from tests.consortium.test_mail import queue
from tests.factories import MeetingFactory, RegistrationCallFactory, registration_form_data, signup_form_data
from tests.registering import register
from tests.workers import RedisServer, celery_worker, wait_for

pytestmark = [pytest.mark.needs_services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# The sweeper runs every second and takes messages untouched for a second.
FAST_SWEEPER = {"MAIL_SWEEP_INTERVAL": "1", "MAIL_SWEEP_GRACE": "1"}
# A claimed message whose worker died is tried again after 20 seconds (the shortest the time limits allow).
SHORT_CLAIM = {"EMAIL_TIMEOUT": "1", "MAIL_CLAIM_SECONDS": "20"}


def test_redis_down_at_submission_and_the_confirmations_still_arrive_once(client, smtp_sink, settings):
    """Redis is the broker and the cache: with it stopped, a registration and a signup are saved and answered,
    and their confirmations are delivered once when it is back."""
    call = RegistrationCallFactory()
    meeting = MeetingFactory(slug="briefing")
    redis_server = RedisServer()
    redis_server.start()
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "consortium.cache.ResilientRedisCache",
            "LOCATION": redis_server.url.replace("/0", "/1"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    with celery_worker(
        email_port=smtp_sink.port, broker_url=redis_server.url, beat=True, env=FAST_SWEEPER
    ) as worker:
        redis_server.stop()
        with broker_at(redis_server.url):
            response = register(client, registration_form_data(call), follow=True)
            signup = client.post("/en/events/briefing/", signup_form_data(), follow=True)

        registration = Registration.objects.get()
        assert response.redirect_chain == [(f"/en/register/done/{registration.reference}/", 302)]
        assert registration.reference in response.content.decode()
        assert signup.redirect_chain == [("/en/events/briefing/check-your-email/", 302)]
        assert Signup.objects.get(meeting=meeting).email == "egle@example.lt"
        assert set(Email.objects.values_list("status", flat=True)) == {STATUS.queued}
        assert smtp_sink.messages == []

        redis_server.start()
        delivered = wait_for(lambda: len(smtp_sink.messages) == 2, timeout=90)
        time.sleep(3)  # several more sweeps: none may send anything again
    redis_server.stop()

    assert delivered, worker.output[-3000:]
    assert len(smtp_sink.messages) == 2
    assert sorted(message["To"] for message in smtp_sink.messages) == ["egle@example.lt", "jonas@example.lt"]
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}


def test_poisoned_rows_do_not_stop_the_sweeper_from_delivering_what_waited_for_the_broker(smtp_sink):
    from tests.consortium.test_mail import POISONED, left_for_the_sweeper

    with broker_at("redis://127.0.0.1:1/0"):  # the broker is down while these are written
        poisoned = [queue(to=POISONED), queue(to='"a,b"@probe.example')]
    good = left_for_the_sweeper()
    Email.objects.update(last_updated=Email.objects.get(pk=good.pk).created)

    with celery_worker(email_port=smtp_sink.port, beat=True, env=FAST_SWEEPER) as worker:
        delivered = wait_for(lambda: smtp_sink.messages, timeout=60)
        time.sleep(3)

    assert delivered, worker.output[-3000:]
    assert [message["To"] for message in smtp_sink.messages] == ["person@example.lt"]
    assert Email.objects.get(pk=good.pk).status == STATUS.sent
    assert {Email.objects.get(pk=email.pk).status for email in poisoned} == {STATUS.failed}


def test_worker_killed_while_sending_delivers_exactly_once_after_recovery(client, smtp_sink):
    call = RegistrationCallFactory()
    smtp_sink.hold.set()
    with celery_worker(email_port=smtp_sink.port, env=SHORT_CLAIM) as worker:
        register(client, registration_form_data(call))
        assert smtp_sink.receiving.wait(timeout=60), worker.output[-3000:]
        worker.kill()
    smtp_sink.hold.clear()

    time.sleep(1)
    assert smtp_sink.messages == []
    # Claimed by the killed worker, outside any transaction: still waiting, and tried again once the claim ends.
    assert Email.objects.get().status == STATUS.queued

    with celery_worker(
        email_port=smtp_sink.port, beat=True, env={**FAST_SWEEPER, **SHORT_CLAIM}
    ) as recovered:
        delivered = wait_for(lambda: smtp_sink.messages, timeout=90)
        time.sleep(3)

    assert delivered, recovered.output[-3000:]
    assert len(smtp_sink.messages) == 1
    assert Email.objects.get().status == STATUS.sent


def worker_connections() -> set[int]:
    """The backends of the worker's database connections: every other client of the test database."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            " AND backend_type = 'client backend'"
        )
        return {pid for (pid,) in cursor.fetchall()}


def send(*addresses: str) -> None:
    for address in addresses:
        with transaction.atomic():
            queue(to=address)


def test_the_worker_keeps_its_database_connection_and_replaces_a_broken_one(smtp_sink):
    with celery_worker(email_port=smtp_sink.port) as worker:
        send("first@example.lt")
        assert wait_for(lambda: len(smtp_sink.messages) == 1), worker.output[-3000:]
        time.sleep(0.5)  # the task has returned and its connection is idle
        kept = worker_connections()

        send("second@example.lt", "third@example.lt", "fourth@example.lt")
        assert wait_for(lambda: len(smtp_sink.messages) == 4), worker.output[-3000:]
        time.sleep(0.5)
        after_more_tasks = worker_connections()

        # The database restarts, or drops the connection: the next task notices and connects again.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(pid) FROM unnest(%s::int[]) AS pid", [list(kept)])
        send("fifth@example.lt")
        assert wait_for(lambda: len(smtp_sink.messages) == 5), worker.output[-3000:]
        time.sleep(0.5)
        replaced = worker_connections()

    assert len(kept) == 1
    assert after_more_tasks == kept
    assert len(replaced) == 1
    assert replaced != kept
    assert set(Email.objects.values_list("status", flat=True)) == {STATUS.sent}
    assert [message["To"] for message in smtp_sink.messages][-1] == "fifth@example.lt"
