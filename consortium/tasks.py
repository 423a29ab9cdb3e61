"""Celery tasks shared by every app. Thin: load by primary key, call the outbox, own the retry policy."""

from celery import shared_task

from consortium import mail


@shared_task(bind=True, name="consortium.tasks.deliver_email", max_retries=None, acks_late=True)
def deliver_email(self, email_id: int) -> str:
    delivery = mail.deliver(email_id=email_id)
    if delivery.retry_in is not None:
        raise self.retry(countdown=delivery.retry_in)
    return delivery.status


@shared_task(name="consortium.tasks.sweep_outbox")
def sweep_outbox() -> int:
    """Send whatever is still queued: its task was lost (broker down, worker killed) or its retry is due."""
    sent = 0
    for email_id in mail.due_email_ids():
        sent += mail.deliver(email_id=email_id).status == "sent"
    return sent
