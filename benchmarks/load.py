"""The load generator: people arriving on a fixed schedule (an open model), and what they experienced.

In an open model each arrival starts at its planned moment whether or not earlier ones have finished, so a slow
server cannot slow the load down and hide its own latency; a request's latency is counted from the moment it was
due, not from when a busy client got round to sending it.
"""

import asyncio
import itertools
import math
import re
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser

import aiohttp


def arrival_offsets(*, clients: int, interval: float, duration: float) -> list[float]:
    """When each arrival is due, in seconds from the start: `clients` each arriving every `interval` seconds.

    The clients are spread evenly over the interval, so arrivals come at a steady rate of clients/interval.
    """
    if clients < 1 or interval <= 0 or duration <= 0:
        raise ValueError("clients, interval and duration must be positive")
    step = interval / clients
    return [n * step for n in range(math.floor(duration / step))]


def percentile(values: list[float], fraction: float) -> float:
    """The nearest-rank percentile (fraction 0.95 → p95); nan for no values."""
    if not values:
        return math.nan
    ordered = sorted(values)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


@dataclass
class Sample:
    step: str  # "form", "post", "done", "insert" …
    due: float  # when the request was due (monotonic seconds)
    finished: float
    ok: bool
    status: int = 0
    error: str = ""

    @property
    def latency(self) -> float:
        return self.finished - self.due


@dataclass
class Outcome:
    """Everything one phase of the load saw."""

    samples: list[Sample] = field(default_factory=list)
    # What the server accepted: registration references or signup emails, from its redirects.
    accepted: list[str] = field(default_factory=list)
    started: float = 0.0
    finished: float = 0.0

    def summary(self, step: str | None = None) -> dict:
        """Throughput, latency percentiles (ms) and errors, for one step or all requests."""
        chosen = [s for s in self.samples if step is None or s.step == step]
        latencies = [s.latency * 1000 for s in chosen if s.ok]
        errors = [s for s in chosen if not s.ok]
        elapsed = max(self.finished - self.started, 1e-9)
        return {
            "requests": len(chosen),
            "throughput": round(len(chosen) / elapsed, 2),
            "p50_ms": round(percentile(latencies, 0.50), 1),
            "p95_ms": round(percentile(latencies, 0.95), 1),
            "p99_ms": round(percentile(latencies, 0.99), 1),
            "max_ms": round(max(latencies), 1) if latencies else math.nan,
            "errors": len(errors),
            "error_examples": sorted({f"{e.status} {e.error}".strip() for e in errors})[:5],
        }


class FormParser(HTMLParser):
    """The fields of the page's main form with what a browser would send untouched, and the radio options."""

    def __init__(self):
        super().__init__()
        self.values: dict[str, str] = {}
        self.options: dict[str, list[str]] = {}
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        name = attributes.get("name")
        if tag == "input" and name:
            kind = attributes.get("type", "text")
            if kind in ("radio", "checkbox"):
                self.options.setdefault(name, []).append(attributes.get("value", "on"))
            elif kind != "submit":
                self.values.setdefault(name, attributes.get("value", "") or "")
        elif tag == "select" and name:
            self._select = name
            self.options.setdefault(name, [])
        elif tag == "option" and self._select and attributes.get("value"):
            self.options[self._select].append(attributes["value"])
        elif tag == "textarea" and name:
            self.values.setdefault(name, "")

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None


def parse_form(html: str) -> FormParser:
    parser = FormParser()
    parser.feed(html)
    return parser


_sequence = itertools.count(1)


def lithuanian_company_code(number: int) -> str:
    """A valid 9-digit Lithuanian legal-entity code (mod-11 check digit, as python-stdnum computes it)."""
    from stdnum.lt import pvm

    body = f"3{number % 10**7:07d}"
    return body + pvm.calc_check_digit(body)


def registration_answers(form: FormParser, n: int) -> dict[str, str | list[str]]:
    """What one organisation's contact person types into the registration form."""
    data: dict[str, str | list[str]] = dict(form.values)
    data.update(
        legal_name=f"UAB Spartos bandymas {n}",
        country="LT",
        registration_code=lithuanian_company_code(n),
        vat_code="",
        organisation_type=form.options["organisation_type"][0],
        size=form.options["size"][n % len(form.options["size"])],
        website=f"https://org{n}.example.lt",
        address=f"Gedimino pr. {n % 200 + 1}, Vilnius",
        description="Kuriame dirbtinio intelekto sprendimus gamybos įmonėms.",
        contact_name=f"Asta Bandytoja {n}",
        contact_job_title="Direktorė",
        contact_email=f"contact{n}@org{n}.example.lt",
        contact_phone="+37061234567",
        participation=form.options["participation"][:2],
        statement="Norime prisidėti prie gamyklos ir naudoti jos skaičiavimo pajėgumus.",
        compute_needs="",
        privacy_consent="on",
        share_contact_consent="on",
        contact_fax="",
    )
    if "investment_range" in form.options:
        data["investment_range"] = form.options["investment_range"][0]
    return data


