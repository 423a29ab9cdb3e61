"""Celery tasks for meetings. Thin: they call a service, which locks what it changes."""

from celery import shared_task

from events import services


@shared_task(name="events.tasks.send_meeting_reminders")
def send_meeting_reminders() -> int:
    """Periodic (see CELERY_BEAT_SCHEDULE): each run reminds whoever is due; nobody is reminded twice."""
    return services.send_reminders()
