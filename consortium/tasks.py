"""Celery tasks shared by every app. Thin: load by primary key, call the outbox, own the retry policy."""

from celery import shared_task
from django.conf import settings

from consortium import mail


@shared_task(
    bind=True,
    name="consortium.tasks.deliver_email",
    max_retries=None,
    acks_late=True,
    soft_time_limit=settings.MAIL_TASK_TIME_LIMIT,
    time_limit=settings.MAIL_TASK_TIME_LIMIT + 5,
)
def deliver_email(self, email_id: int) -> str:
    delivery = mail.deliver(email_id=email_id)
    if delivery.retry_in is not None:
        raise self.retry(countdown=delivery.retry_in)
    return delivery.status


@shared_task(name="consortium.tasks.sweep_outbox", soft_time_limit=120, time_limit=150)
def sweep_outbox() -> int:
    """Queue delivery of whatever is still waiting: its task was lost (broker down, worker killed) or its retry
    is due. Only queues: a slow mail server delays the tasks, never the sweep."""
    return mail.sweep()
