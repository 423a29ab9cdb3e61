"""The monitoring report: every dependency, the outbox and the periodic tasks; only the database decides 503."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from consortium.heartbeats import record_success
from tests.brokers import broker_at
from tests.consortium.test_mail import queue
from tests.smtp import free_port

pytestmark = pytest.mark.django_db

SWEEPER = "consortium.tasks.sweep_outbox"


@pytest.mark.needs_services
def test_healthz_reports_database_broker_and_cache_ok_with_a_broker(client):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert (body["status"], body["database"], body["broker"], body["cache"]) == ("ok", "ok", "ok", "ok")


def test_healthz_says_tasks_run_in_process_without_a_broker(client, settings):
    settings.CELERY_BROKER_URL = ""

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["broker"] == "not configured (tasks run in-process)"
    assert response.json()["status"] == "ok"


def test_healthz_is_degraded_but_200_when_the_broker_is_unreachable(client, settings):
    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    settings.CELERY_BROKER_URL = unreachable

    with broker_at(unreachable):
        response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert (response.json()["database"], response.json()["broker"]) == ("ok", "unavailable")


def test_healthz_is_degraded_but_200_when_the_cache_is_unreachable(client, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }

    response = client.get("/healthz")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cache"]) == ("degraded", "unavailable")


def test_healthz_reports_how_long_the_oldest_queued_email_has_waited(client):
    with time_machine.travel(timezone.now() - timedelta(minutes=10), tick=False):
        queue(to="first@example.lt")
    queue(to="second@example.lt")

    outbox = client.get("/healthz").json()["outbox"]

    assert outbox["queued"] == 2
    assert 600 <= outbox["oldest_queued_seconds"] < 660
    assert (outbox["sent"], outbox["failed"]) == (0, 0)


def test_healthz_reports_an_empty_outbox_without_an_age(client):
    outbox = client.get("/healthz").json()["outbox"]

    assert (outbox["queued"], outbox["oldest_queued_seconds"]) == (0, None)


def test_healthz_reports_the_sweepers_last_run(client):
    record_success(task=SWEEPER, at=timezone.now() - timedelta(seconds=30))

    body = client.get("/healthz").json()

    assert body["periodic_tasks"][SWEEPER]["late"] is False
    assert 30 <= body["periodic_tasks"][SWEEPER]["seconds_ago"] < 90
    assert body["status"] == "ok"


def test_healthz_is_degraded_when_the_sweeper_has_not_run_for_several_intervals(client, settings):
    record_success(task=SWEEPER, at=timezone.now() - timedelta(seconds=4 * settings.MAIL_SWEEP_INTERVAL + 60))

    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json()["periodic_tasks"][SWEEPER]["late"] is True
    assert response.json()["status"] == "degraded"
