"""The review desk at scale: with many registrations loaded, how fast the admin pages and the CSV export are.

Targets (with 20,000 registrations): the changelist and the dashboard answer in under 300 ms; the CSV export
of every row finishes in under 3 s and needs less than 150 MB of memory above what the process used before.

Requests go through django.test.Client and so through the whole middleware stack and the admin's own
permission checks, but not through a socket or an application server: the figures are the portal's share of
a page's time. Run with the production settings against a migrated PostgreSQL database:

    DJANGO_SETTINGS_MODULE=consortium.settings DATABASE_URL=postgres://... \\
        python -m benchmarks.admin_scale --rows 20000 --json admin.json
"""

import argparse
import gc
import io
import json
import math
import os
import random
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import django

BENCH_USERNAME = "bench-admin"
HOST = "127.0.0.1"
PAGE_TARGET_MS = 300
EXPORT_TARGET_SECONDS = 3.0
EXPORT_TARGET_MB = 150
INSERT_BATCH = 2000
REOPENED_FOR = timedelta(days=14)
# A filtered search on the changelist: a status, a country and a word that some organisation names contain.
SEARCH_FILTERS = {"status__exact": "under_review", "country": "LT", "q": "compute"}
# An export of nothing, to load the export's code before the measured one without growing the process.
EMPTY_EXPORT = {"q": "no-such-registration-anywhere"}

# Weights, roughly as a two-week call in the Baltics would see them.
COUNTRIES = {"LT": 55, "LV": 14, "EE": 12, "PL": 10, "DE": 3, "FI": 3, "SE": 3}
STATUSES = {
    "submitted": 40,
    "under_review": 25,
    "needs_information": 8,
    "accepted": 12,
    "declined": 7,
    "withdrawn": 8,
}
ORGANISATION_TYPES = {
    "technology_provider": 25,
    "infrastructure_provider": 8,
    "research_institute": 10,
    "university": 8,
    "startup": 25,
    "investor": 6,
    "public_sector": 8,
    "other": 10,
}
SIZES = {"micro": 35, "small": 30, "medium": 20, "large": 15}
INVESTMENT_RANGES = ["", "undecided", "lt_1m", "1m_10m", "10m_50m", "50m_100m", "gt_100m"]
LEGAL_FORMS = {"LT": "UAB", "LV": "SIA", "EE": "OÜ", "PL": "Sp. z o.o.", "DE": "GmbH", "FI": "Oy", "SE": "AB"}
LANGUAGES = {"LT": "lt", "LV": "lv", "EE": "et", "PL": "pl"}
CITIES = {
    "LT": "Gedimino pr. {n}, Vilnius",
    "LV": "Brīvības iela {n}, Rīga",
    "EE": "Narva mnt {n}, Tallinn",
    "PL": "ul. Marszałkowska {n}, Warszawa",
    "DE": "Friedrichstraße {n}, Berlin",
    "FI": "Mannerheimintie {n}, Helsinki",
    "SE": "Drottninggatan {n}, Stockholm",
}
PHONE_PREFIXES = {
    "LT": "+3706",
    "LV": "+3712",
    "EE": "+3725",
    "PL": "+485",
    "DE": "+49151",
    "FI": "+35840",
    "SE": "+4670",
}
NAME_WORDS = [
    "Compute",
    "Data",
    "Robotics",
    "Vision",
    "Quantum",
    "Cloud",
    "Language",
    "Analytics",
    "Systems",
    "Labs",
    "Baltic",
    "Nordic",
    "Amber",
    "Neural",
    "Grid",
]
FIRST_NAMES = ["Ona", "Jonas", "Eglė", "Andris", "Liga", "Kadri", "Marek", "Anna", "Tomas", "Ieva", "Piotr"]
LAST_NAMES = ["Kazlauskas", "Petraitytė", "Bērziņš", "Tamm", "Kowalska", "Jankauskas", "Ozola", "Nowak"]
JOB_TITLES = [
    "Chief executive",
    "Head of research",
    "Chief technology officer",
    "Director",
    "Project manager",
]
SENTENCES = [
    "We train language models for the Baltic languages and need sustained GPU capacity.",
    "Our researchers work on computer vision for manufacturing quality control.",
    "We operate data centres in the region and can contribute power, cooling and floor space.",
    "The university runs a master's programme in artificial intelligence with 120 students a year.",
    "We would like to invest in the infrastructure together with regional partners.",
    "Our public datasets on energy use could help train forecasting models.",
    "We build robotics software and simulate fleets of autonomous machines.",
    "Secure and sovereign compute matters to us because we handle health data.",
    "We expect to need several thousand GPU hours a month from 2026.",
    "Start-ups in our accelerator ask for affordable access to large models.",
]


