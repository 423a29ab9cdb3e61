"""The benchmark's figures: printed tables, the targets met or missed, and the latency-versus-load chart."""

import math
from html import escape

# The registration p95 target at 32 clients, also drawn on the chart.
REGISTRATION_P95_MS = 150

TARGETS = {
    "registration_throughput_ratio": "registration POST throughput ≥ 50% of the bare-insert baseline (limit)",
    "registration_p95_32": (
        f"registration p95 < {REGISTRATION_P95_MS} ms at 32 clients (every request of the journey)"
    ),
    "registration_errors": "no errors in any registration journey",
    "nothing_lost": "every accepted registration and signup saved",
    "emails_within_60s": "every confirmation delivered within 60 s of the rush ending",
    "rush_exact_seats": "signup rush: exactly as many confirmed as there are seats",
    "rush_p95": "signup rush p95 < 500 ms (the signup POST and the page after it)",
    "admin_pages": "admin changelist and dashboard < 300 ms",
    "csv_export": "CSV export < 3 s and < 150 MB above idle",
}


def _level(results: dict, clients: int) -> dict | None:
    return next((row for row in results["levels"] if row["clients"] == clients), None)


def targets(results: dict) -> dict:
    """Each target with whether this run met it (None when the run did not measure it)."""
    level32 = _level(results, 32)
    after = results["after_rush"]
    rush = results["signup_rush"]
    admin = results.get("admin", {})
    pages = admin.get("pages", {})
    export = admin.get("csv_export", {})
    ratio = results["limit"]["registration_to_baseline"]
    met = {
        "registration_throughput_ratio": ratio is not None and ratio >= 0.5,
        "registration_p95_32": level32["registration"]["all"]["p95_ms"] < REGISTRATION_P95_MS
        if level32
        else None,
        "registration_errors": all(row["registration"]["all"]["errors"] == 0 for row in results["levels"])
        and results["limit"]["registration"]["errors"] == 0,
        "nothing_lost": after["registrations_saved"] == after["registrations_accepted"]
        and after["signups_saved"] == after["signups_accepted"],
        "emails_within_60s": after["emails_delivered"] >= after["emails_expected"]
        and after["drain_s_after_rush"] is not None
        and after["drain_s_after_rush"] <= 60,
        "rush_exact_seats": rush["confirmed"] == rush["seats"],
        "rush_p95": rush["all"]["p95_ms"] < 500,
        "admin_pages": all(pages[name]["p95_ms"] < 300 for name in ("changelist", "dashboard"))
        if pages
        else None,
        "csv_export": export["seconds"] < 3 and export["peak_rss_above_idle_mb"] < 150 if export else None,
    }
    return {name: {"target": TARGETS[name], "met": value} for name, value in met.items()}


def _ms(value: float) -> str:
    return "–" if value is None or (isinstance(value, float) and math.isnan(value)) else f"{value:.0f}"


def print_level(row: dict) -> None:
    print(f"\n  {row['clients']} clients ({row['arrivals_per_s']} arrivals/s):")
    print(f"    {'':<14}{'req/s':>8}{'p50':>7}{'p95':>7}{'p99':>7}{'errors':>8}   POSTs/s")
    for phase in ("baseline", "registration", "signup"):
        every, post = row[phase]["all"], row[phase]["post"]
        print(
            f"    {phase:<14}{every['throughput']:>8.1f}{_ms(every['p50_ms']):>7}{_ms(every['p95_ms']):>7}"
            f"{_ms(every['p99_ms']):>7}{every['errors']:>8}   {post['throughput']:.1f}"
        )
    print(f"    registration POSTs / baseline POSTs: {row['registration_to_baseline']}")
    for phase in ("baseline", "registration", "signup"):
        print(f"    CPU cores busy during {phase}: {cores(row[phase]['cpu_cores'])}")


def cores(busy: dict[str, float]) -> str:
    return ", ".join(f"{name} {value:.2f}" for name, value in sorted(busy.items(), key=lambda item: -item[1]))


