"""Who may do what: the Reviewer and Coordinator groups the migrations create, and superusers."""

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from registrations.models import Assessment, Criterion, Decision, MessageTemplate, Registration, Status
from registrations.permissions import COORDINATOR, REVIEWER, sync_after_migrate
from tests.factories import RegistrationCallFactory, RegistrationFactory, StaffFactory

pytestmark = pytest.mark.django_db

LIST = "/admin/registrations/registration/"


def codenames(group_name):
    return set(
        Group.objects.get(name=group_name)
        .permissions.values_list("content_type__app_label", "codename")
        .order_by()
    )


def test_reviewer_group_may_view_move_assign_and_note():
    assert codenames(REVIEWER) == {
        ("registrations", "view_registration"),
        ("registrations", "change_registration_status"),
        ("registrations", "assign_registration"),
        ("registrations", "view_statuschange"),
        ("registrations", "view_note"),
        ("registrations", "add_note"),
        ("registrations", "view_organisation"),
        ("registrations", "view_registrationcall"),
        ("registrations", "view_messagetemplate"),
        ("registrations", "score_registration"),
        ("registrations", "view_criterion"),
    }


def test_coordinator_group_may_also_export_and_manage_calls_and_email_texts():
    extra = codenames(COORDINATOR) - codenames(REVIEWER)
    meetings = {(app, codename) for app, codename in extra if app == "events"}

    assert meetings == {
        ("events", f"{action}_{model}")
        for action in ("add", "change", "delete", "view")
        for model in ("meeting", "signup")
    }
    assert extra - meetings == {
        ("registrations", "export_registration"),
        ("registrations", "confirm_decision"),
        ("registrations", "add_registrationcall"),
        ("registrations", "change_registrationcall"),
        ("registrations", "delete_registrationcall"),
        ("registrations", "add_criterion"),
        ("registrations", "change_criterion"),
        ("registrations", "delete_criterion"),
        ("registrations", "add_messagetemplate"),
        ("registrations", "change_messagetemplate"),
        ("registrations", "delete_messagetemplate"),
        ("post_office", "view_email"),
        ("post_office", "view_log"),
    }
    assert not any(
        codename.startswith("delete_registration") and codename != "delete_registrationcall"
        for _, codename in extra
    )


def test_meeting_permissions_reach_coordinators_when_the_meetings_models_appear():
    add_meeting = Permission.objects.get(content_type__app_label="events", codename="add_meeting")
    Group.objects.get(name=COORDINATOR).permissions.remove(add_meeting)  # as before the events app migrated

    sync_after_migrate(sender=apps.get_app_config("events"))

    assert add_meeting in Group.objects.get(name=COORDINATOR).permissions.all()
    assert add_meeting not in Group.objects.get(name=REVIEWER).permissions.all()


def test_groups_are_kept_in_step_by_migrate_itself():
    """`migrate` hands the receiver its migration state, not the global registry: it must work with both."""
    reviewers = Group.objects.get(name=REVIEWER)
    score = Permission.objects.get(codename="score_registration")
    reviewers.permissions.remove(score)

    call_command("migrate", "registrations", verbosity=0)

    assert score in reviewers.permissions.all()


def test_syncing_keeps_permissions_granted_by_hand():
    reviewers = Group.objects.get(name=REVIEWER)
    extra = Permission.objects.get(codename="view_email")
    reviewers.permissions.add(extra)

    sync_after_migrate(sender=apps.get_app_config("registrations"))

    assert extra in reviewers.permissions.all()


@pytest.fixture
def as_user(client):
    def _as(user):
        client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return _as


def test_reviewer_sees_registrations_but_cannot_change_the_answers(as_user, reviewer):
    registration = RegistrationFactory(statement="Original.")
    client = as_user(reviewer)

    assert client.get(LIST).status_code == 200
    assert client.get(f"{LIST}{registration.pk}/change/").status_code == 200
    response = client.post(f"{LIST}{registration.pk}/change/", {"statement": "Changed."})

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.statement == "Original."


def test_reviewer_cannot_delete_registrations(as_user, reviewer):
    registration = RegistrationFactory()
    client = as_user(reviewer)

    assert client.get(f"{LIST}{registration.pk}/delete/").status_code == 403
    assert "delete_selected" not in client.get(LIST).content.decode()
    response = client.post(
        LIST,
        {"action": "delete_selected", "_selected_action": [registration.pk], "index": "0", "post": "yes"},
    )

    assert response.status_code in (200, 302)
    assert Registration.objects.filter(pk=registration.pk).exists()


def test_reviewer_cannot_export(as_user, reviewer):
    RegistrationFactory()
    client = as_user(reviewer)

    assert client.get(f"{LIST}export/csv/").status_code == 403
    assert client.get(f"{LIST}export/xlsx/").status_code == 403
    assert "export/csv/" not in client.get(LIST).content.decode()