@dataclass(frozen=True)
class LoadResult:
    added: int
    total: int
    seconds: float


class BenchmarkError(RuntimeError):
    """A page or export that did not answer 200: its figures would mean nothing."""


def _weighted(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    return rng.choices(list(weights), weights=list(weights.values()), k=k)


def _code_candidates(country: str):
    """Plausible registration codes for `country`, each once, in the form the portal's validators accept."""
    from stdnum.ee import registrikood
    from stdnum.lt import pvm
    from stdnum.lv import pvn

    for n in range(1, 10**7):
        if country == "LT":
            body = f"{40_000_000 + n:08d}"
            yield body + pvm.calc_check_digit(body)
        elif country == "LV":
            code = f"4{n:010d}"
            if pvn.is_valid(code):
                yield code
        elif country == "EE":
            body = f"1{n:06d}"
            yield body + registrikood.calc_check_digit(body)
        elif country == "PL":
            yield f"{n:010d}"  # a KRS number: no check digit
        else:
            yield f"HRB{100_000 + n}"


def _unused_codes(country: str, taken: set[str], count: int) -> list[str]:
    codes = []
    for code in _code_candidates(country):
        if code not in taken:
            codes.append(code)
            if len(codes) == count:
                return codes
    raise BenchmarkError(f"ran out of registration codes for {country}")


def _call_for_registrations():
    """The call the dashboard shows (the open one, else the next, else the last), created if there is none."""
    from django.utils import timezone

    from registrations.models import RegistrationCall
    from registrations.selectors import current_call

    now = timezone.now()
    call = current_call(now=now)
    if call is None:
        call = RegistrationCall.objects.create(
            title="Benchmark call",
            slug="benchmark-call",
            opens_at=now - timedelta(days=10),
            closes_at=now + timedelta(days=4),
        )
    return call


def _submission_window(call) -> tuple[datetime, float]:
    """Where submitted_at values go: the call's window, up to now if the call is still open."""
    from django.utils import timezone

    end = min(call.closes_at, timezone.now()) if call.opens_at < timezone.now() else call.closes_at
    return call.opens_at, max(60.0, (end - call.opens_at).total_seconds() - 1)


def _reserve_references(call, count: int) -> list[str]:
    """The next `count` references of the call, numbered as the submission service numbers them."""
    from zoneinfo import ZoneInfo

    from django.conf import settings

    from registrations.models import Registration, RegistrationCall

    year = call.opens_at.astimezone(ZoneInfo(settings.TIME_ZONE)).year
    prefix = f"{call.reference_prefix}-{year}-"
    taken = set(Registration.objects.filter(reference__startswith=prefix).values_list("reference", flat=True))
    number = RegistrationCall.objects.values_list("last_reference_number", flat=True).get(pk=call.pk)
    references = []
    while len(references) < count:
        number += 1
        reference = f"{prefix}{number:04d}"
        if reference not in taken:
            references.append(reference)
    RegistrationCall.objects.filter(pk=call.pk).update(last_reference_number=number)
    return references


def load_registrations(rows: int, *, seed: int | None = None) -> LoadResult:
    """Top the database up to `rows` registrations with bulk inserts, spread the way real ones would be.

    bulk_create writes no django-simple-history rows: the changelist, dashboard and export do not read history,
    so the benchmark leaves it empty for the rows it adds.
    """
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import transaction

    from registrations.models import Organisation, ParticipationKind, Registration, RegistrationCall

    started = time.perf_counter()
    existing = Registration.objects.count()
    missing = rows - existing
    if missing <= 0:
        return LoadResult(0, existing, time.perf_counter() - started)

    rng = random.Random(existing if seed is None else seed)
    kinds = list(ParticipationKind.objects.order_by("position").values_list("pk", flat=True))
    staff = list(get_user_model().objects.filter(is_staff=True, is_active=True).values_list("pk", flat=True))
    countries = _weighted(rng, COUNTRIES, missing)
    needed = {country: countries.count(country) for country in set(countries)}

    with transaction.atomic():
        # Locked as the submission service locks it, so that registrations made meanwhile get other numbers.
        call = RegistrationCall.objects.select_for_update().get(pk=_call_for_registrations().pk)
        references = _reserve_references(call, missing)
        codes = {}
        for country, count in needed.items():
            taken = set(
                Organisation.objects.filter(country=country).values_list("registration_code", flat=True)
            )
            codes[country] = iter(_unused_codes(country, taken, count))
        window_start, window_seconds = _submission_window(call)

        organisations = []
        registrations = []
        statuses = _weighted(rng, STATUSES, missing)
        types = _weighted(rng, ORGANISATION_TYPES, missing)
        sizes = _weighted(rng, SIZES, missing)
        for index in range(missing):
            country = countries[index]
            code = next(codes[country])
            words = rng.sample(NAME_WORDS, 2)
            name = f"{LEGAL_FORMS[country]} {words[0]} {words[1]} {existing + index + 1}"
            slug = f"{words[0]}{words[1]}{existing + index + 1}".lower()
            organisations.append(Organisation(legal_name=name, country=country, registration_code=code))
            submitted_at = window_start + timedelta(seconds=rng.uniform(0, window_seconds))
            status = statuses[index]
            assigned = bool(staff) and status != "submitted" and rng.random() < 0.7
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            registrations.append(
                Registration(
                    call=call,
                    reference=references[index],
                    status=status,
                    legal_name=name,
                    vat_code=f"{country}{code}" if rng.random() < 0.4 else "",
                    organisation_type=types[index],
                    size=sizes[index],
                    website=f"https://www.{slug}.example" if rng.random() < 0.8 else "",
                    address=CITIES[country].format(n=rng.randint(1, 200)),
                    description=" ".join(rng.sample(SENTENCES, rng.randint(1, 3))),
                    contact_name=f"{first} {last}",
                    contact_job_title=rng.choice(JOB_TITLES),
                    contact_email=f"{first}.{last}{index}@{slug}.example".lower(),
                    contact_phone=f"{PHONE_PREFIXES[country]}{rng.randint(0, 9_999_999):07d}",
                    statement="\n".join(rng.choices(SENTENCES, k=rng.randint(2, 12))),
                    compute_needs=rng.choice(SENTENCES) if rng.random() < 0.5 else "",
                    investment_range=rng.choice(INVESTMENT_RANGES),
                    privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
                    privacy_consented_at=submitted_at,
                    share_contact_consent=rng.random() < 0.6,
                    language=LANGUAGES.get(country, "en") if rng.random() < 0.7 else "en",
                    submitted_at=submitted_at,
                    withdrawn_at=submitted_at + timedelta(days=1) if status == "withdrawn" else None,
                    reopened_until=submitted_at + REOPENED_FOR if status == "needs_information" else None,
                    assignee_id=rng.choice(staff) if assigned else None,
                )
            )
        Organisation.objects.bulk_create(organisations, batch_size=INSERT_BATCH)
        for organisation, registration in zip(organisations, registrations, strict=True):
            registration.organisation = organisation
        Registration.objects.bulk_create(registrations, batch_size=INSERT_BATCH)
        link_model = Registration.participation.through
        links = [
            link_model(registration_id=registration.pk, participationkind_id=kind)
            for registration in registrations
            for kind in rng.sample(kinds, rng.choices([1, 2, 3], weights=[50, 35, 15])[0])
        ]
        link_model.objects.bulk_create(links, batch_size=INSERT_BATCH)
    _analyse(Organisation, Registration, link_model)
    return LoadResult(missing, Registration.objects.count(), time.perf_counter() - started)


def _analyse(*models) -> None:
    """Refresh the planner's statistics, as autovacuum soon would: just after a bulk load they are stale."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in models:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def bench_admin():
    """The superuser the benchmark browses as, created on first use."""
    from django.contrib.auth import get_user_model

    user, created = get_user_model().objects.get_or_create(
        username=BENCH_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "bench-admin@example.invalid"},
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def staff_client(user=None):
    """A logged-in English-speaking browser on HTTPS; with STAFF_REQUIRE_2FA on it also enters a TOTP code."""
    from django.conf import settings
    from django.test import Client

    user = user or bench_admin()
    client = Client(
        raise_request_exception=False, HTTP_ACCEPT_LANGUAGE="en", SERVER_NAME=HOST, HTTP_HOST=HOST
    )
    client.force_login(user)
    if settings.STAFF_REQUIRE_2FA:
        _confirm_second_factor(client, user)
    return client


def _confirm_second_factor(client, user) -> None:
    """Verify the session as staff do, with a code from a device of this process's own.

    A device per process: a code is accepted once per device and time step, and the export runs in a
    second process that logs in within the same 30 seconds.
    """
    from django.urls import reverse
    from django_otp.oath import TOTP
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _ = TOTPDevice.objects.get_or_create(user=user, name=f"benchmark {os.getpid()}")
    token = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift).token()
    response = client.post(reverse("admin:verify"), {"otp_token": f"{token:0{device.digits}d}"}, secure=True)
    if response.status_code != 302:
        raise BenchmarkError(f"the second factor was not accepted (HTTP {response.status_code})")


def forget_benchmark_devices(user) -> None:
    """Remove the authenticators the benchmark's processes made for themselves."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user=user, name__startswith="benchmark ").delete()


def _get(client, url: str):
    response = client.get(url, secure=True)
    if response.status_code != 200:
        raise BenchmarkError(f"GET {url} answered {response.status_code}, not 200")
    return response


def percentile(values: list[float], fraction: float) -> float:
    """Nearest rank: of 7 repeats, p95 is the slowest."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def _summary_ms(seconds: list[float]) -> dict:
    runs = [round(s * 1000, 1) for s in seconds]
    return {
        "median_ms": round(statistics.median(runs), 1),
        "p95_ms": percentile(runs, 0.95),
        "min_ms": min(runs),
        "max_ms": max(runs),
        "runs_ms": runs,
    }


def page_urls() -> dict[str, str]:
    from django.urls import reverse

    changelist = reverse("admin:registrations_registration_changelist")
    return {
        "changelist": changelist,
        "filtered_search": f"{changelist}?{urlencode(SEARCH_FILTERS)}",
        "dashboard": reverse("admin:index"),
    }


def _search_matches() -> int:
    """How many registrations the filtered search should list, counted the way the admin searches."""
    from django.db.models import Q

    from registrations.models import Registration

    term = SEARCH_FILTERS["q"]
    fields = ["reference", "legal_name", "organisation__legal_name", "organisation__registration_code"]
    fields += ["vat_code", "contact_email"]
    search = Q()
    for field in fields:
        search |= Q(**{f"{field}__icontains": term})
    return (
        Registration.objects.filter(status=SEARCH_FILTERS["status__exact"])
        .filter(organisation__country=SEARCH_FILTERS["country"])
        .filter(search)
        .count()
    )


def time_pages(client, repeat: int = 7) -> dict:
    """Each page requested once to warm up, then `repeat` times; the time to a complete response."""
    from registrations.models import Registration

    registrations = Registration.objects.count()
    pages = {}
    for name, url in page_urls().items():
        _get(client, url)
        seconds = []
        size = 0
        for _ in range(repeat):
            started = time.perf_counter()
            response = _get(client, url)
            seconds.append(time.perf_counter() - started)
            size = len(response.content)
        pages[name] = {"url": url, "registrations": registrations, "bytes": size, **_summary_ms(seconds)}
    pages["filtered_search"]["matches"] = _search_matches()
    return pages


def rss_bytes() -> int:
    """The resident set size of this process (Linux)."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    raise BenchmarkError("no VmRSS in /proc/self/status")


class PeakRss:
    """The highest resident set size while the block runs, sampled every few milliseconds by a thread."""

    def __init__(self, interval: float = 0.005):
        self.interval = interval
        self.baseline = 0
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(self.interval):
            self.peak = max(self.peak, rss_bytes())

    def __enter__(self):
        self.baseline = self.peak = rss_bytes()
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_bytes())

    @property
    def above_baseline_mb(self) -> float:
        return round((self.peak - self.baseline) / 2**20, 1)


