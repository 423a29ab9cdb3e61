"""The registrations' gauges for the portal's metrics (consortium.metrics), read at each scrape."""

from collections.abc import Iterable

from django.db.models import Count
from prometheus_client.core import Metric

from consortium.metrics import gauge
from registrations.models import Registration


def registration_metrics() -> Iterable[Metric]:
    yield gauge(
        "portal_registrations",
        "Registrations by call and status.",
        ["call", "status"],
        Registration.objects.values_list("call__slug", "status").annotate(Count("pk")).order_by(),
    )
