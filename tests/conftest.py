import os

import pytest
from django.conf import settings
from django.db import connection

CI = bool(os.environ.get("CI"))


def uses_services() -> bool:
    return connection.vendor == "postgresql" and bool(settings.CELERY_BROKER_URL)


def pytest_report_header(config):
    database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
    broker = "Redis broker at CELERY_BROKER_URL" if settings.CELERY_BROKER_URL else "no broker"
    lines = [f"portal: database={database}, {broker}"]
    if database != "postgresql" or not settings.CELERY_BROKER_URL:
        lines.append(
            "portal: NOTICE: running on the embedded fallback; tests marked needs_services are skipped. "
            "Set DATABASE_URL=postgres://... and CELERY_BROKER_URL=redis://... to run everything."
        )
    return lines


def pytest_configure(config):
    if CI and not (
        settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and settings.CELERY_BROKER_URL
    ):
        raise pytest.UsageError(
            "CI must run against PostgreSQL and Redis: set DATABASE_URL and CELERY_BROKER_URL."
        )


def pytest_collection_modifyitems(config, items):
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql") and settings.CELERY_BROKER_URL:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL and Redis (set DATABASE_URL and CELERY_BROKER_URL)")
    for item in items:
        if "needs_services" in item.keywords:
            item.add_marker(skip)


def pytest_sessionfinish(session, exitstatus):
    # Under CI nothing may be skipped: a skipped test is a test that did not prove anything.
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if CI and reporter is not None and reporter.stats.get("skipped"):
        reporter.write_line(
            f"CI: {len(reporter.stats['skipped'])} test(s) skipped; failing the run.", red=True
        )
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def smtp_sink(settings):
    """A running SMTP server that the portal's mail goes to, instead of Django's in-memory outbox."""
    from tests.smtp import SmtpSink, start_sink

    sink = SmtpSink()
    controller = start_sink(sink)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = controller.hostname
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    sink.port = controller.port
    yield sink
    controller.stop()


@pytest.fixture
def english():
    """Messages in English, whatever the portal's default language is."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters and other cached values do not leak from one test into the next."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST as a browser would, with the transaction's on-commit work (the emails) done before returning."""

    def _post(path, data=None, *, browser=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return (browser or client).post(path, data or {}, **kwargs)

    return _post


@pytest.fixture
def register(client, django_capture_on_commit_callbacks):
    """Register through the form and "check your answers", with the emails queued on commit delivered."""
    from tests.registering import register as register_as

    def _register(data, *, browser=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return register_as(browser or client, data, **kwargs)

    return _register


@pytest.fixture
def admin_client(admin_user):
    """A superuser's browser that asks for English pages (the portal's default language is Lithuanian)."""
    from django.test import Client

    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(admin_user)
    return client
