"""What one request costs in one process: the registration and signup pages and their POSTs (for a registration,
also "check your answers" and the "Confirm and send" that registers), median and p90.

    python -m benchmarks.inprocess [--repeat 300] [--database portal_inprocess] [--queries] [--profile]

Production settings (debug off, the whole middleware stack, the per-client limit counted in Redis, tasks queued to
a Redis broker that no worker reads), PostgreSQL, Django's test client: no network, no other process on the path.
Each POST is a new organisation or person from a new address, as in `make bench`. The figures move with how fast
the machine's cores are that hour: compare runs of two versions made in alternation (docs/performance.md).
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
import uuid

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def configure(database: str, redis_db: int) -> None:
    os.environ.update(
        DJANGO_SETTINGS_MODULE="benchmarks.settings",
        DJANGO_DEBUG="off",
        DJANGO_SECRET_KEY=os.environ.get("DJANGO_SECRET_KEY", uuid.uuid4().hex * 2),
        DJANGO_SECURE_SSL_REDIRECT="off",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_STATICFILES_STORAGE="django.contrib.staticfiles.storage.StaticFilesStorage",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{database}",
        CELERY_BROKER_URL=f"redis://127.0.0.1:6379/{redis_db}",
        CACHE_URL=f"redis://127.0.0.1:6379/{redis_db}",
        CELERY_QUEUE="inprocess-nobody-reads-this",
        TRUSTED_PROXY_COUNT="1",
        LOG_LEVEL="WARNING",
    )


def prepare_database(database: str) -> None:
    """A fresh database, and an empty Redis database, so that no earlier run's limits count against this one."""
    import redis

    redis.Redis.from_url(os.environ["CACHE_URL"]).flushdb()
    subprocess.run(["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database], check=True)
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, check=True, env=os.environ
    )
    subprocess.run(
        [sys.executable, "-m", "benchmarks.fixtures", "1000000"],
        cwd=ROOT,
        check=True,
        env=os.environ,
        stdout=subprocess.DEVNULL,
    )


PROFILERS: dict = {}


def timed(call, profile: str | None = None) -> tuple[float, object]:
    """Run `call`, return its time in ms and its result; with `profile`, sample it into that step's profile."""
    profiler = PROFILERS.get(profile)
    if profiler is not None:
        profiler.start()
    started = time.perf_counter()
    result = call()
    elapsed = (time.perf_counter() - started) * 1000
    if profiler is not None:
        profiler.stop()
    return elapsed, result


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p90 = ordered[int(len(ordered) * 0.9) - 1]
    return f"median {statistics.median(ordered):6.2f} ms   p90 {p90:6.2f} ms   (n={len(ordered)})"


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--warm-up", type=int, default=30)
    parser.add_argument("--database", default="portal_inprocess")
    parser.add_argument("--redis-db", type=int, default=11)
    parser.add_argument("--queries", action="store_true", help="also count the queries of each request")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="sample every timed request with pyinstrument and print where each step's time goes "
        "(the sampling adds to the times printed)",
    )
    args = parser.parse_args(argv)

    from benchmarks.run import cpu_speed

    configure(args.database, args.redis_db)
    prepare_database(args.database)
    speed_before = cpu_speed()
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils.translation import override

    from benchmarks.load import parse_form, registration_answers, signup_answers

    if args.profile:
        from pyinstrument import Profiler

    with override("lt"):
        register = reverse("registrations:register")
        meeting = reverse("events:meeting", args=["open-house"])

    def address(n: int) -> str:
        return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"

    # One handler for every client, as one gunicorn worker loads its middleware once: a new Client would load it
    # again on its first request (WhiteNoise alone reads every collected static file then).
    handler = Client().handler

    def new_client(n: int) -> Client:
        client = Client(HTTP_X_FORWARDED_FOR=address(n), HTTP_X_FORWARDED_PROTO="https")
        client.handler = handler
        return client

    def journey(path: str, answers, n: int, results: dict, name: str = "") -> None:
        """The page, the POST; for a registration then "check your answers" and "Confirm and send"."""
        client = new_client(n)
        page_ms, page = timed(lambda: client.get(path, secure=True), f"{name} page")
        data = answers(parse_form(page.content.decode()), n)
        post_ms, response = timed(lambda: client.post(path, data, secure=True), f"{name} post")
        if response.status_code != 302:
            raise SystemExit(f"{path}: expected a redirect, got {response.status_code}")
        results["page"].append(page_ms)
        results["post"].append(post_ms)
        if response["Location"].endswith("/check/"):
            check = response["Location"]
            check_ms, _page = timed(lambda: client.get(check, secure=True), f"{name} check page")
            key = {"submission_key": data["submission_key"]}
            confirm_ms, sent = timed(lambda: client.post(check, key, secure=True), f"{name} confirm POST")
            if sent.status_code != 302 or "/done/" not in sent["Location"]:
                raise SystemExit(f"{check}: expected the confirmation, got {sent.status_code}")
            results.setdefault("check page", []).append(check_ms)
            results.setdefault("confirm POST", []).append(confirm_ms)

    for name, path, answers in (
        ("registration", register, registration_answers),
        ("signup", meeting, signup_answers),
    ):
        results = {"page": [], "post": []}
        for n in range(args.warm_up):
            journey(path, answers, 10_000_000 + hash(name) % 1000 * 1000 + n, {"page": [], "post": []})
        if args.profile:
            steps = (
                ("page", "post", "check page", "confirm POST") if name == "registration" else ("page", "post")
            )
            PROFILERS.update({f"{name} {step}": Profiler(interval=0.0002) for step in steps})
        for n in range(args.repeat):
            journey(path, answers, (1 if name == "registration" else 2) * 1_000_000 + n, results, name)
        for step, samples in results.items():
            print(f"{name} {step}: {summary(samples)}")
        for step, profiler in PROFILERS.items():
            if step.startswith(name):
                print(f"\n--- {step}: where the time goes (all {args.repeat} requests) ---")
                print(profiler.output_text(unicode=True, time="percent_of_total", show_all=False))
        if args.queries:
            client = new_client(3_000_000)
            data = answers(parse_form(client.get(path, secure=True).content.decode()), 3_000_000 + len(name))
            with CaptureQueriesContext(connection) as queries:
                response = client.post(path, data, secure=True)
            print(f"{name} post: {len(queries)} queries")
            if response["Location"].endswith("/check/"):
                with CaptureQueriesContext(connection) as queries:
                    client.post(response["Location"], {"submission_key": data["submission_key"]}, secure=True)
                print(f"{name} confirm POST: {len(queries)} queries")

    print(
        f"yardstick (the cores' speed, as make bench takes it): {speed_before:.3f} s before, {cpu_speed():.3f} s after"
    )


if __name__ == "__main__":
    main()
