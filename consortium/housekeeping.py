"""Housekeeping that beat runs every night (CELERY_BEAT_SCHEDULE): each task is safe to run twice, or at once on
two workers, because each only removes what is past its date and what is gone stays gone.

- the personal-data purge (consortium.personal_data.purge_expired), acting only when PERSONAL_DATA_PURGE is on,
  otherwise counting what it would erase;
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

from consortium.personal_data import purge_expired

logger = logging.getLogger(__name__)


def prune_mail_logs(*, older_than: timedelta, now: datetime | None = None) -> int:
    """Delete the delivery logs of emails written before `now - older_than`; the emails themselves stay."""
    now = now or timezone.now()
    deleted, _by_model = Log.objects.filter(date__lt=now - older_than).delete()
    return deleted


@shared_task(name="consortium.housekeeping.purge_personal_data")
def purge_personal_data() -> dict:
    apply = settings.PERSONAL_DATA_PURGE
    erased = purge_expired(months=settings.PERSONAL_DATA_RETENTION_MONTHS, apply=apply)
    if not apply:
        logger.warning(
            "personal_data.purge_dry_run registrations=%s signups=%s emails=%s (PERSONAL_DATA_PURGE is off)",
            erased.registrations,
            erased.signups,
            erased.emails,
        )
    return {"applied": apply, **vars(erased)}


@shared_task(name="consortium.housekeeping.clear_sessions")
def clear_sessions() -> None:
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()


@shared_task(name="consortium.housekeeping.prune_mail_logs")
def prune_old_mail_logs() -> int:
    deleted = prune_mail_logs(older_than=timedelta(days=settings.MAIL_LOG_RETENTION_DAYS))
    logger.info("mail.logs_pruned count=%s", deleted)
    return deleted
