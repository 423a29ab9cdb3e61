"""The database or the mail server failing: a clear answer for people, nothing half-written, errors visible."""

import json
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.utils import timezone
from post_office.models import STATUS

from consortium import mail
from registrations.models import Organisation, Registration, RegistrationCall
from tests.factories import RegistrationCallFactory, registration_form_data
from tests.registering import register
from tests.smtp import free_port
from tests.workers import ROOT, child_env, wait_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def portal_without_database():
    """The portal under gunicorn, with production settings, whose database does not answer."""
    port = free_port()
    env = {
        **child_env(),
        "DJANGO_SETTINGS_MODULE": "consortium.settings",
        "DJANGO_SECRET_KEY": "outage-test",
        "DJANGO_SECURE_SSL_REDIRECT": "off",
        "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/portal",
        "METRICS_TOKEN": "scraper-secret",
    }
    env.pop("CELERY_BROKER_URL", None)
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "consortium.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"

    def answers():
        try:
            get(base + "/livez")
        except OSError:
            return False
        return True

    assert wait_for(answers, timeout=30)
    yield base
    server.terminate()
    server.wait(timeout=10)


def get(url: str, headers: dict | None = None) -> tuple[int, dict, str]:
    try:
        with urllib.request.urlopen(
            urllib.request.Request(url, headers=headers or {}), timeout=10
        ) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def test_database_outage_gets_a_friendly_503_page(portal_without_database):
    status, headers, page = get(portal_without_database + "/en/register/")
    health_status, _headers, health = get(portal_without_database + "/healthz")

    assert status == 503
    assert headers["Retry-After"] == "60"
    assert "Sorry, the service is unavailable" in page
    assert "it was not saved" in page
    assert health_status == 503
    assert json.loads(health)["database"] == "unavailable"


def test_database_outage_makes_the_node_unready_but_alive(portal_without_database):
    ready_status, _headers, ready = get(portal_without_database + "/readyz")
    live_status, _headers, _live = get(portal_without_database + "/livez")
    metrics_status, _headers, metrics = get(
        portal_without_database + "/metrics", {"Authorization": "Bearer scraper-secret"}
    )

    assert (ready_status, json.loads(ready)) == (503, {"status": "unavailable", "database": "unavailable"})
    assert live_status == 200  # restarting the process would not bring the database back
    assert metrics_status == 200
    assert "portal_database_up 0.0" in metrics


@pytest.mark.needs_services
def test_database_failing_mid_submission_leaves_nothing_half_written(client):
    call = RegistrationCallFactory()
    with connection.cursor() as cursor:  # the last write of a submission fails inside the database
        cursor.execute(
            "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'disk full' USING ERRCODE = 'disk_full'; END $$ LANGUAGE plpgsql;"
            "CREATE TRIGGER refuse BEFORE INSERT ON post_office_email FOR EACH ROW EXECUTE FUNCTION refuse();"
        )

    response = register(client, registration_form_data(call))

    assert response.status_code == 503
    assert "Sorry, the service is unavailable" in response.content.decode()
    assert not Registration.objects.exists()
    assert not Organisation.objects.exists()
    assert RegistrationCall.objects.get(pk=call.pk).last_reference_number == 0


@pytest.fixture
def silent_smtp_server():
    """Accepts connections and never says a word: a mail server that hangs."""
    listener = socket.create_server(("127.0.0.1", 0))
    connections = []
    stop = threading.Event()

    def accept():
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                connections.append(listener.accept()[0])
            except TimeoutError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield listener.getsockname()[1]
    stop.set()
    thread.join()
    for conn in connections:
        conn.close()
    listener.close()


def test_smtp_timeout_is_retried_shown_to_staff_and_delivered_after_recovery(
    client, settings, silent_smtp_server, smtp_sink
):
    settings.EMAIL_PORT = silent_smtp_server
    settings.EMAIL_TIMEOUT = 1
    email = mail.queue_email(
        to="person@example.lt",
        template="registrations/email/withdrawn",
        params={"registration": {"contact_name": "Ona", "reference": "T-1"}, "organisation": {}, "call": {}},
        language="en",
    )
    now = timezone.now()

    delivery = mail.deliver(email_id=email.pk, now=now)

    email.refresh_from_db()
    assert (delivery.status, email.status) == ("requeued", STATUS.requeued)
    staff = get_user_model().objects.create_superuser("staff", "staff@example.lt", "a-long-password-1")
    client.force_login(staff)
    page = client.get(
        f"/admin/post_office/email/{email.pk}/change/", HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "requeued" in page
    assert "timed out" in page

    settings.EMAIL_PORT = smtp_sink.port
    assert mail.deliver(email_id=email.pk, now=now + timedelta(seconds=delivery.retry_in)).status == "sent"
    assert len(smtp_sink.messages) == 1


@pytest.fixture
def cache_without_redis(settings, monkeypatch):
    """The production cache, pointed at a Redis that is not there."""
    from django.core.cache import caches

    from consortium.cache import ResilientRedisCache

    monkeypatch.setattr(ResilientRedisCache, "_last_report", 0.0)  # no outage reported yet in this process

    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "consortium.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{free_port()}/1",
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        },
    }
    yield caches["default"]
    caches["default"].close()


def test_public_forms_save_and_confirm_while_the_cache_is_down(
    client, post, register, settings, cache_without_redis, caplog
):
    from django.core import mail as sent_mail

    from events.models import Signup
    from tests.factories import MeetingFactory, signup_form_data

    settings.RATELIMIT_PUBLIC_POSTS = "30/h"
    call = RegistrationCallFactory()
    meeting = MeetingFactory(slug="briefing")

    registration = register(registration_form_data(call))
    signup = post("/en/events/briefing/", signup_form_data())
    again = register(
        registration_form_data(call, registration_code="110053842", contact_email="b@example.lt")
    )

    assert (registration.status_code, signup.status_code, again.status_code) == (302, 302, 302)
    assert Registration.objects.count() == 2
    assert Signup.objects.filter(meeting=meeting).count() == 1
    assert len(sent_mail.outbox) == 3
    # The outage is logged, once a minute rather than once a request.
    assert caplog.text.count("cache.unavailable") == 1