class _TimedBody(io.RawIOBase):
    """A streamed response as a file for csv.reader, timing only the server's work of making each chunk."""

    def __init__(self, chunks):
        self._chunks = iter(chunks)
        self._pending = memoryview(b"")
        self.bytes = 0
        self.seconds = 0.0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        while not self._pending:
            started = time.perf_counter()
            try:
                chunk = next(self._chunks)
            except StopIteration:
                return 0
            finally:
                self.seconds += time.perf_counter() - started
            self._pending = memoryview(chunk)
            self.bytes += len(chunk)
        size = min(len(buffer), len(self._pending))
        buffer[:size] = self._pending[:size]
        self._pending = self._pending[size:]
        return size


def _export_once(client, url: str) -> dict:
    import csv

    started = time.perf_counter()
    response = client.get(url, secure=True)
    request_seconds = time.perf_counter() - started
    if response.status_code != 200 or not response.streaming:
        raise BenchmarkError(f"GET {url} answered {response.status_code}, not a 200 stream")
    body = _TimedBody(response.streaming_content)
    text = io.TextIOWrapper(io.BufferedReader(body, buffer_size=2**16), encoding="utf-8-sig", newline="")
    rows = sum(1 for _ in csv.reader(text))  # reading to the end also closes the response
    return {
        "seconds": request_seconds + body.seconds,
        "wall_seconds": time.perf_counter() - started,
        "rows": rows,
        "bytes": body.bytes,
    }