def signup_email(n: int) -> str:
    return f"person{n}@signup.example.lt"


def signup_answers(form: FormParser, n: int) -> dict[str, str | list[str]]:
    """What one person types into a meeting's signup form."""
    data: dict[str, str | list[str]] = dict(form.values)
    data.update(
        name=f"Jonas Dalyvis {n}",
        email=signup_email(n),
        organisation=f"Organizacija {n}",
        job_title="Analitikas",
        registration_reference="",
        mode=form.options["mode"][0],
        language="lt",
        privacy_consent="on",
        contact_fax="",
    )
    return data


def _form_body(data: dict[str, str | list[str]]) -> list[tuple[str, str]]:
    body = []
    for name, value in data.items():
        for item in value if isinstance(value, list) else [value]:
            body.append((name, item))
    return body


class Client:
    """One person's browser: its own cookies, and its own address as the portal's proxy reports it."""

    def __init__(self, base_url: str, connector: aiohttp.BaseConnector, n: int):
        self.base_url = base_url
        self.origin = "https://" + base_url.split("://", 1)[1].rstrip("/")
        jar = aiohttp.CookieJar(unsafe=True, treat_as_secure_origin=[base_url])
        self.session = aiohttp.ClientSession(
            base_url=base_url,
            connector=connector,
            connector_owner=False,
            cookie_jar=jar,
            timeout=aiohttp.ClientTimeout(total=60),
            headers={
                # The portal runs behind a TLS-terminating proxy that says so and names the client.
                "X-Forwarded-Proto": "https",
                "X-Forwarded-For": client_address(n),
                "Accept-Language": "lt",
                "User-Agent": "portal-bench",
            },
        )

    async def close(self):
        await self.session.close()

    async def request(self, outcome: Outcome, step: str, due: float, method: str, path: str, **kwargs):
        """One request, recorded as a Sample; returns (status, headers, text) or None when it failed."""
        try:
            async with self.session.request(method, path, allow_redirects=False, **kwargs) as response:
                text = await response.text()
                status, headers = response.status, response.headers
        except (TimeoutError, aiohttp.ClientError) as error:
            outcome.samples.append(Sample(step, due, time.monotonic(), False, 0, type(error).__name__))
            return None
        expected = {"post": (302,), "confirm": (302,), "insert": (201,)}.get(step, (200,))
        ok = status in expected
        outcome.samples.append(
            Sample(step, due, time.monotonic(), ok, status, "" if ok else _error_hint(status, text))
        )
        return (status, headers, text) if ok else None

    def csrf_headers(self, path: str) -> dict[str, str]:
        return {"Origin": self.origin, "Referer": self.origin + path}


def client_address(n: int) -> str:
    """A distinct address per person, as the proxy would report it (the portal limits posts per address)."""
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def _error_hint(status: int, text: str) -> str:
    if status == 200:  # a form shown again: the first error message tells why
        found = re.search(r'class="invalid-feedback"[^>]*>\s*(?:<strong>)?([^<]{1,120})', text)
        return "form error: " + (found.group(1).strip() if found else "?")
    return ""


async def _form_journey(client: Client, outcome: Outcome, due: float, path: str, answers) -> str | None:
    """GET the page, POST its form (as `answers` fills it) with the CSRF token, follow the redirect.

    Returns where the redirect went, or None when a step failed (the failure is in `outcome`).
    """
    page = await client.request(outcome, "form", due, "GET", path)
    if page is None:
        return None
    data = answers(parse_form(page[2]))
    posted = await client.request(
        outcome,
        "post",
        time.monotonic(),
        "POST",
        path,
        data=_form_body(data),
        headers=client.csrf_headers(path),
    )
    if posted is None:
        return None
    location = posted[1]["Location"]
    if location.endswith("/check/"):
        location = await _confirm(client, outcome, location)
        if location is None:
            return None
    await client.request(outcome, "done", time.monotonic(), "GET", location)
    return location


async def _confirm(client: Client, outcome: Outcome, path: str) -> str | None:
    """Check your answers: GET the page, press "Confirm and send"; returns where that led, or None."""
    page = await client.request(outcome, "check", time.monotonic(), "GET", path)
    if page is None:
        return None
    data = parse_form(page[2]).values
    sent = await client.request(
        outcome, "confirm", time.monotonic(), "POST", path, data=data, headers=client.csrf_headers(path)
    )
    return None if sent is None else sent[1]["Location"]


async def registration_journey(client: Client, outcome: Outcome, due: float, n: int, path: str) -> None:
    """An organisation registers: the form, the POST, "check your answers", "Confirm and send", the confirmation
    page with its reference."""
    location = await _form_journey(client, outcome, due, path, lambda form: registration_answers(form, n))
    if location and "/done/" in location:
        outcome.accepted.append(location.rstrip("/").rsplit("/", 1)[-1])


async def signup_journey(client: Client, outcome: Outcome, due: float, n: int, path: str) -> None:
    """A person signs up for a meeting: its page, the POST, "check your email"."""
    location = await _form_journey(client, outcome, due, path, lambda form: signup_answers(form, n))
    if location:
        outcome.accepted.append(signup_email(n))


