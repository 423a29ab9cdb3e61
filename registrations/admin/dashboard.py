"""The numbers at a glance on the admin index: figures from the selectors, drawn as labelled bars, each a link to
the registrations it counts; and the queues waiting for staff."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode

from registrations.models import Status
from registrations.selectors import DayCount, Figures, Tally, current_call, dashboard_figures, queues

# The day chart, in SVG user units: room above the bars for their values and below for the dates.
PLOT_HEIGHT = 160
BAR_WIDTH = 24
GAP = 8
TOP = 20
BOTTOM = 24


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    share: float  # of the largest value, in per cent: the bar's length
    url: str = ""  # the registrations counted, in the list


@dataclass(frozen=True)
class DayBar:
    day: date
    value: int
    x: float
    y: float
    height: float
    centre: float
    value_y: float


@dataclass(frozen=True)
class DayChart:
    bars: list[DayBar]
    width: float
    height: float
    baseline: float
    label_y: float


def bars(tallies: list[Tally], link: Callable[[str], str] | None = None) -> list[Bar]:
    largest = max((tally.value for tally in tallies), default=0)
    return [
        Bar(
            tally.label,
            tally.value,
            round(100 * tally.value / largest, 1) if largest else 0.0,
            link(tally.key) if link else "",
        )
        for tally in tallies
    ]


def list_url(**filters) -> str:
    """The registrations list with `filters` (its own query parameters) applied."""
    return reverse("admin:registrations_registration_changelist") + "?" + urlencode(filters)


def linker(call, parameter: str, *, live_only: bool) -> Callable[[str], str]:
    """Links from a breakdown of `call` to the list; the breakdowns that leave out withdrawn registrations
    link to a list that leaves them out too."""
    live = ",".join(status for status in Status.values if status != Status.WITHDRAWN)
    extra = {"status__in": live} if live_only else {}
    return lambda key: list_url(call__id__exact=call.pk, **{parameter: key}, **extra)


def day_chart(days: list[DayCount]) -> DayChart:
    largest = max((day.value for day in days), default=0)
    baseline = TOP + PLOT_HEIGHT
    columns = []
    for index, day in enumerate(days):
        x = GAP + index * (BAR_WIDTH + GAP)
        height = round(PLOT_HEIGHT * day.value / largest, 1) if largest else 0.0
        y = baseline - height
        columns.append(DayBar(day.day, day.value, x, y, height, centre=x + BAR_WIDTH / 2, value_y=y - 4))
    return DayChart(
        bars=columns,
        width=GAP + len(days) * (BAR_WIDTH + GAP),
        height=baseline + BOTTOM,
        baseline=baseline,
        label_y=baseline + 16,
    )


def dashboard_context(figures: Figures) -> dict:
    call = figures.call
    return {
        "figures": figures,
        "total_url": list_url(call__id__exact=call.pk),
        "by_status": bars(figures.by_status, linker(call, "status__exact", live_only=False)),
        "by_type": bars(figures.by_type, linker(call, "organisation_type__exact", live_only=True)),
        "by_country": bars(figures.by_country, linker(call, "country", live_only=True)),
        "by_participation": bars(
            figures.by_participation, linker(call, "participation__id__exact", live_only=True)
        ),
        "chart": day_chart(figures.per_day),
        "bar_width": BAR_WIDTH,
    }


def queue_context(user, now) -> dict:
    counts = queues(user=user, now=now)
    return {
        "queues": [
            {"key": key, "value": getattr(counts, key), "url": list_url(queue=key)}
            for key in ("mine", "unassigned", "answered", "overdue", "to_confirm")
        ]
    }


def for_user(user) -> dict:
    """What the index shows this staff member: nothing without the right to see registrations."""
    if not user.has_perm("registrations.view_registration"):
        return {"visible": False}
    now = timezone.now()
    context = {"visible": True, **queue_context(user, now)}
    call = current_call(now=now)
    if call is None:
        return {**context, "figures": None}
    return {**context, **dashboard_context(dashboard_figures(call=call, now=now))}
