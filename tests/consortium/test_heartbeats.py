"""Each periodic task's last success is in the database, where every node's health report and metrics see it."""

from datetime import timedelta

import pytest
from django.utils import timezone

from consortium.heartbeats import last_successes, record_success
from consortium.models import TaskHeartbeat
from consortium.tasks import deliver_email, sweep_outbox
from tests.consortium.test_mail import queue

pytestmark = pytest.mark.django_db


def test_a_periodic_task_records_its_success():
    before = timezone.now()

    sweep_outbox.delay()

    assert last_successes()["consortium.tasks.sweep_outbox"] >= before


def test_a_task_that_is_not_periodic_records_nothing(smtp_sink):
    deliver_email.delay(queue().pk)

    assert len(smtp_sink.messages) == 1
    assert not TaskHeartbeat.objects.exists()


def test_recording_again_moves_the_same_row_forward():
    earlier = timezone.now() - timedelta(minutes=5)
    record_success(task="consortium.tasks.sweep_outbox", at=earlier)

    record_success(task="consortium.tasks.sweep_outbox", at=earlier + timedelta(minutes=1))

    assert last_successes() == {"consortium.tasks.sweep_outbox": earlier + timedelta(minutes=1)}
