"""What one request costs in one process: the registration and signup pages and their POSTs (for a registration,
also "check your answers" and the "Confirm and send" that registers), median and p90.

    python -m benchmarks.inprocess [--repeat 300] [--database portal_inprocess] [--queries]

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


def timed(call) -> tuple[float, object]:
    started = time.perf_counter()
    result = call()
    return (time.perf_counter() - started) * 1000, result


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
    args = parser.parse_args(argv)

    configure(args.database, args.redis_db)
    prepare_database(args.database)
    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils.translation import override

    from benchmarks.load import parse_form, registration_answers, signup_answers

    with override("lt"):
        register = reverse("registrations:register")
        meeting = reverse("events:meeting", args=["open-house"])

    def address(n: int) -> str:
        return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"

    def journey(path: str, answers, n: int, results: dict) -> None:
        """The page, the POST; for a registration then "check your answers" and "Confirm and send"."""
        client = Client(HTTP_X_FORWARDED_FOR=address(n), HTTP_X_FORWARDED_PROTO="https")
        page_ms, page = timed(lambda: client.get(path, secure=True))
        data = answers(parse_form(page.content.decode()), n)
        post_ms, response = timed(lambda: client.post(path, data, secure=True))
        if response.status_code != 302:
            raise SystemExit(f"{path}: expected a redirect, got {response.status_code}")
        results["page"].append(page_ms)
        results["post"].append(post_ms)
        if response["Location"].endswith("/check/"):
            check = response["Location"]
            check_ms, _page = timed(lambda: client.get(check, secure=True))
            key = {"submission_key": data["submission_key"]}
            confirm_ms, sent = timed(lambda: client.post(check, key, secure=True))
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
        for n in range(args.repeat):
            journey(path, answers, (1 if name == "registration" else 2) * 1_000_000 + n, results)
        for step, samples in results.items():
            print(f"{name} {step}: {summary(samples)}")
        if args.queries:
            client = Client(HTTP_X_FORWARDED_FOR=address(3_000_000), HTTP_X_FORWARDED_PROTO="https")
            data = answers(parse_form(client.get(path, secure=True).content.decode()), 3_000_000 + len(name))
            with CaptureQueriesContext(connection) as queries:
                response = client.post(path, data, secure=True)
            print(f"{name} post: {len(queries)} queries")
            if response["Location"].endswith("/check/"):
                with CaptureQueriesContext(connection) as queries:
                    client.post(response["Location"], {"submission_key": data["submission_key"]}, secure=True)
                print(f"{name} confirm POST: {len(queries)} queries")


if __name__ == "__main__":
    main()
