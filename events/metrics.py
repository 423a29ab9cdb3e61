"""The meetings' gauges for the portal's metrics (consortium.metrics), read at each scrape."""

from collections.abc import Iterable

from django.db.models import Count
from prometheus_client.core import Metric

from consortium.metrics import gauge
from events.models import Signup


def signup_metrics() -> Iterable[Metric]:
    yield gauge(
        "portal_meeting_signups",
        "Meeting signups by meeting and state (confirmed, waitlisted, cancelled).",
        ["meeting", "state"],
        Signup.objects.values_list("meeting__slug", "status").annotate(Count("pk")).order_by(),
    )
