"""Scoring registrations against their call's criteria: blind until one's own scores are given."""

import csv
import io
from io import StringIO

import pytest
from django.contrib.auth.models import Permission
from django.core.management import call_command

from registrations.models import Assessment, Criterion, Registration, RegistrationCall, Score, Status
from registrations.selectors import scores_of, with_scores
from registrations.services.assessment import Mark, submit_assessment
from registrations.services.review import ReviewRefused
from tests.factories import RegistrationCallFactory, RegistrationFactory, StaffFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/admin/registrations/registration/"


@pytest.fixture
def call():
    call = RegistrationCallFactory()
    for position, title in enumerate(["Relevance", "Capacity", "Readiness"]):
        Criterion.objects.create(call=call, position=position, title_lt=title, title_en=title)
    return call


@pytest.fixture
def registration(call):
    return RegistrationFactory(call=call, status=Status.UNDER_REVIEW)


def marks(call, *values, comment=""):
    return {
        criterion.pk: Mark(value, comment)
        for criterion, value in zip(call.criteria.all(), values, strict=True)
    }


def test_scores_are_kept_for_every_criterion_and_replaced_when_given_again(registration, call, reviewer):
    submit_assessment(
        registration=registration, reviewer=reviewer, marks=marks(call, 4, 3, 5, comment="Solid.")
    )
    submit_assessment(registration=registration, reviewer=reviewer, marks=marks(call, 2, 3, 5))

    assessment = Assessment.objects.get()
    assert [(s.criterion.title_en, s.value, s.comment) for s in assessment.scores.all()] == [
        ("Relevance", 2, ""),
        ("Capacity", 3, ""),
        ("Readiness", 5, ""),
    ]
    assert assessment.changed_at > assessment.submitted_at


@pytest.mark.parametrize(
    ("values", "message"),
    [((4, 3), "Score every criterion: Readiness."), ((4, 3, 6), "from 1 to 5"), ((0, 3, 3), "from 1 to 5")],
)
def test_incomplete_or_out_of_range_scores_are_refused(registration, call, reviewer, values, message):
    given = {criterion.pk: Mark(value) for criterion, value in zip(call.criteria.all(), values, strict=False)}

    with pytest.raises(ReviewRefused, match=message):
        submit_assessment(registration=registration, reviewer=reviewer, marks=given)

    assert not Score.objects.exists()


@pytest.mark.parametrize("status", [Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN])
def test_a_decided_registration_is_no_longer_scored(call, reviewer, status):
    registration = RegistrationFactory(call=call, status=status)

    with pytest.raises(ReviewRefused, match="no longer scored"):
        submit_assessment(registration=registration, reviewer=reviewer, marks=marks(call, 3, 3, 3))


def test_only_staff_allowed_to_score_may(registration, call):
    with pytest.raises(ReviewRefused, match="may not score"):
        submit_assessment(registration=registration, reviewer=StaffFactory(), marks=marks(call, 3, 3, 3))


def test_others_scores_stay_hidden_until_ones_own_are_given(registration, call, reviewer, coordinator):
    submit_assessment(registration=registration, reviewer=coordinator, marks=marks(call, 5, 5, 4))

    before = scores_of(registration=registration, user=reviewer)
    assert (before.count, before.visible, before.assessments, before.average) == (1, False, [], None)
    assert all(row.cells == [] and row.average is None for row in before.rows)

    submit_assessment(registration=registration, reviewer=reviewer, marks=marks(call, 3, 2, 4))
    after = scores_of(registration=registration, user=reviewer)

    assert after.visible
    assert [a.reviewer for a in after.assessments] == [reviewer, coordinator]  # one's own first
    assert [row.average for row in after.rows] == [4.0, 3.5, 4.0]
    assert after.average == pytest.approx(23 / 6)


def test_everyone_sees_the_scores_once_the_registration_is_decided(registration, call, coordinator):
    submit_assessment(registration=registration, reviewer=coordinator, marks=marks(call, 5, 5, 5))
    registration.status = Status.ACCEPTED
    registration.save()

    seen = scores_of(registration=registration, user=StaffFactory())

    assert seen.visible
    assert seen.average == 5.0


def test_the_list_average_is_blind_in_the_same_way(registration, call, reviewer, coordinator):
    other = RegistrationFactory(call=call, status=Status.UNDER_REVIEW)
    submit_assessment(registration=registration, reviewer=coordinator, marks=marks(call, 5, 5, 5))
    submit_assessment(registration=other, reviewer=coordinator, marks=marks(call, 1, 1, 1))
    submit_assessment(registration=other, reviewer=reviewer, marks=marks(call, 2, 2, 2))

    seen = {r.pk: r for r in with_scores(Registration.objects.all(), user=reviewer)}

    assert (seen[registration.pk].score_count, seen[registration.pk].score_average) == (1, None)
    assert (seen[other.pk].score_count, seen[other.pk].score_average) == (2, 1.5)


def test_the_2025_call_comes_with_four_criteria_in_five_languages():
    call = RegistrationCall.objects.get(slug="baltic-ai-gigafactory-2025")

    criteria = list(call.criteria.all())

    assert [c.title_en for c in criteria] == [
        "Relevance to the gigafactory",
        "Capacity and resources",
        "Contribution to the consortium",
        "Readiness",
    ]
    for criterion in criteria:
        for language in ("lt", "en", "lv", "et", "pl"):
            assert getattr(criterion, f"title_{language}")
            assert getattr(criterion, f"description_{language}")
    assert criteria[0].title_lt == "Atitiktis gigagamyklos tikslams"


