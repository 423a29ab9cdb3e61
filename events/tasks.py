"""Celery tasks for meetings. Thin: they call a service, which locks what it changes."""

import logging

from celery import shared_task
from django.utils import timezone

from events import selectors, services

logger = logging.getLogger(__name__)

# Attendees told of a meeting's change per task run; a larger audience is told by the task queuing itself again.
CHANGE_BATCH = 200


@shared_task(name="events.tasks.send_meeting_reminders", soft_time_limit=540, time_limit=570)
def send_meeting_reminders() -> int:
    """Periodic (see CELERY_BEAT_SCHEDULE): each run reminds whoever is due; nobody is reminded twice."""
    return services.send_reminders()


@shared_task(name="events.tasks.notify_meeting_change", soft_time_limit=240, time_limit=270)
def notify_meeting_change(meeting_id: int) -> int:
    told = services.notify_meeting_changes(meeting_id=meeting_id, limit=CHANGE_BATCH)
    if told == CHANGE_BATCH:  # there may be more
        queue_change_notifications(meeting_id)
    return told


@shared_task(name="events.tasks.sweep_meeting_changes")
def sweep_meeting_changes() -> int:
    """Periodic: tell the attendees whom no task told of a change (it was queued while the broker was down)."""
    meetings = selectors.meetings_with_pending_changes(now=timezone.now())
    for meeting_id in meetings:
        queue_change_notifications(meeting_id)
    return len(meetings)


def queue_change_notifications(meeting_id: int) -> None:
    """Queue telling a meeting's attendees of its changes; with the broker down, the periodic sweep does it."""
    try:
        notify_meeting_change.delay(meeting_id)
    except Exception:  # the staff member's save must not fail because the broker did
        logger.warning(
            "events.notify_enqueue_failed meeting=%s; left for the periodic sweep", meeting_id, exc_info=True
        )
