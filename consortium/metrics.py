"""Prometheus metrics: django-prometheus's request counts and latencies, and the portal's own gauges.

The portal's gauges are read from the database at each scrape, so every web process and node reports the same
figures and nothing has to be shared between gunicorn's workers. Apps add theirs with `register_source` (as
registrations and events do in their AppConfig.ready), so this module knows no app.
"""

import logging
import os
from collections.abc import Callable, Iterable

import prometheus_client
from django.db import DatabaseError
from django.utils import timezone
from prometheus_client import CollectorRegistry, multiprocess
from prometheus_client.core import GaugeMetricFamily, Metric

from consortium import health
from consortium.heartbeats import last_successes, periodic_tasks

logger = logging.getLogger(__name__)

Source = Callable[[], Iterable[Metric]]
_sources: list[Source] = []


def register_source(source: Source) -> None:
    """Add a function that yields gauge families read from the database at each scrape."""
    if source not in _sources:
        _sources.append(source)


def gauge(name: str, documentation: str, labels: list[str], samples: Iterable[tuple]) -> GaugeMetricFamily:
    """A gauge family from (label values…, value) tuples."""
    family = GaugeMetricFamily(name, documentation, labels=labels)
    for *label_values, value in samples:
        family.add_metric([str(label) for label in label_values], value)
    return family


def outbox_metrics() -> Iterable[Metric]:
    outbox = health.outbox(now=timezone.now())
    yield gauge(
        "portal_emails",
        "Emails in the outbox by status (queued includes those waiting for a retry).",
        ["status"],
        [(status, outbox[status]) for status in ("queued", "sent", "failed")],
    )
    yield gauge(
        "portal_email_oldest_queued_age_seconds",
        "How long the oldest email still waiting to be sent has waited (0 when none waits).",
        [],
        [(outbox["oldest_queued_seconds"] or 0,)],
    )


def periodic_task_metrics() -> Iterable[Metric]:
    successes = last_successes()
    yield gauge(
        "portal_periodic_task_last_success_timestamp_seconds",
        "When each periodic task (mail sweeper, reminders, housekeeping) last finished without error.",
        ["task"],
        [(task, successes[task].timestamp()) for task in periodic_tasks() if task in successes],
    )


class PortalCollector:
    """Collects every registered source at scrape time; a database outage reports portal_database_up 0."""

    def collect(self) -> Iterable[Metric]:
        families, up = [], 1
        try:
            for source in (outbox_metrics, periodic_task_metrics, *_sources):
                families.extend(source())
        except DatabaseError:
            logger.warning("metrics.database_unavailable", exc_info=True)
            families, up = [], 0
        yield gauge("portal_database_up", "Whether the database answered this scrape.", [], [(up,)])
        yield from families


_portal_registry = CollectorRegistry(auto_describe=False)
_portal_registry.register(PortalCollector())


def exposition() -> bytes:
    """The text every scrape gets: request metrics of all gunicorn workers, then the portal's gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        # Each gunicorn worker counts its own requests in this folder; a scrape reaches one worker and sums all.
        requests = CollectorRegistry()
        multiprocess.MultiProcessCollector(requests)
    else:
        requests = prometheus_client.REGISTRY
    return prometheus_client.generate_latest(requests) + prometheus_client.generate_latest(_portal_registry)
