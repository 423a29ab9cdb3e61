"""The load generator and the report of `make bench`, against the real portal (its forms, a live server)."""

import asyncio
import math
import xml.etree.ElementTree as ET

import pytest
from django.db import connection
from django.urls import reverse

from benchmarks import load, report
from benchmarks.views import BASELINE_TABLE, create_baseline_table
from events.models import Signup
from registrations.models import Registration
from tests.factories import MeetingFactory, RegistrationCallFactory


def test_arrivals_come_at_a_steady_rate_whatever_the_server_does():
    offsets = load.arrival_offsets(clients=4, interval=2.0, duration=3.0)

    assert offsets == pytest.approx([0.0, 0.5, 1.0, 1.5, 2.0, 2.5])
    assert len(load.arrival_offsets(clients=64, interval=2.0, duration=15.0)) == 64 * 15 // 2
    with pytest.raises(ValueError, match="positive"):
        load.arrival_offsets(clients=0, interval=1.0, duration=1.0)


def test_percentiles_are_nearest_rank():
    values = [float(n) for n in range(100, 0, -1)]

    assert load.percentile(values, 0.50) == 50.0
    assert load.percentile(values, 0.95) == 95.0
    assert load.percentile(values, 0.99) == 99.0
    assert load.percentile([7.0], 0.99) == 7.0
    assert math.isnan(load.percentile([], 0.95))


def test_latency_counts_from_when_a_request_was_due_not_when_it_was_sent():
    outcome = load.Outcome(started=10.0, finished=12.0)
    outcome.samples += [
        load.Sample("post", due=10.0, finished=10.1, ok=True, status=302),
        # Sent late because the client was busy: the wait is the person's too.
        load.Sample("post", due=10.5, finished=11.5, ok=True, status=302),
        load.Sample("post", due=11.0, finished=11.2, ok=False, status=500),
        load.Sample("form", due=11.0, finished=11.05, ok=True, status=200),
    ]

    posts = outcome.summary("post")

    assert posts["requests"] == 3
    assert posts["throughput"] == 1.5
    assert posts["errors"] == 1
    assert posts["error_examples"] == ["500"]
    assert posts["p50_ms"] == pytest.approx(100.0)
    assert posts["max_ms"] == pytest.approx(1000.0)
    assert outcome.summary()["requests"] == 4


@pytest.mark.django_db
def test_generated_registration_is_accepted_by_the_real_form(client):
    RegistrationCallFactory()
    path = reverse("registrations:register")
    form = load.parse_form(client.get(path).content.decode())

    assert {"csrfmiddlewaretoken", "submission_key", "call"} <= form.values.keys()
    assert form.options["participation"]
    data = load.registration_answers(form, 42)
    response = client.post(path, data)

    assert response.status_code == 302, response.content.decode()[:2000]
    check = load.parse_form(client.get(response["Location"]).content.decode())
    assert check.values["submission_key"] == data["submission_key"]
    response = client.post(response["Location"], check.values)
    registration = Registration.objects.get()
    assert response["Location"].endswith(f"/done/{registration.reference}/")
    assert registration.organisation.registration_code == load.lithuanian_company_code(42)
    assert registration.participation.count() == 2


@pytest.mark.django_db
def test_generated_signup_is_accepted_by_the_real_form(client):
    meeting = MeetingFactory(in_person_capacity=10)
    path = reverse("events:meeting", args=[meeting.slug])
    form = load.parse_form(client.get(path).content.decode())

    response = client.post(path, load.signup_answers(form, 7))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert Signup.objects.get(meeting=meeting).email == "person7@signup.example.lt"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_journeys_against_a_live_server_save_everything_they_report_accepted(live_server):
    RegistrationCallFactory()
    meeting = MeetingFactory(in_person_capacity=2)
    # A few people a third of a second apart: each journey is the whole of GET, POST and the page after it.
    offsets = [0.0, 0.35, 0.7]

    registrations = asyncio.run(
        load.open_load(
            live_server.url,
            load.registration_journey,
            reverse("registrations:register"),
            offsets,
            first_number=1,
        )
    )
    signups = asyncio.run(
        load.open_load(
            live_server.url,
            load.signup_journey,
            reverse("events:meeting", args=[meeting.slug]),
            offsets,
            first_number=100,
        )
    )

    for outcome in (registrations, signups):
        assert [sample.step for sample in outcome.samples].count("done") == 3
        assert all(sample.ok for sample in outcome.samples), [(s.status, s.error) for s in outcome.samples]
    assert sorted(registrations.accepted) == sorted(Registration.objects.values_list("reference", flat=True))
    assert sorted(signups.accepted) == sorted(Signup.objects.values_list("email", flat=True))
    assert Signup.objects.filter(status="confirmed").count() == 2