def measure_export(client, repeat: int = 3) -> dict:
    """The CSV export of every registration: its time (median of `repeat`), size and peak memory.

    The peak is measured on the first export, against the resident set size just before it (after a
    garbage collection); later exports reuse memory the first one left to the allocator, so they would
    understate it. For an honest "idle", run this first in a fresh process (main() does).
    """
    from django.urls import reverse

    from registrations.models import Registration

    url = reverse("admin:registrations_registration_export", args=["csv"])
    _export_once(client, f"{url}?{urlencode(EMPTY_EXPORT)}")  # loads the code, not the rows
    registrations = Registration.objects.count()
    runs = []
    memories = []
    for _ in range(repeat):
        gc.collect()
        with PeakRss() as memory:
            runs.append(_export_once(client, url))
        memories.append(memory)
        if runs[-1]["rows"] != registrations + 1:
            raise BenchmarkError(f"the export has {runs[-1]['rows']} rows for {registrations} registrations")
    first = runs[0]
    return {
        "registrations": registrations,
        "seconds": round(statistics.median(run["seconds"] for run in runs), 3),
        "runs_seconds": [round(run["seconds"], 3) for run in runs],
        "wall_seconds": [round(run["wall_seconds"], 3) for run in runs],
        "rows": first["rows"],
        "bytes": first["bytes"],
        "idle_rss_mb": round(memories[0].baseline / 2**20, 1),
        "peak_rss_above_idle_mb": memories[0].above_baseline_mb,
        "runs_peak_above_idle_mb": [memory.above_baseline_mb for memory in memories],
    }