def test_coordinator_can_export(as_user, coordinator):
    RegistrationFactory()

    response = as_user(coordinator).get(f"{LIST}export/csv/")

    assert response.status_code == 200


def test_reviewer_cannot_see_user_accounts(as_user, reviewer):
    client = as_user(reviewer)

    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get(f"/admin/auth/user/{reviewer.pk}/change/").status_code == 403
    assert "/admin/auth/user/" not in client.get("/admin/").content.decode()


def test_reviewer_cannot_manage_calls_or_email_texts_but_a_coordinator_can(as_user, reviewer, coordinator):
    template = MessageTemplate.objects.get(status=Status.ACCEPTED)
    data = {"status": "accepted"}
    for language in ("lt", "en", "lv", "et", "pl"):
        data[f"subject_{language}"] = getattr(template, f"subject_{language}")
        data[f"body_{language}"] = getattr(template, f"body_{language}")
    data["body_en"] = "New text."
    url = f"/admin/registrations/messagetemplate/{template.pk}/change/"

    assert as_user(reviewer).get("/admin/registrations/registrationcall/add/").status_code == 403
    assert as_user(reviewer).post(url, data).status_code == 403
    template.refresh_from_db()
    assert template.body_en != "New text."

    assert as_user(coordinator).get("/admin/registrations/registrationcall/add/").status_code == 200
    assert as_user(coordinator).post(url, data).status_code == 302
    template.refresh_from_db()
    assert template.body_en == "New text."


def test_staff_without_a_group_see_no_registrations(as_user):
    registration = RegistrationFactory()
    client = as_user(StaffFactory())

    assert client.get(LIST).status_code == 403
    assert client.get(f"{LIST}{registration.pk}/status/under_review/").status_code == 403


def test_review_actions_need_their_permissions(as_user):
    viewer = StaffFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_registration"))
    registration = RegistrationFactory(status=Status.SUBMITTED)
    client = as_user(viewer)

    assert client.get(f"{LIST}{registration.pk}/status/under_review/").status_code == 403
    assert client.post(f"{LIST}{registration.pk}/note/", {"note-text": "Hello"}).status_code == 403
    assert client.post(f"{LIST}{registration.pk}/assign/", {"assignee": viewer.pk}).status_code == 403
    assert "move_to_under_review" not in client.get(LIST).content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.SUBMITTED


def test_superuser_may_do_everything(as_user, superuser):
    registration = RegistrationFactory()
    client = as_user(superuser)

    assert client.get(f"{LIST}{registration.pk}/delete/").status_code == 200
    export = client.get(f"{LIST}export/xlsx/")
    assert export.status_code == 200
    assert b"".join(export.streaming_content).startswith(b"PK")  # a zip: the workbook
    assert client.get("/admin/auth/user/").status_code == 200
    assert client.get("/admin/registrations/registrationcall/add/").status_code == 200


def test_reviewers_score_and_propose_decisions_but_only_coordinators_confirm_them(
    as_user, reviewer, coordinator
):
    call = RegistrationCallFactory(four_eyes=True)
    criterion = Criterion.objects.create(call=call, title_lt="Relevance")
    registration = RegistrationFactory(call=call, status=Status.UNDER_REVIEW)
    page = f"{LIST}{registration.pk}/"
    client = as_user(reviewer)

    assert client.post(f"{page}assess/", {f"score_{criterion.pk}": "4"}).status_code == 302
    assert Assessment.objects.filter(reviewer=reviewer).exists()
    assert client.post(f"{page}status/accepted/", {"comment": "All criteria met."}).status_code == 302
    assert Decision.objects.filter(proposed_by=reviewer, state=Decision.State.PROPOSED).exists()
    assert client.post(f"{page}decision/confirm/").status_code == 403
    assert "confirm_decisions" not in client.get(LIST).content.decode()

    coordinating = as_user(coordinator)
    assert "confirm_decisions" in coordinating.get(LIST).content.decode()
    assert coordinating.post(f"{page}decision/confirm/").status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED


def test_staff_without_the_review_permissions_can_neither_score_nor_propose(as_user):
    viewer = StaffFactory()
    viewer.user_permissions.add(Permission.objects.get(codename="view_registration"))
    call = RegistrationCallFactory(four_eyes=True)
    criterion = Criterion.objects.create(call=call, title_lt="Relevance")
    registration = RegistrationFactory(call=call, status=Status.UNDER_REVIEW)
    client = as_user(viewer)

    assert client.post(f"{LIST}{registration.pk}/assess/", {f"score_{criterion.pk}": "4"}).status_code == 403
    assert client.post(f"{LIST}{registration.pk}/status/accepted/", {"comment": "Yes."}).status_code == 403
    assert not Assessment.objects.exists()
    assert not Decision.objects.exists()
