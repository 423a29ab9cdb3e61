"""`make bench`: the deadline rush on the production-like stack, and the admin with 20,000 registrations.

    python -m benchmarks.run [--levels 1,8,32,64] [--duration 15] [--interval 2] [--rows 20000] …

Prints each figure, and writes them as JSON with a latency-versus-load chart (SVG) to --results.
"""

import argparse
import asyncio
import json
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from benchmarks import load, report
from benchmarks.stack import PYTHON, ROOT, Stack, cores_busy, cpu_seconds, ensure_services

# The request of each phase that writes: what its throughput counts. A registration is written by "Confirm and
# send" on "check your answers", after the form's own POST.
WRITING_STEP = {"baseline": "insert", "registration": "confirm", "signup": "post"}
PHASES = {
    "baseline": (load.insert_journey, "insert"),
    "registration": (load.registration_journey, "register"),
    "signup": (load.signup_journey, "meeting"),
}


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--levels", default="1,8,32,64", help="numbers of clients, comma-separated")
    parser.add_argument("--duration", type=float, default=15, help="seconds of arrivals per level")
    parser.add_argument(
        "--interval", type=float, default=2.0, help="seconds between one client's arrivals (open model)"
    )
    parser.add_argument("--limit-clients", type=int, default=16, help="browsers when finding the limit")
    parser.add_argument("--limit-duration", type=float, default=15, help="seconds per limit measurement")
    parser.add_argument("--rush", type=int, default=500, help="people signing up in the rush")
    parser.add_argument("--seats", type=int, default=100, help="seats of the rush meeting")
    parser.add_argument(
        "--rush-window",
        type=float,
        default=10,
        help="seconds over which the rush opens the page, then signs up",
    )
    parser.add_argument(
        "--rows", type=int, default=20000, help="registrations for the admin timings (0: skip them)"
    )
    # One more than the cores: the rest of the stack shares them, and a worker waiting for a core while it holds
    # a meeting's or a call's row lock holds up every signup or registration behind it (docs/performance.md).
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) + 1, help="gunicorn workers")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per gunicorn worker (1: sync workers)"
    )
    parser.add_argument("--database", default="portal_bench")
    parser.add_argument("--redis-db", type=int, default=10)
    parser.add_argument("--drain-timeout", type=float, default=180)
    parser.add_argument("--results", type=Path, default=ROOT / "bench-results")
    return parser.parse_args(argv)


async def with_cpu(stack: Stack, work):
    """Await `work`; also return how many cores each part of the stack kept busy meanwhile."""
    before, started = cpu_seconds(stack), time.monotonic()
    result = await work
    elapsed = time.monotonic() - started
    return result, cores_busy(before, cpu_seconds(stack), elapsed)


async def settle(stack: Stack, accepted: dict, timeout: float = 60) -> None:
    """Wait until the confirmations of everything accepted so far are delivered, so that one phase's emails
    do not compete with the next phase for the cores."""
    expected = len(accepted["registration"]) + len(accepted["signup"])
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and len(stack.mail_log.read_text().splitlines()) < expected:
        await asyncio.sleep(0.2)


class Numbers:
    """Every person in the run gets their own number: unique company codes, emails and addresses."""

    def __init__(self):
        self.next = 1

    def take(self, count: int) -> int:
        first, self.next = self.next, self.next + count
        return first