def print_summary(results: dict) -> None:
    limit = results["limit"]
    print("\nThe limit (back-to-back posts):")
    for phase in ("baseline", "registration"):
        figures = limit[phase]
        print(f"  {phase:<14}{figures['throughput']:>8.1f} POSTs/s   errors {figures['errors']}")
        print(f"    CPU cores busy: {cores(figures['cpu_cores'])}")
    print(f"  registration / baseline: {limit['registration_to_baseline']}")
    rush = results["signup_rush"]
    print(
        f"\nSignup rush: {rush['people']} people for {rush['seats']} seats within {rush['window_s']} s: "
        f"{rush['confirmed']} confirmed, {rush['waitlisted']} waitlisted; p95 {_ms(rush['all']['p95_ms'])} ms "
        f"(POST {_ms(rush['post']['p95_ms'])} ms), errors {rush['all']['errors']}; opening the page before: "
        f"p95 {_ms(rush['page']['p95_ms'])} ms, errors {rush['page']['errors']}"
    )
    print(f"  CPU cores busy: {cores(rush['cpu_cores'])}")
    after = results["after_rush"]
    print(
        f"\nAfter the rush: registrations saved {after['registrations_saved']} / accepted "
        f"{after['registrations_accepted']}; signups saved {after['signups_saved']} / accepted "
        f"{after['signups_accepted']}; emails delivered {after['emails_delivered']} / expected "
        f"{after['emails_expected']}; queue drained {after['drain_s_after_rush']} s after the rush"
    )
    admin = results.get("admin")
    if admin:
        print(f"\nAdmin with {admin['rows']} registrations:")
        for name, figures in admin["pages"].items():
            print(f"  {name:<18} median {_ms(figures['median_ms'])} ms, p95 {_ms(figures['p95_ms'])} ms")
        export = admin["csv_export"]
        print(
            f"  CSV export         {export['seconds']:.2f} s, {export['rows']} rows, "
            f"peak {export['peak_rss_above_idle_mb']:.0f} MB above idle"
        )
    speed = results["run"]["cpu_speed_s"]
    print(
        f"\nThis machine's speed: ten million additions in pure Python took {speed['before']} s before the run "
        f"and {speed['after']} s after it (compare runs by it)."
    )
    print("\nTargets:")
    for figures in results["targets"].values():
        mark = {True: "met", False: "MISSED", None: "not measured"}[figures["met"]]
        print(f"  [{mark:^12}] {figures['target']}")


SERIES = (("baseline", "#6c757d"), ("registration", "#0d6efd"), ("signup", "#198754"))


def latency_chart(results: dict, width: int = 720, height: int = 420) -> str:
    """p50 (dashed) and p95 (solid) latency of every request against the number of clients, as SVG.

    The latency axis is logarithmic, from 1 ms: a few milliseconds at low load and seconds past the limit both
    stay readable. The 150 ms line (REGISTRATION_P95_MS) is the target at 32 clients, always on the chart.
    """
    levels = results["levels"]
    left, right, top, bottom = 70, 170, 40, 60
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [
        row[phase]["all"][key]
        for row in levels
        for phase, _colour in SERIES
        for key in ("p50_ms", "p95_ms")
        if not math.isnan(row[phase]["all"][key])
    ]
    # Up to the decade above the slowest figure, and never below the target line: it must stay on the chart.
    decades = math.ceil(math.log10(max([*values, REGISTRATION_P95_MS])))
    clients = [row["clients"] for row in levels]

    def x(index: int) -> float:
        return left + (plot_w * index / max(1, len(clients) - 1))

    def y(value: float) -> float:
        return top + plot_h - plot_h * math.log10(max(value, 1.0)) / decades

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12" role="img">',
        "<title>Latency of every request against the number of clients: p50 and p95 of the baseline, "
        "registration and signup journeys</title>",
        '<rect width="100%" height="100%" fill="white"/>',
        f'<text x="{left}" y="22" font-size="14" font-weight="bold">'
        "Latency against load (p95 solid, p50 dashed)</text>",
    ]
    for power in range(decades + 1):
        value = 10**power
        parts.append(
            f'<line x1="{left}" x2="{left + plot_w}" y1="{y(value):.1f}" y2="{y(value):.1f}" stroke="#ddd"/>'
            f'<text x="{left - 8}" y="{y(value) + 4:.1f}" text-anchor="end">{value:g}</text>'
        )
    target = y(REGISTRATION_P95_MS)
    parts.append(
        f'<line x1="{left}" x2="{left + plot_w}" y1="{target:.1f}" y2="{target:.1f}" stroke="#dc3545" '
        f'stroke-dasharray="2 3"/><text x="{left + 4}" y="{target - 4:.1f}" fill="#dc3545">'
        f"{REGISTRATION_P95_MS} ms</text>"
    )
    for index, count in enumerate(clients):
        parts.append(f'<text x="{x(index):.1f}" y="{top + plot_h + 18}" text-anchor="middle">{count}</text>')
    parts.append(
        f'<text x="{left + plot_w / 2}" y="{height - 15}" text-anchor="middle">clients (open model)</text>'
        f'<text x="18" y="{top + plot_h / 2}" text-anchor="middle" '
        f'transform="rotate(-90 18 {top + plot_h / 2})">latency (ms, log scale)</text>'
    )
    for row_index, (phase, colour) in enumerate(SERIES):
        for key, dash in (("p95_ms", ""), ("p50_ms", ' stroke-dasharray="5 4"')):
            points = " ".join(
                f"{x(i):.1f},{y(row[phase]['all'][key]):.1f}"
                for i, row in enumerate(levels)
                if not math.isnan(row[phase]["all"][key])
            )
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"{dash}/>'
            )
        legend_y = top + 20 + row_index * 22
        parts.append(
            f'<line x1="{left + plot_w + 20}" x2="{left + plot_w + 45}" y1="{legend_y}" y2="{legend_y}" '
            f'stroke="{colour}" stroke-width="3"/>'
            f'<text x="{left + plot_w + 52}" y="{legend_y + 4}">{escape(phase)}</text>'
        )
    parts.append("</svg>")
    return "\n".join(parts)
