"""The admin-at-scale benchmark's pieces, on a small scale: the data it loads and what it measures."""

import pytest
from django.db.models import Count
from django.urls import reverse

from benchmarks.admin_scale import (
    bench_admin,
    load_registrations,
    measure_export,
    staff_client,
    time_pages,
)
from registrations.models import Organisation, Registration

pytestmark = pytest.mark.django_db

ROWS = 60


def test_load_reaches_the_number_once():
    first = load_registrations(ROWS)
    assert first.added == ROWS
    assert Registration.objects.count() == ROWS

    again = load_registrations(ROWS)
    assert again.added == 0
    assert Registration.objects.count() == ROWS


def test_load_tops_up_without_breaking_unique_references_or_codes():
    load_registrations(20)
    load_registrations(ROWS)
    assert Registration.objects.count() == ROWS
    assert Registration.objects.values("reference").distinct().count() == ROWS
    assert Organisation.objects.values("country", "registration_code").distinct().count() == ROWS


def test_loaded_registrations_vary_like_real_ones():
    load_registrations(ROWS)
    registrations = Registration.objects.all()
    assert registrations.values("status").distinct().count() >= 4
    assert registrations.values("organisation__country").distinct().count() >= 4
    assert registrations.values("organisation_type").distinct().count() >= 4
    assert registrations.values("submitted_at__date").distinct().count() >= 2
    participation = registrations.annotate(kinds=Count("participation")).values_list("kinds", flat=True)
    assert min(participation) >= 1
    assert max(participation) >= 2


def test_export_has_a_row_per_registration_and_a_header():
    load_registrations(ROWS)
    result = measure_export(staff_client(), repeat=1)
    assert result["rows"] == ROWS + 1
    assert result["bytes"] > 0
    assert result["seconds"] > 0
    assert result["peak_rss_above_idle_mb"] >= 0


def test_pages_are_timed():
    bench_admin()
    load_registrations(ROWS)
    pages = time_pages(staff_client(), repeat=2)
    assert set(pages) == {"changelist", "filtered_search", "dashboard"}
    for page in pages.values():
        assert page["registrations"] == ROWS
        assert 0 < page["min_ms"] <= page["median_ms"] <= page["p95_ms"] <= page["max_ms"]
        assert len(page["runs_ms"]) == 2


def test_staff_client_passes_the_second_factor(settings):
    settings.STAFF_REQUIRE_2FA = True
    response = staff_client().get(reverse("admin:index"), secure=True)
    assert response.status_code == 200