@pytest.mark.needs_services
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_baseline_view_inserts_one_row_per_post(live_server, settings):
    settings.ROOT_URLCONF = "benchmarks.urls"
    create_baseline_table()
    try:
        outcome = asyncio.run(
            load.open_load(
                live_server.url, load.insert_journey, "/bench/insert/", [0.0, 0.01, 0.02], first_number=5
            )
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT n FROM {BASELINE_TABLE} ORDER BY n")  # noqa: S608
            inserted = [row[0] for row in cursor.fetchall()]
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"DROP TABLE {BASELINE_TABLE}")

    assert [sample.status for sample in outcome.samples] == [201, 201, 201]
    assert inserted == [5, 6, 7]


def _results(*, p95_32: float, confirmed: int, delivered: int, drain: float | None) -> dict:
    def phase(p50, p95, errors=0):
        figures = {"p50_ms": p50, "p95_ms": p95, "p99_ms": p95, "errors": errors, "throughput": 10.0}
        return {"all": figures, "post": figures}

    levels = [
        {"clients": clients, "baseline": phase(5, 8), "registration": phase(40, p95), "signup": phase(20, 30)}
        for clients, p95 in ((1, 50.0), (8, 60.0), (32, p95_32), (64, math.nan))
    ]
    return {
        "levels": levels,
        "limit": {
            "baseline": {"throughput": 900.0, "errors": 0},
            "registration": {"throughput": 60.0, "errors": 0},
            "registration_to_baseline": 60.0 / 900.0,
        },
        "signup_rush": {"seats": 100, "confirmed": confirmed, "all": {"p95_ms": 300.0}},
        "after_rush": {
            "registrations_accepted": 10,
            "registrations_saved": 10,
            "signups_accepted": 5,
            "signups_saved": 5,
            "emails_expected": 15,
            "emails_delivered": delivered,
            "drain_s_after_rush": drain,
        },
        "admin": {
            "pages": {"changelist": {"p95_ms": 120.0}, "dashboard": {"p95_ms": 310.0}},
            "csv_export": {"seconds": 2.0, "peak_rss_above_idle_mb": 20.0},
        },
    }


def test_targets_say_which_were_met_and_which_missed():
    met = {
        name: value["met"]
        for name, value in report.targets(
            _results(p95_32=120.0, confirmed=100, delivered=15, drain=3.0)
        ).items()
    }

    assert met == {
        "registration_throughput_ratio": False,
        "registration_p95_32": True,
        "registration_errors": True,
        "nothing_lost": True,
        "emails_within_60s": True,
        "rush_exact_seats": True,
        "rush_p95": True,
        "admin_pages": False,
        "csv_export": True,
    }
    missed = report.targets(_results(p95_32=151.0, confirmed=101, delivered=14, drain=None))
    assert not missed["registration_p95_32"]["met"]
    assert not missed["rush_exact_seats"]["met"]
    assert not missed["emails_within_60s"]["met"]


def test_the_chart_is_svg_with_a_p50_and_a_p95_line_per_series():
    svg = report.latency_chart(_results(p95_32=120.0, confirmed=100, delivered=15, drain=3.0))

    root = ET.fromstring(svg)  # noqa: S314 (our own output)
    lines = root.findall("{http://www.w3.org/2000/svg}polyline")
    assert len(lines) == 6
    # The level that measured nothing (nan) is left out of its line, not drawn at zero.
    registration_p95 = lines[2].get("points").split()
    assert len(registration_p95) == 3
    assert "clients (open model)" in svg
    assert root.find("{http://www.w3.org/2000/svg}title").text.startswith("Latency of every request")


def test_the_target_line_stays_on_the_chart_when_every_figure_is_below_it():
    results = _results(p95_32=40.0, confirmed=100, delivered=15, drain=3.0)

    root = ET.fromstring(report.latency_chart(results))  # noqa: S314 (our own output)

    target = next(
        line for line in root.iter("{http://www.w3.org/2000/svg}line") if line.get("stroke") == "#dc3545"
    )
    gridlines = [
        float(line.get("y1"))
        for line in root.iter("{http://www.w3.org/2000/svg}line")
        if line.get("stroke") == "#ddd"
    ]
    assert min(gridlines) < float(target.get("y1")) < max(gridlines)  # between 1 ms and the top of the axis