async def insert_journey(client: Client, outcome: Outcome, due: float, n: int, path: str) -> None:
    """The baseline: one POST to the bare view that inserts one row."""
    await client.request(outcome, "insert", due, "POST", path, data={"n": str(n)})


Journey = Callable[[Client, Outcome, float, int, str], Awaitable[None]]


async def _on_schedule(offsets: list[float], start, outcome: Outcome) -> None:
    """Call `start(index, due)` as a new task at each offset, without waiting for earlier ones to finish."""
    tasks = []
    outcome.started = begin = time.monotonic()
    for index, offset in enumerate(offsets):
        due = begin + offset
        delay = due - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        tasks.append(asyncio.create_task(start(index, due)))
    await asyncio.gather(*tasks)
    outcome.finished = time.monotonic()


async def open_load(
    base_url: str, journey: Journey, path: str, offsets: list[float], *, first_number: int
) -> Outcome:
    """Start `journey` for a new person at each offset."""
    outcome = Outcome()
    connector = aiohttp.TCPConnector(limit=0)

    async def person(index: int, due: float):
        n = first_number + index
        client = Client(base_url, connector, n)
        try:
            await journey(client, outcome, due, n, path)
        finally:
            await client.close()

    await _on_schedule(offsets, person, outcome)
    await connector.close()
    return outcome


async def signup_rush(
    base_url: str, path: str, *, people: int, window: float, first_number: int
) -> tuple[Outcome, Outcome]:
    """A meeting fills: `people` open its page over `window` seconds, then all of them press "Sign up" within
    the next `window` seconds, each arriving on the page after it. Returns (the page loads, the signups)."""
    connector = aiohttp.TCPConnector(limit=0)
    clients = [Client(base_url, connector, first_number + index) for index in range(people)]
    offsets = [window * index / people for index in range(people)]
    pages, signups = Outcome(), Outcome()
    forms: dict[int, FormParser] = {}

    async def open_page(index: int, due: float):
        if page := await clients[index].request(pages, "form", due, "GET", path):
            forms[index] = parse_form(page[2])

    async def sign_up(index: int, due: float):
        if index not in forms:
            return
        client, n = clients[index], first_number + index
        data = _form_body(signup_answers(forms[index], n))
        posted = await client.request(
            signups, "post", due, "POST", path, data=data, headers=client.csrf_headers(path)
        )
        if posted:
            signups.accepted.append(signup_email(n))
            await client.request(signups, "done", time.monotonic(), "GET", posted[1]["Location"])

    try:
        await _on_schedule(offsets, open_page, pages)
        await _on_schedule(offsets, sign_up, signups)
    finally:
        for client in clients:
            await client.close()
        await connector.close()
    return pages, signups


async def registration_posts(client: Client, outcome: Outcome, due: float, n: int, path: str) -> None:
    """For the limit only: POST registrations back to back from one browser, reusing its form's CSRF token."""
    if not hasattr(client, "form"):
        page = await client.request(Outcome(), "form", due, "GET", path)
        if page is None:
            outcome.samples.append(Sample("post", due, time.monotonic(), False, 0, "form page failed"))
            return
        client.form = parse_form(page[2])
    data = registration_answers(client.form, n)
    data["submission_key"] = str(uuid.uuid4())
    # Each post as from another person: the portal's per-address limit on posts stays on.
    headers = {**client.csrf_headers(path), "X-Forwarded-For": client_address(n)}
    posted = await client.request(outcome, "post", due, "POST", path, data=_form_body(data), headers=headers)
    if posted is None:
        return
    check = posted[1]["Location"]
    key = {"csrfmiddlewaretoken": data["csrfmiddlewaretoken"], "submission_key": data["submission_key"]}
    sent = await client.request(outcome, "confirm", due, "POST", check, data=key, headers=headers)
    if sent is not None and "/done/" in sent[1]["Location"]:
        outcome.accepted.append(sent[1]["Location"].rstrip("/").rsplit("/", 1)[-1])


async def closed_posts(
    base_url: str, journey: Journey, path: str, *, clients: int, duration: float, first_number: int
) -> Outcome:
    """The most the server can take: `clients` browsers each sending the next request as soon as the last is
    answered, keeping their cookies (and CSRF token) in between.

    Used only to find the limit (throughput); its latencies say nothing about what people would see.
    """
    outcome = Outcome()
    connector = aiohttp.TCPConnector(limit=0)
    numbers = itertools.count(first_number)
    deadline = time.monotonic() + duration

    async def loop(index: int):
        client = Client(base_url, connector, first_number + 10**6 + index)
        try:
            while time.monotonic() < deadline:
                await journey(client, outcome, time.monotonic(), next(numbers), path)
        finally:
            await client.close()

    outcome.started = time.monotonic()
    await asyncio.gather(*(loop(i) for i in range(clients)))
    outcome.finished = time.monotonic()
    await connector.close()
    return outcome
