"""One JSON line per event from web, worker and beat alike, secrets removed, with the request id carried along."""

import io
import json
import logging
import subprocess
import sys
import uuid

import pytest
from django.conf import settings

from consortium.logs import JsonFormatter, RedactSecretsFilter, RequestIdFilter
from registrations.models import Registration
from tests.factories import RegistrationCallFactory, registration_form_data
from tests.registering import register
from tests.workers import ROOT, celery_worker, child_env, database_url, wait_for


@pytest.fixture
def json_log():
    """What the portal's log handler writes, as parsed JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactSecretsFilter())
    handler.addFilter(RequestIdFilter())
    logger = logging.getLogger("consortium.request")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


# Celery prints this itself from its SIGTERM handler, outside logging; nothing else may be plain text.
CELERY_SHUTDOWN_LINE = "worker: Warm shutdown (MainProcess)"


def json_lines(output: str) -> list[dict]:
    """Every line a process wrote, parsed: json.loads fails the test on any line that is not one JSON object."""
    lines = [
        json.loads(line) for line in output.splitlines() if line.strip() not in ("", CELERY_SHUTDOWN_LINE)
    ]
    assert all(isinstance(line, dict) for line in lines)
    return lines


@pytest.mark.django_db
def test_request_line_carries_the_request_id_the_proxy_sent(client, json_log):
    response = client.get("/en/privacy/", HTTP_X_REQUEST_ID="lb-7f3a9c")

    [line] = json_log()
    assert line["request_id"] == "lb-7f3a9c"
    assert response["X-Request-ID"] == "lb-7f3a9c"


@pytest.mark.django_db
@pytest.mark.parametrize("offered", [None, "", "not an id; DROP TABLE", "x" * 200])
def test_request_without_a_usable_id_gets_a_new_one(client, json_log, offered):
    headers = {} if offered is None else {"HTTP_X_REQUEST_ID": offered}

    response = client.get("/en/privacy/", **headers)

    [line] = json_log()
    assert len(line["request_id"]) == 32
    assert line["request_id"] == response["X-Request-ID"] != offered


@pytest.mark.needs_services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_worker_logs_json_lines_with_the_request_id_of_the_task(client, smtp_sink):
    call = RegistrationCallFactory()

    # The suite runs as root, which Celery warns about on stderr before any logging is set up; the image runs
    # the worker as uid 1000, where there is nothing to warn about.
    quiet_about_root = {"PYTHONWARNINGS": "ignore:You're running the worker with superuser privileges"}
    with celery_worker(email_port=smtp_sink.port, env={"LOG_FORMAT": "json", **quiet_about_root}) as worker:
        register(client, registration_form_data(call), HTTP_X_REQUEST_ID="req-registration-1")
        delivered = wait_for(lambda: smtp_sink.messages)
    assert delivered, worker.output[-3000:]

    lines = json_lines(worker.output)
    [task_line] = [line for line in lines if line.get("task") == "consortium.tasks.deliver_email"]
    assert task_line["request_id"] == "req-registration-1"
    assert task_line["state"] == "SUCCESS"
    assert any(line["logger"].startswith("celery") for line in lines)  # Celery's own lines are JSON too
    edit_link = smtp_sink.messages[0].get_body(("plain",)).get_content()
    assert Registration.objects.get().reference in edit_link
    assert "/register/edit/" in edit_link
    assert all("/register/edit/" not in line["msg"] or "/register/edit/…" in line["msg"] for line in lines)


@pytest.mark.needs_services
@pytest.mark.django_db
def test_beat_logs_json_lines(tmp_path):
    log = tmp_path / "beat.log"
    with log.open("w") as output:
        beat = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "--quiet",
                "-A",
                "consortium",
                "beat",
                "--schedule",
                str(tmp_path / "s"),
            ],
            cwd=ROOT,
            env=child_env(
                DJANGO_SETTINGS_MODULE="consortium.settings",
                DJANGO_SECRET_KEY="beat-under-test",
                DATABASE_URL=database_url(),
                CELERY_BROKER_URL=settings.CELERY_BROKER_URL,
                CELERY_QUEUE=f"test-{uuid.uuid4().hex[:12]}",  # what it sends goes to a queue nobody reads
                MAIL_SWEEP_INTERVAL="1",
                LOG_FORMAT="json",
            ),
            stdout=output,
            stderr=subprocess.STDOUT,
        )
        sent = wait_for(lambda: "Sending due task sweep-outbox" in log.read_text(), timeout=60)
        beat.terminate()
        beat.wait(timeout=10)

    assert sent, log.read_text()[-3000:]
    lines = json_lines(log.read_text())
    assert any(line["logger"] == "celery.beat" and "sweep-outbox" in line["msg"] for line in lines)
