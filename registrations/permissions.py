"""The staff groups and what each may do. Superusers may do everything; other staff get one of these groups.

`sync_staff_groups` creates the groups and grants whatever of these permissions exist. It runs in a data
migration and again after every `migrate`, so permissions of models added later (the information meetings'
models, for example) reach the groups without another migration. It only adds: permissions granted by hand stay.
"""

from django.apps import apps as global_apps
from django.db.models import Q

REVIEWER = "Reviewer"
COORDINATOR = "Coordinator"

REVIEWER_PERMISSIONS = (
    "registrations.view_registration",
    "registrations.change_registration_status",
    "registrations.assign_registration",
    "registrations.view_statuschange",
    "registrations.view_note",
    "registrations.add_note",
    "registrations.view_organisation",
    "registrations.view_registrationcall",
    "registrations.view_messagetemplate",
    "registrations.score_registration",
    "registrations.view_criterion",
)
COORDINATOR_PERMISSIONS = (
    *REVIEWER_PERMISSIONS,
    "registrations.export_registration",
    "registrations.confirm_decision",
    "registrations.add_registrationcall",
    "registrations.change_registrationcall",
    "registrations.delete_registrationcall",
    # The assessment criteria of each call.
    "registrations.add_criterion",
    "registrations.change_criterion",
    "registrations.delete_criterion",
    "registrations.add_messagetemplate",
    "registrations.change_messagetemplate",
    "registrations.delete_messagetemplate",
    "post_office.view_email",
    "post_office.view_log",
    # Information meetings and their signups (their links and change records are kept by the services).
    *(
        f"events.{action}_{model}"
        for action in ("add", "change", "delete", "view")
        for model in ("meeting", "signup")
    ),
)
GROUPS = {REVIEWER: REVIEWER_PERMISSIONS, COORDINATOR: COORDINATOR_PERMISSIONS}


def _matching(names: tuple[str, ...]) -> Q:
    query = Q(pk__in=[])
    for name in names:
        app_label, codename = name.split(".")
        if codename == "*":
            query |= Q(content_type__app_label=app_label)
        else:
            query |= Q(content_type__app_label=app_label, codename=codename)
    return query


def sync_staff_groups(*, apps=global_apps, using: str = "default") -> None:
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, permissions in GROUPS.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(*Permission.objects.using(using).filter(_matching(permissions)))


def sync_after_migrate(sender, *, apps=global_apps, using: str = "default", **kwargs) -> None:
    """post_migrate receiver: runs after django.contrib.auth has created each app's permissions.

    `apps` is the migrations' state, whose apps are known by label only (is_installed("django.contrib.auth") is
    False there): whether the groups can be kept is asked of the models themselves.
    """
    if _has_model(apps, "auth", "Group") and _has_model(apps, "auth", "Permission"):
        sync_staff_groups(apps=apps, using=using)


def _has_model(apps, app_label: str, model_name: str) -> bool:
    try:
        apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return True
