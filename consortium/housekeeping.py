"""Housekeeping that beat runs every night (CELERY_BEAT_SCHEDULE): each task is safe to run twice, or at once on
two workers, because each only removes what is past its date and what is gone stays gone. (The personal-data
purge is the privacy app's.)

- expired sessions (what `manage.py clearsessions` does);
- delivery logs of emails older than MAIL_LOG_RETENTION_DAYS.
"""

import logging
from datetime import datetime, timedelta
from importlib import import_module

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from post_office.models import Log

logger = logging.getLogger(__name__)


def prune_mail_logs(*, older_than: timedelta, now: datetime | None = None) -> int:
    """Delete the delivery logs of emails written before `now - older_than`; the emails themselves stay."""
    now = now or timezone.now()
    deleted, _by_model = Log.objects.filter(date__lt=now - older_than).delete()
    return deleted


@shared_task(name="consortium.housekeeping.clear_sessions")
def clear_sessions() -> None:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(name="consortium.housekeeping.prune_mail_logs")
def prune_old_mail_logs() -> int:
    deleted = prune_mail_logs(older_than=timedelta(days=settings.MAIL_LOG_RETENTION_DAYS))
    logger.info("mail.logs_pruned count=%s", deleted)
    return deleted