def test_the_demo_call_is_reviewed_like_the_real_one():
    call_command("load_demo_data", stdout=StringIO())
    call_command("load_demo_data", stdout=StringIO())

    demo = RegistrationCall.objects.get(slug="demo-call")
    real = RegistrationCall.objects.get(slug="baltic-ai-gigafactory-2025")
    assert demo.four_eyes
    assert [c.title_pl for c in demo.criteria.all()] == [c.title_pl for c in real.criteria.all()]


def test_staff_score_on_the_registrations_page(as_staff, registration, call, reviewer, coordinator):
    submit_assessment(registration=registration, reviewer=coordinator, marks=marks(call, 5, 4, 4))
    client = as_staff(reviewer)
    page = client.get(f"{LIST}{registration.pk}/change/").content.decode()
    assert (
        "1 staff member has scored this registration. You see their scores once you have given your own."
        in page
    )
    assert "<legend>Capacity</legend>" in page
    assert page.count('type="radio"') == 3 * 5
    assert coordinator.get_full_name() not in page[page.index('id="assessment"') :]
    data = {}
    for criterion, value in zip(call.criteria.all(), (3, 3, 2), strict=True):
        data[f"score_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = "Needs a partner." if value == 2 else ""

    response = client.post(f"{LIST}{registration.pk}/assess/", data, follow=True)

    content = response.content.decode()
    assert "Your scores have been saved." in content
    assert Assessment.objects.get(reviewer=reviewer).scores.get(value=2).comment == "Needs a partner."
    table = content[content.index('id="assessment"') :]
    assert coordinator.get_full_name() in table
    assert "Needs a partner." in table
    assert "Change my scores" in table


def test_scores_missing_a_criterion_are_refused_on_the_page(as_staff, registration, call, reviewer):
    first = call.criteria.first()

    response = as_staff(reviewer).post(
        f"{LIST}{registration.pk}/assess/", {f"score_{first.pk}": "4"}, follow=True
    )

    assert "Score every criterion from 1 to 5." in response.content.decode()
    assert not Assessment.objects.exists()


def test_staff_who_may_not_score_get_no_form_and_are_refused(as_staff, registration, call):
    viewer = StaffFactory()
    viewer.user_permissions.add(*Permission.objects.filter(codename="view_registration"))
    client = as_staff(viewer)

    assert (
        'action="' + f"{LIST}{registration.pk}/assess/" + '"'
        not in client.get(f"{LIST}{registration.pk}/change/").content.decode()
    )
    assert client.post(f"{LIST}{registration.pk}/assess/", {}).status_code == 403


def _list(client, **params):
    response = client.get(LIST, params)
    return [r.reference for r in response.context["cl"].result_list], response.content.decode()


def test_the_list_shows_counts_and_the_averages_one_may_see_sorts_and_filters(
    as_staff, call, reviewer, coordinator
):
    high = RegistrationFactory(call=call, status=Status.UNDER_REVIEW, reference="TEST-HIGH")
    low = RegistrationFactory(call=call, status=Status.UNDER_REVIEW, reference="TEST-LOW")
    blind = RegistrationFactory(call=call, status=Status.UNDER_REVIEW, reference="TEST-BLIND")
    unscored = RegistrationFactory(call=call, status=Status.UNDER_REVIEW, reference="TEST-NONE")
    for registration, values in ((high, (5, 5, 4)), (low, (2, 1, 2))):
        submit_assessment(registration=registration, reviewer=reviewer, marks=marks(call, *values))
    submit_assessment(registration=blind, reviewer=coordinator, marks=marks(call, 5, 5, 5))
    client = as_staff(reviewer)

    order, content = _list(client, o="8")  # the eighth column, the score, ascending
    descending, _content = _list(client, o="-8")

    # Blind and unscored sort as the lowest, whichever way.
    assert set(order[:2]) == {blind.reference, unscored.reference}
    assert order[2:] == ["TEST-LOW", "TEST-HIGH"]
    assert descending[:2] == ["TEST-HIGH", "TEST-LOW"]
    assert set(descending[2:]) == {blind.reference, unscored.reference}
    assert '4.7 <span class="portal-secondary">(1 score)</span>' in content
    assert '? <span class="portal-secondary">(1 score)</span>' in content
    assert _list(client, scores="high")[0] == ["TEST-HIGH"]
    assert _list(client, scores="low")[0] == ["TEST-LOW"]
    assert set(_list(client, scores="not_mine")[0]) == {"TEST-BLIND", "TEST-NONE"}
    assert _list(client, scores="none")[0] == ["TEST-NONE"]


def test_the_export_counts_every_score_and_averages_them(as_staff, registration, call, reviewer, coordinator):
    submit_assessment(registration=registration, reviewer=reviewer, marks=marks(call, 4, 4, 4))
    submit_assessment(registration=registration, reviewer=coordinator, marks=marks(call, 5, 4, 4))

    response = as_staff(coordinator).get(f"{LIST}export/csv/")

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert (row["Scores"], row["Average score"]) == ("2", "4.17")


def test_coordinators_set_a_calls_criteria_and_reviewers_only_read_them(
    as_staff, call, reviewer, coordinator
):
    url = f"/admin/registrations/registrationcall/{call.pk}/change/"

    assert as_staff(coordinator).get(url).status_code == 200
    assert "Relevance" in as_staff(coordinator).get(url).content.decode()
    assert as_staff(reviewer).get(url).status_code == 200
    assert as_staff(reviewer).post(url, {}).status_code == 403
