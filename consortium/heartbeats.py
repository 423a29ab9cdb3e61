"""The last successful run of each periodic task (CELERY_BEAT_SCHEDULE), recorded by whichever worker ran it."""

from datetime import datetime

from celery.signals import task_success
from django.conf import settings
from django.utils import timezone

from consortium.models import TaskHeartbeat


def periodic_tasks() -> dict[str, float | None]:
    """Each periodic task's name and its interval in seconds (None for a calendar schedule such as monthly)."""
    tasks = {}
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        schedule = entry["schedule"]
        tasks[entry["task"]] = float(schedule) if isinstance(schedule, int | float) else None
    return tasks


def record_success(*, task: str, at: datetime) -> None:
    # One statement that inserts or updates: two workers finishing the same task at once both succeed.
    TaskHeartbeat.objects.bulk_create(
        [TaskHeartbeat(task=task, last_success_at=at)],
        update_conflicts=True,
        unique_fields=["task"],
        update_fields=["last_success_at"],
    )


def last_successes() -> dict[str, datetime]:
    return dict(TaskHeartbeat.objects.values_list("task", "last_success_at"))


@task_success.connect
def _record_periodic_success(sender=None, **kwargs) -> None:
    if sender is not None and sender.name in periodic_tasks():
        record_success(task=sender.name, at=timezone.now())
