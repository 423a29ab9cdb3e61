"""What the portal depends on, checked for the probes and the monitoring report.

Only the database decides whether the portal can serve (DESIGN rule 8): without the broker a registration is still
saved and its email sent by the sweeper later; without the cache the limits are not counted for a while.
"""

import logging
from datetime import datetime

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.models import Count, Min
from django.utils import timezone
from post_office.models import STATUS, Email

from consortium.heartbeats import last_successes, periodic_tasks

logger = logging.getLogger(__name__)

OK, UNAVAILABLE = "ok", "unavailable"
WAITING = (STATUS.queued, STATUS.requeued)
# A periodic task is late once this many of its intervals have passed without a successful run.
LATE_AFTER_INTERVALS = 3


def database_status() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return UNAVAILABLE
    return OK


def broker_status() -> str:
    if not settings.CELERY_BROKER_URL:
        return "not configured (tasks run in-process)"
    from consortium.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # any failure to reach the broker means "unavailable", whatever the transport raised
        return UNAVAILABLE
    return OK


def cache_status() -> str:
    try:
        cache.set("health:probe", "1", timeout=10)
        return OK if cache.get("health:probe") == "1" else UNAVAILABLE
    except Exception:  # the cache client raises its own connection errors (redis, memcached…)
        return UNAVAILABLE


def outbox(*, now: datetime) -> dict:
    """Emails by status and how long the oldest one still waiting has waited."""
    counts = dict(Email.objects.values_list("status").annotate(Count("pk")).order_by())
    oldest = Email.objects.filter(status__in=WAITING).aggregate(oldest=Min("created"))["oldest"]
    return {
        "queued": sum(counts.get(status, 0) for status in WAITING),
        "sent": counts.get(STATUS.sent, 0),
        "failed": counts.get(STATUS.failed, 0),
        "oldest_queued_seconds": round((now - oldest).total_seconds(), 1) if oldest else None,
    }


def periodic(*, now: datetime) -> dict[str, dict]:
    """Each periodic task's last successful run, and whether it is late (beat or the workers stopped)."""
    successes = last_successes()
    report = {}
    for task, interval in periodic_tasks().items():
        last = successes.get(task)
        ago = (now - last).total_seconds() if last else None
        report[task] = {
            "last_success": last.isoformat() if last else None,
            "seconds_ago": round(ago, 1) if ago is not None else None,
            "late": bool(interval and ago is not None and ago > LATE_AFTER_INTERVALS * interval + 60),
        }
    return report


def report() -> tuple[bool, dict]:
    """(serving, the full report): serving is the database's state alone; the rest may only degrade it."""
    database = database_status()
    checks = {"database": database, "broker": broker_status(), "cache": cache_status()}
    if database != OK:
        return False, {"status": UNAVAILABLE, **checks}
    now = timezone.now()
    try:
        details = {"outbox": outbox(now=now), "periodic_tasks": periodic(now=now)}
    except DatabaseError:  # the database went away between the two checks
        return False, {"status": UNAVAILABLE, **checks, "database": UNAVAILABLE}
    degraded = checks["broker"] == UNAVAILABLE or checks["cache"] == UNAVAILABLE
    degraded |= any(task["late"] for task in details["periodic_tasks"].values())
    if degraded:
        logger.warning("health.degraded broker=%s cache=%s", checks["broker"], checks["cache"])
    return True, {"status": "degraded" if degraded else OK, **checks, **details}