def _export_in_fresh_process(repeat: int) -> dict:
    """The export measured by a new interpreter, so that "idle" is not inflated or deflated by this one's past.

    This process has just built and freed tens of thousands of model instances; the allocator keeps much of
    that memory, and an export here would reuse it and look smaller than it is on a fresh server worker.
    """
    command = [
        sys.executable,
        "-m",
        "benchmarks.admin_scale",
        "--export-only",
        "--export-repeat",
        str(repeat),
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        sys.stderr.write(result.stderr)
        raise BenchmarkError(f"the export process failed with exit code {result.returncode}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def targets(pages: dict, export: dict) -> dict:
    met = {
        "changelist_under_300_ms": pages["changelist"]["median_ms"] < PAGE_TARGET_MS,
        "filtered_search_under_300_ms": pages["filtered_search"]["median_ms"] < PAGE_TARGET_MS,
        "dashboard_under_300_ms": pages["dashboard"]["median_ms"] < PAGE_TARGET_MS,
        "csv_export_under_3_s": export["seconds"] < EXPORT_TARGET_SECONDS,
        "csv_export_under_150_mb": export["peak_rss_above_idle_mb"] < EXPORT_TARGET_MB,
    }
    return {**met, "all_met": all(met.values())}


def report(result: dict) -> str:
    """The figures as a table for the terminal."""
    lines = [
        f"Admin at scale: {result['rows']} registrations",
        f"{'page':<16}{'median':>9}{'p95':>9}{'min':>9}{'max':>9}  target",
    ]
    for name, page in result["pages"].items():
        ok = "ok" if page["median_ms"] < PAGE_TARGET_MS else "MISSED"
        lines.append(
            f"{name:<16}{page['median_ms']:>7.1f}ms{page['p95_ms']:>7.1f}ms{page['min_ms']:>7.1f}ms"
            f"{page['max_ms']:>7.1f}ms  < {PAGE_TARGET_MS} ms {ok}"
        )
    export = result["csv_export"]
    seconds_ok = "ok" if result["targets"]["csv_export_under_3_s"] else "MISSED"
    memory_ok = "ok" if result["targets"]["csv_export_under_150_mb"] else "MISSED"
    lines += [
        f"CSV export      {export['seconds']:.2f} s (runs {export['runs_seconds']})  "
        f"< {EXPORT_TARGET_SECONDS:g} s {seconds_ok}",
        f"                {export['rows']} rows, {export['bytes'] / 2**20:.1f} MB file, "
        f"peak +{export['peak_rss_above_idle_mb']} MB RSS  < {EXPORT_TARGET_MB} MB {memory_ok}",
    ]
    return "\n".join(lines)


def _use_plain_static_storage_without_manifest() -> None:
    """Without collectstatic, the manifest storage of production settings fails every admin page.

    Which storage computes the static URLs makes no measurable difference to the timings.
    """
    manifest = Path(__file__).resolve().parent.parent / "staticfiles" / "staticfiles.json"
    if not manifest.exists() and "DJANGO_STATICFILES_STORAGE" not in os.environ:
        os.environ["DJANGO_STATICFILES_STORAGE"] = "django.contrib.staticfiles.storage.StaticFilesStorage"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000, help="registrations to have in the database")
    parser.add_argument("--repeat", type=int, default=7, help="timed requests per page")
    parser.add_argument("--export-repeat", type=int, default=3, help="timed CSV exports")
    parser.add_argument("--json", type=Path, help="write the figures here as well")
    parser.add_argument("--export-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")
    _use_plain_static_storage_without_manifest()
    django.setup()

    if args.export_only:
        print(json.dumps(measure_export(staff_client(), repeat=args.export_repeat)))
        return 0

    user = bench_admin()  # first, so that some of the loaded registrations are assigned to it
    print(f"Loading registrations up to {args.rows} …", flush=True)
    loaded = load_registrations(args.rows)
    print(f"  added {loaded.added} in {loaded.seconds:.1f} s; {loaded.total} in all", flush=True)
    print("Measuring the CSV export in a fresh process …", flush=True)
    export = _export_in_fresh_process(args.export_repeat)
    print(f"Timing the pages ({args.repeat} requests each after a warm-up) …", flush=True)
    pages = time_pages(staff_client(user), repeat=args.repeat)
    forget_benchmark_devices(user)
    result = {
        "rows": loaded.total,
        "load": asdict(loaded),
        "pages": pages,
        "csv_export": export,
        "targets": targets(pages, export),
    }
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
