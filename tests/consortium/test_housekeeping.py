"""Beat's nightly housekeeping: each task does its work once, and a second run finds nothing left to do."""

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone
from post_office.models import STATUS, Log

from consortium.celery import app
from consortium.housekeeping import clear_sessions, prune_old_mail_logs
from tests.consortium.test_mail import queue

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")


def test_every_scheduled_task_is_known_to_the_workers():
    app.loader.import_default_modules()

    assert {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()} <= set(app.tasks)


def test_clear_sessions_removes_expired_ones_only_and_twice_is_the_same():
    expired, live = SessionStore(), SessionStore()
    expired.set_expiry(-60)
    expired.create()
    live.create()

    clear_sessions.delay()
    clear_sessions.delay()

    assert list(Session.objects.values_list("session_key", flat=True)) == [live.session_key]


def test_prune_removes_old_delivery_logs_only_and_twice_is_the_same(settings):
    settings.MAIL_LOG_RETENTION_DAYS = 30
    email = queue()
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        email.logs.create(status=STATUS.failed, message="451 try later", exception_type="SMTPDataError")
    recent = email.logs.create(status=STATUS.sent, message="", exception_type="")

    first = prune_old_mail_logs.delay().get()
    second = prune_old_mail_logs.delay().get()

    assert (first, second) == (1, 0)
    assert list(Log.objects.all()) == [recent]
    assert email.pk in set(Log.objects.values_list("email_id", flat=True))
