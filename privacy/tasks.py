"""The nightly purge of personal data past the retention period (CELERY_BEAT_SCHEDULE); safe to run twice."""

import logging

from celery import shared_task
from django.conf import settings

from privacy.services import purge_expired

logger = logging.getLogger(__name__)


@shared_task(name="privacy.tasks.purge_personal_data")
def purge_personal_data() -> dict:
    """Acting only when PERSONAL_DATA_PURGE is on; otherwise it counts what it would erase, in the log."""
    apply = settings.PERSONAL_DATA_PURGE
    counts = purge_expired(months=settings.PERSONAL_DATA_RETENTION_MONTHS, apply=apply)
    if not apply:
        logger.warning("personal_data.purge_dry_run counts=%s (PERSONAL_DATA_PURGE is off)", counts)
    return {"applied": apply, **counts}