async def rush_phases(args, stack: Stack, paths: dict) -> dict:
    numbers = Numbers()
    levels = [int(level) for level in args.levels.split(",")]
    accepted = {"registration": [], "signup": []}
    results: dict = {"levels": [], "limit": {}}

    # Warm up every worker's connections and templates before anything is measured.
    for phase, (journey, path) in PHASES.items():
        warm = load.arrival_offsets(clients=4, interval=0.5, duration=2)
        outcome = await load.open_load(
            stack.base_url, journey, paths[path], warm, first_number=numbers.take(len(warm))
        )
        if phase != "baseline":
            accepted[phase] += outcome.accepted

    for clients in levels:
        offsets = load.arrival_offsets(clients=clients, interval=args.interval, duration=args.duration)
        row = {"clients": clients, "arrivals_per_s": round(clients / args.interval, 2)}
        for phase, (journey, path) in PHASES.items():
            await settle(stack, accepted)
            print(f"  {clients:>3} clients · {phase} …", flush=True)
            outcome, cores = await with_cpu(
                stack,
                load.open_load(
                    stack.base_url, journey, paths[path], offsets, first_number=numbers.take(len(offsets))
                ),
            )
            row[phase] = {
                "all": outcome.summary(),
                "post": outcome.summary(WRITING_STEP[phase]),
                "cpu_cores": cores,
            }
            if phase != "baseline":
                row[phase]["journeys"] = len(offsets)
                row[phase]["accepted"] = len(outcome.accepted)
                accepted[phase] += outcome.accepted
        row["registration_to_baseline"] = _ratio(
            row["registration"]["post"]["throughput"], row["baseline"]["post"]["throughput"]
        )
        results["levels"].append(row)
        report.print_level(row)
        sys.stdout.flush()

    # The limit: back-to-back posts, the baseline's and the registration form's.
    for phase, journey, path in (
        ("baseline", load.insert_journey, "insert"),
        ("registration", load.registration_posts, "register"),
    ):
        await settle(stack, accepted)
        print(f"  limit · {phase} ({args.limit_clients} browsers, back to back) …", flush=True)
        outcome, cores = await with_cpu(
            stack,
            load.closed_posts(
                stack.base_url,
                journey,
                paths[path],
                clients=args.limit_clients,
                duration=args.limit_duration,
                first_number=numbers.take(10**5),
            ),
        )
        results["limit"][phase] = {**outcome.summary(WRITING_STEP[phase]), "cpu_cores": cores}
        if phase == "registration":
            accepted["registration"] += outcome.accepted
    results["limit"]["registration_to_baseline"] = _ratio(
        results["limit"]["registration"]["throughput"], results["limit"]["baseline"]["throughput"]
    )

    # The meeting fills: `rush` people with its page open sign up within `rush_window` seconds.
    await settle(stack, accepted)
    print(f"  signup rush · {args.rush} people for {args.seats} seats …", flush=True)
    (pages, signups), cores = await with_cpu(
        stack,
        load.signup_rush(
            stack.base_url,
            paths["rush"],
            people=args.rush,
            window=args.rush_window,
            first_number=numbers.take(args.rush),
        ),
    )
    accepted["signup"] += signups.accepted
    rush_ended = time.time()
    meeting = paths["rush_meeting_id"]
    results["signup_rush"] = {
        "people": args.rush,
        "seats": args.seats,
        "window_s": args.rush_window,
        "page": pages.summary(),
        "all": signups.summary(),
        "post": signups.summary("post"),
        "accepted": len(signups.accepted),
        "confirmed": _signups(stack, meeting, "confirmed"),
        "waitlisted": _signups(stack, meeting, "waitlisted"),
        "cpu_cores": cores,
    }
    results["after_rush"] = after_rush(args, stack, accepted, rush_ended)
    return results


def _signups(stack: Stack, meeting: int, status: str) -> int:
    query = f"SELECT count(*) FROM events_signup WHERE meeting_id = {int(meeting)} AND status = '{status}'"  # noqa: S608
    return int(stack.psql(query))


def _ratio(part: float, whole: float) -> float | None:
    return round(part / whole, 3) if whole else None


