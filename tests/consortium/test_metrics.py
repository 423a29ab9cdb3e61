"""Prometheus metrics: only for the scraper's token; request metrics and the portal's gauges from the database."""

import urllib.request
from datetime import timedelta

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from consortium.heartbeats import record_success
from registrations.models import Status
from tests.consortium.test_mail import queue
from tests.events.helpers import join
from tests.factories import MeetingFactory, RegistrationCallFactory, RegistrationFactory
from tests.smtp import free_port
from tests.workers import WebNode, database_url

pytestmark = pytest.mark.django_db

TOKEN = "a-long-scraper-token"


@pytest.fixture
def scrape(client, settings):
    settings.METRICS_TOKEN = TOKEN

    def _scrape() -> dict[tuple, float]:
        response = client.get("/metrics", HTTP_AUTHORIZATION=f"Bearer {TOKEN}", HTTP_HOST="10.1.2.3:8000")
        assert response.status_code == 200
        return {
            (sample.name, tuple(sorted(sample.labels.items()))): sample.value
            for family in text_string_to_metric_families(response.content.decode())
            for sample in family.samples
        }

    return _scrape


def test_metrics_are_hidden_without_the_token(client, settings):
    settings.METRICS_TOKEN = TOKEN

    assert client.get("/metrics").status_code == 404
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer wrong").status_code == 404


def test_metrics_are_off_when_no_token_is_set(client, settings):
    settings.METRICS_TOKEN = ""

    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 404


def test_metrics_count_registrations_by_call_and_status(scrape):
    call = RegistrationCallFactory(slug="call-2025")
    RegistrationFactory.create_batch(2, call=call)
    RegistrationFactory(call=call, status=Status.UNDER_REVIEW)

    samples = scrape()

    assert samples[("portal_registrations", (("call", "call-2025"), ("status", "submitted")))] == 2
    assert samples[("portal_registrations", (("call", "call-2025"), ("status", "under_review")))] == 1


def test_metrics_count_signups_by_meeting_and_state(scrape):
    meeting = MeetingFactory(slug="small-meeting", in_person_capacity=1)
    join(meeting, email="first@example.lt")
    join(meeting, email="second@example.lt")

    samples = scrape()

    assert samples[("portal_meeting_signups", (("meeting", "small-meeting"), ("state", "confirmed")))] == 1
    assert samples[("portal_meeting_signups", (("meeting", "small-meeting"), ("state", "waitlisted")))] == 1


def test_metrics_report_the_outbox_and_the_sweepers_last_run(scrape):
    queue(to="waiting@example.lt")
    swept = timezone.now() - timedelta(seconds=40)
    record_success(task="consortium.tasks.sweep_outbox", at=swept)

    samples = scrape()

    assert samples[("portal_emails", (("status", "queued"),))] == 1
    assert samples[("portal_emails", (("status", "sent"),))] == 0
    assert samples[("portal_email_oldest_queued_age_seconds", ())] >= 0
    assert samples[
        ("portal_periodic_task_last_success_timestamp_seconds", (("task", "consortium.tasks.sweep_outbox"),))
    ] == pytest.approx(swept.timestamp())
    assert samples[("portal_database_up", ())] == 1


def test_metrics_count_requests_by_view(client, scrape):
    client.get("/en/privacy/")

    samples = scrape()

    counted = {
        labels: value
        for (name, labels), value in samples.items()
        if name == "django_http_requests_total_by_view_transport_method_total"
    }
    assert any(("view", "privacy") in labels and value >= 1 for labels, value in counted.items())


def test_metrics_answer_while_the_cache_is_down(scrape, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/0",
        },
    }

    assert scrape()[("portal_database_up", ())] == 1


@pytest.mark.needs_services
def test_request_metrics_of_all_gunicorn_workers_are_in_every_scrape():
    node = WebNode(env={"DATABASE_URL": database_url(), "METRICS_TOKEN": TOKEN}, workers=2)
    node.start()
    try:
        for _ in range(6):
            with urllib.request.urlopen(f"{node.base_url}/en/privacy/", timeout=10):
                pass
        scrapes = []
        for _ in range(4):  # each scrape may reach either worker
            request = urllib.request.Request(
                f"{node.base_url}/metrics", headers={"Authorization": f"Bearer {TOKEN}"}
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                scrapes.append(response.read().decode())
    finally:
        node.stop()

    for text in scrapes:
        counts = [
            sample.value
            for family in text_string_to_metric_families(text)
            for sample in family.samples
            if sample.name == "django_http_requests_total_by_view_transport_method_total"
            and sample.labels.get("view") == "privacy"
        ]
        assert counts == [6]
