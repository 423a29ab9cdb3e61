import io
import json
import logging
import re
import subprocess
import sys

import pytest

from consortium.logs import JsonFormatter, RedactSecretsFilter
from tests.factories import MeetingFactory, RegistrationCallFactory, registration_form_data
from tests.workers import ROOT, child_env

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    "/lt/",
    "/en/",
    "/en/register/",
    "/en/privacy/",
    "/en/accessibility/",
    "/en/events/",
    "/en/events/meeting-for-headers/",
]


@pytest.fixture
def call():
    MeetingFactory(slug="meeting-for-headers")
    return RegistrationCallFactory()


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_send_a_strict_content_security_policy_and_security_headers(client, call, path):
    response = client.get(path)

    policy = response["Content-Security-Policy"]
    assert "default-src 'none'" in policy
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert "unsafe-inline" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_pages_have_no_inline_script_or_style(client, call, path):
    content = client.get(path).content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content)
    assert not re.search(r"<style", content)
    assert not re.search(r"\sstyle=", content)


def test_form_with_errors_has_no_inline_script_or_style(client, call):
    content = client.post("/en/register/", registration_form_data(call, legal_name="")).content.decode()

    assert "There is a problem" in content
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", content)
    assert not re.search(r"\sstyle=", content)


def test_production_settings_pass_the_deployment_checks():
    env = {
        **child_env(),
        "DJANGO_SETTINGS_MODULE": "consortium.settings",
        "DJANGO_SECRET_KEY": "k" * 20 + "an-unguessable-production-secret-0123456789",
        "DJANGO_DEBUG": "off",
        "DJANGO_ALLOWED_HOSTS": "registracija.example.lt",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 0, result.stdout + result.stderr


def test_production_refuses_to_start_without_a_secret_key():
    env = {key: value for key, value in child_env().items() if key != "DJANGO_SECRET_KEY"}
    env.update({"DJANGO_SETTINGS_MODULE": "consortium.settings", "DJANGO_DEBUG": "off"})

    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT, env=env, capture_output=True, text=True, check=False
    )

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off." in result.stderr


@pytest.fixture
def json_log():
    """What the portal's log handler writes, as parsed JSON lines."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RedactSecretsFilter())
    loggers = [logging.getLogger(name) for name in ("consortium.request", "django.request")]
    for logger in loggers:
        logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    for logger in loggers:
        logger.removeHandler(handler)


def test_each_request_is_one_log_line_without_the_secret_token(client, json_log):
    token = "S3cr3t-t0ken-that-must-never-be-logged-0123456789"

    client.get(f"/en/register/edit/{token}/")

    lines = json_log()
    request_line = next(line for line in lines if line["logger"] == "consortium.request")
    assert request_line["method"] == "GET"
    assert request_line["status"] == 404
    assert request_line["path"] == "/en/register/edit/…/"
    assert isinstance(request_line["ms"], float)
    assert all(token not in json.dumps(line) for line in lines)
    assert any(
        line["logger"] == "django.request" for line in lines
    )  # Django's own "Not Found" line, redacted


def test_log_lines_with_named_arguments_are_redacted_too():
    record = logging.makeLogRecord(
        {
            "msg": "Task %(name)s for %(path)s",
            "args": ({"name": "t", "path": "/lt/events/signup/abcdefghijklmnopqrstu/"},),
        }
    )
    record.args = record.args[0] if isinstance(record.args, tuple) else record.args

    RedactSecretsFilter().filter(record)

    assert record.getMessage() == "Task t for /lt/events/signup/…/"


def test_each_task_run_is_one_log_line_with_its_primary_keys(caplog):
    from consortium.tasks import deliver_email

    with caplog.at_level(logging.INFO, logger="consortium.task"):
        deliver_email.delay(424242)  # runs in-process here; no such email, so it is skipped

    [line] = [record for record in caplog.records if record.name == "consortium.task"]
    assert line.task == "consortium.tasks.deliver_email"
    assert line.task_args == [424242]
    assert line.state == "SUCCESS"
    assert line.result == "skipped"


def test_pages_with_personal_data_or_a_secret_link_are_never_stored(client, post, register, call):
    from django.core import mail

    from tests.events.helpers import cancel_path
    from tests.factories import signup_form_data

    checked = client.get(post("/en/register/", registration_form_data(call))["Location"])
    registered = register(registration_form_data(call))
    edit = mail.outbox[0].body.split("http://127.0.0.1:8000")[1].split()[0]
    post("/en/events/meeting-for-headers/", signup_form_data())
    cancel = cancel_path(mail.outbox[1])

    assert "Check your answers" in checked.content.decode()
    assert "no-store" in checked["Cache-Control"]
    for path in (
        registered["Location"],
        edit,
        edit + "withdraw/",
        cancel,
        "/en/events/meeting-for-headers/check-your-email/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert "no-store" in response["Cache-Control"], path
        assert "private" in response["Cache-Control"], path


def test_staff_sessions_end_when_the_browser_closes_and_after_eight_hours(client):
    from tests.factories import StaffFactory

    StaffFactory(username="ona", password="a-long-password-for-ona")

    response = client.post("/admin/login/", {"username": "ona", "password": "a-long-password-for-ona"})

    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == ""  # gone with the browser
    assert cookie["max-age"] == ""
    assert client.session.get_expiry_age() <= 8 * 60 * 60


def test_a_user_name_longer_than_any_account_is_a_form_error_not_a_failure(client):
    from axes.models import AccessAttempt

    response = client.post(
        "/admin/login/", {"username": "u" * 300, "password": "x"}, HTTP_ACCEPT_LANGUAGE="en"
    )

    assert response.status_code == 200
    assert "Ensure this value has at most 150 characters" in response.content.decode()
    assert not AccessAttempt.objects.exists()


def test_a_nul_in_an_admin_filter_or_search_is_a_bad_request(admin_client):
    for query in ("status__exact=%00", "q=%00"):
        response = admin_client.get(f"/admin/registrations/registration/?{query}")
        assert response.status_code == 400, query


def test_the_deployment_check_wants_a_secure_language_cookie(settings):
    from consortium.checks import language_cookie_check

    settings.SESSION_COOKIE_SECURE, settings.LANGUAGE_COOKIE_SECURE = True, False
    assert [warning.id for warning in language_cookie_check(None)] == ["consortium.W002"]
    settings.LANGUAGE_COOKIE_SECURE = True
    assert language_cookie_check(None) == []