def after_rush(args, stack: Stack, accepted: dict, rush_ended: float) -> dict:
    """Was everything accepted saved, and was every confirmation delivered (and how fast)?"""
    references = accepted["registration"]
    emails = accepted["signup"]
    saved_registrations = _count_in(stack, "registrations_registration", "reference", references)
    saved_signups = _count_in(stack, "events_signup", "email", emails)
    expected = len(references) + len(emails)
    delivered, drained_at = 0, None
    deadline = time.monotonic() + args.drain_timeout
    while time.monotonic() < deadline:
        lines = stack.mail_log.read_text().splitlines()
        delivered = len(lines)
        if delivered >= expected:
            drained_at = max(float(line.split()[0]) for line in lines) if lines else rush_ended
            break
        time.sleep(0.25)
    statuses = dict(
        line.split("|")
        for line in stack.psql("SELECT status, count(*) FROM post_office_email GROUP BY status").splitlines()
    )
    return {
        "registrations_accepted": len(references),
        "registrations_saved": saved_registrations,
        "signups_accepted": len(emails),
        "signups_saved": saved_signups,
        "emails_expected": expected,
        "emails_delivered": delivered,
        # post_office's status numbers: 0 sent, 1 failed, 2 queued, 3 requeued.
        "outbox_by_status": statuses,
        "drain_s_after_rush": round(max(0.0, drained_at - rush_ended), 2) if drained_at else None,
    }


def _count_in(stack: Stack, table: str, column: str, values: list[str]) -> int:
    if not values:
        return 0
    listed = ",".join("'" + value.replace("'", "''") + "'" for value in set(values))
    return int(stack.psql(f"SELECT count(DISTINCT {column}) FROM {table} WHERE {column} IN ({listed})"))  # noqa: S608


def admin_at_scale(args, stack: Stack) -> dict:
    """The review desk with `rows` registrations: changelist, filtered search, dashboard, CSV export."""
    output = args.results / "admin.json"
    subprocess.run(
        [PYTHON, "-m", "benchmarks.admin_scale", "--rows", str(args.rows), "--json", str(output)],
        cwd=ROOT,
        env=stack.env(STAFF_REQUIRE_2FA="off", DJANGO_SECURE_SSL_REDIRECT="off", LOG_LEVEL="WARNING"),
        check=True,
    )
    return json.loads(output.read_text())


def cpu_speed() -> float:
    """Seconds for ten million additions in pure Python: how fast this machine's cores were at the moment.

    On a shared machine the same code runs faster or slower from hour to hour; this puts runs side by side.
    """
    started = time.perf_counter()
    total = 0
    for number in range(10_000_000):
        total += number
    return round(time.perf_counter() - started, 3)


def machine() -> dict:
    def version(command: list[str]) -> str:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"

    return {
        "cpus": os.cpu_count(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "python": platform.python_version(),
        "postgresql": version(["psql", "--version"]),
        "redis": version(["redis-server", "--version"]),
    }


def main(argv=None) -> None:
    args = parse_args(argv)
    started = datetime.now(UTC)
    speed_before = cpu_speed()
    ensure_services()
    stack = Stack(
        database=args.database,
        redis_db=args.redis_db,
        workers=args.workers,
        threads=args.threads,
        results=args.results,
    )
    print(f"Preparing the database {args.database} …", flush=True)
    stack.create_database()
    paths = json.loads(
        subprocess.run(
            [PYTHON, "-m", "benchmarks.fixtures", str(args.seats)],
            cwd=ROOT,
            env=stack.env(),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    print(f"Starting gunicorn ({args.workers} workers), a Celery worker and the SMTP sink …", flush=True)
    stack.start()
    try:
        results = asyncio.run(rush_phases(args, stack, paths))
    finally:
        stack.stop()
    if args.rows:
        print("Timing the admin …", flush=True)
        results["admin"] = admin_at_scale(args, stack)
    results["run"] = {
        "started": started.isoformat(timespec="seconds"),
        "command": "make bench",
        "options": {key: str(value) for key, value in vars(args).items()},
        "machine": machine(),
        "cpu_speed_s": {"before": speed_before, "after": cpu_speed()},
    }
    results["targets"] = report.targets(results)
    args.results.mkdir(parents=True, exist_ok=True)
    (args.results / "bench.json").write_text(json.dumps(results, indent=2, ensure_ascii=False))
    (args.results / "latency.svg").write_text(report.latency_chart(results))
    report.print_summary(results)
    print(f"\nWritten: {args.results / 'bench.json'} and {args.results / 'latency.svg'}")


if __name__ == "__main__":
    main()
