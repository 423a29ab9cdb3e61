"""The numbers at a glance on the admin index: figures from the selectors, drawn as labelled bars."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from registrations.selectors import DayCount, Figures, Tally, current_call, dashboard_figures

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


def bars(tallies: list[Tally]) -> list[Bar]:
    largest = max((tally.value for tally in tallies), default=0)
    return [
        Bar(tally.label, tally.value, round(100 * tally.value / largest, 1) if largest else 0.0)
        for tally in tallies
    ]


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
    return {
        "figures": figures,
        "by_status": bars(figures.by_status),
        "by_type": bars(figures.by_type),
        "by_country": bars(figures.by_country),
        "by_participation": bars(figures.by_participation),
        "chart": day_chart(figures.per_day),
        "bar_width": BAR_WIDTH,
    }


def for_user(user) -> dict:
    """What the index shows this staff member: nothing without the right to see registrations."""
    if not user.has_perm("registrations.view_registration"):
        return {"visible": False}
    now = timezone.now()
    call = current_call(now=now)
    if call is None:
        return {"visible": True, "figures": None}
    return {"visible": True, **dashboard_context(dashboard_figures(call=call, now=now))}
