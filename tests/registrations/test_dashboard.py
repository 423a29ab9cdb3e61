"""The numbers at a glance on the admin index, checked against registrations made for the purpose."""

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from registrations.admin.dashboard import bars, day_chart
from registrations.models import OrganisationType, ParticipationKind, RegistrationCall, Status
from registrations.selectors import DayCount, Tally, dashboard_figures
from tests.factories import OrganisationFactory, RegistrationCallFactory, RegistrationFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

VILNIUS = ZoneInfo("Europe/Vilnius")
LIST = "/admin/registrations/registration/"
MIDWAY = datetime(2025, 8, 1, 12, 0, tzinfo=VILNIUS)


@pytest.fixture
def call():
    """The seeded call, 28 July to 10 August 2025, with four registrations and one in another call."""
    call = RegistrationCall.objects.get(slug="baltic-ai-gigafactory-2025")

    def register(status, country, kind, codes, at):
        RegistrationFactory(
            call=call,
            status=status,
            organisation=OrganisationFactory(country=country),
            organisation_type=kind,
            participation=ParticipationKind.objects.filter(code__in=codes),
            submitted_at=at,
        )

    register(
        Status.SUBMITTED,
        "LT",
        OrganisationType.TECHNOLOGY_PROVIDER,
        ["develop_ai"],
        datetime(2025, 7, 28, 10, 0, tzinfo=VILNIUS),
    )
    register(
        Status.ACCEPTED,
        "LT",
        OrganisationType.STARTUP,
        ["develop_ai", "invest"],
        datetime(2025, 7, 28, 23, 30, tzinfo=VILNIUS),
    )
    # 21:30 on 28 July in UTC, but 29 July in Vilnius: the day counted is Vilnius's.
    register(
        Status.UNDER_REVIEW,
        "LV",
        OrganisationType.UNIVERSITY,
        ["research_training"],
        datetime(2025, 7, 29, 0, 30, tzinfo=VILNIUS),
    )
    register(
        Status.WITHDRAWN,
        "EE",
        OrganisationType.STARTUP,
        ["invest"],
        datetime(2025, 8, 10, 23, 59, tzinfo=VILNIUS),
    )
    RegistrationFactory(call=RegistrationCallFactory(), status=Status.ACCEPTED)
    return call


def as_dict(tallies):
    return {tally.label: tally.value for tally in tallies}


def test_figures_count_the_calls_registrations_by_status(call):
    figures = dashboard_figures(call=call, now=MIDWAY)

    assert figures.total == 4
    assert as_dict(figures.by_status) == {
        "Submitted": 1,
        "Under review": 1,
        "Needs information": 0,
        "Accepted": 1,
        "Declined": 0,
        "Withdrawn": 1,
    }


def test_breakdowns_leave_out_withdrawn_registrations(call):
    figures = dashboard_figures(call=call, now=MIDWAY)

    types = as_dict(figures.by_type)
    assert types["Technology provider"] == 1
    assert types["Startup"] == 1
    assert types["University"] == 1
    assert sum(types.values()) == 3
    assert as_dict(figures.by_country) == {"Lithuania": 2, "Latvia": 1}
    assert [tally.label for tally in figures.by_country] == ["Lithuania", "Latvia"]
    assert as_dict(figures.by_participation) == {
        "Develop and offer AI solutions": 2,
        "Contribute to building the infrastructure": 0,
        "Use computing capacity": 0,
        "Research and training": 1,
        "Invest": 1,
        "Provide data": 0,
    }


def test_submissions_per_day_cover_every_day_of_the_window_in_vilnius_time(call):
    per_day = dashboard_figures(call=call, now=MIDWAY).per_day

    assert len(per_day) == 14
    assert per_day[0] == DayCount(date(2025, 7, 28), 2)
    assert per_day[1] == DayCount(date(2025, 7, 29), 1)
    assert per_day[-1] == DayCount(date(2025, 8, 10), 1)
    assert sum(day.value for day in per_day) == 4


@pytest.mark.parametrize(
    ("now", "state", "days_left"),
    [
        (datetime(2025, 7, 20, 12, 0, tzinfo=VILNIUS), "upcoming", 14),
        (datetime(2025, 7, 28, 0, 0, tzinfo=VILNIUS), "open", 14),
        (MIDWAY, "open", 10),
        (datetime(2025, 8, 10, 23, 0, tzinfo=VILNIUS), "open", 1),
        (datetime(2025, 8, 11, 0, 0, tzinfo=VILNIUS), "closed", 0),
    ],
)
def test_days_left_until_the_window_closes(call, now, state, days_left):
    figures = dashboard_figures(call=call, now=now)

    assert (figures.state, figures.days_left) == (state, days_left)


def test_bars_are_scaled_to_the_largest_value():
    scaled = bars([Tally("a", 4), Tally("b", 1), Tally("c", 0)])

    assert [(bar.label, bar.value, bar.share) for bar in scaled] == [
        ("a", 4, 100.0),
        ("b", 1, 25.0),
        ("c", 0, 0.0),
    ]
    assert [bar.share for bar in bars([Tally("none yet", 0)])] == [0.0]


def test_day_chart_heights_follow_the_counts():
    chart = day_chart([DayCount(date(2025, 7, 28), 4), DayCount(date(2025, 7, 29), 2)])

    tall, short = chart.bars
    assert tall.height == 160.0
    assert short.height == 80.0
    assert tall.y + tall.height == chart.baseline == short.y + short.height
    assert short.x > tall.x


def test_admin_index_shows_the_numbers_with_text_labels(client, reviewer, call):
    client.force_login(reviewer)

    with time_machine.travel(MIDWAY, tick=False):
        response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    content = response.content.decode()
    assert "Registrations at a glance: Baltic AI Gigafactory Consortium: registration of interest" in content
    assert '<span class="review-figure__value">4</span>' in content
    assert '<span class="review-figure__value">10</span>' in content
    assert "days left" in content
    assert "Submissions per day" in content
    assert "<title>1 August 2025: 0</title>" in content
    live = "submitted%2Cunder_review%2Cneeds_information%2Caccepted%2Cdeclined"
    assert (
        f'<th scope="row"><a href="{LIST}?call__id__exact={call.pk}&amp;country=LT&amp;status__in={live}">'
        'Lithuania</a></th>\n        <td class="review-bars__value">2</td>'
    ) in content
    assert (
        f'<th scope="row"><a href="{LIST}?call__id__exact={call.pk}&amp;status__exact=accepted">Accepted</a></th>'
        '\n        <td class="review-bars__value">1</td>'
    ) in content
    assert 'style="' not in content[content.index("review-dashboard") : content.index("</section>")]


def test_admin_index_shows_no_numbers_to_staff_who_cannot_see_registrations(client, call):
    client.force_login(StaffFactory())

    response = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    assert "Registrations at a glance" not in response.content.decode()


def test_each_number_links_to_the_registrations_it_counts(client, reviewer, call):
    client.force_login(reviewer)
    with time_machine.travel(MIDWAY, tick=False):
        content = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    bars = re.findall(
        r'<th scope="row"><a href="([^"]+)">([^<]+)</a></th>\s*<td class="review-bars__value">(\d+)</td>',
        content,
    )

    assert len(bars) == len(Status) + len(OrganisationType) + 2 + ParticipationKind.objects.count()
    for url, label, count in bars:
        listed = client.get(url.replace("&amp;", "&"), HTTP_ACCEPT_LANGUAGE="en").context["cl"].result_count
        assert listed == int(count), label
