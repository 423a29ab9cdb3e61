"""Create the Reviewer and Coordinator groups (see registrations/permissions.py for what each may do).

Permissions are normally created after all migrations have run; they are created here first so that the groups
get them on a fresh database. The post_migrate receiver keeps the groups in step afterwards.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from registrations.permissions import GROUPS, sync_staff_groups


def create_groups(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0, using=schema_editor.connection.alias)
        app_config.models_module = None
    sync_staff_groups(apps=apps, using=schema_editor.connection.alias)


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.using(schema_editor.connection.alias).filter(
        name__in=list(GROUPS)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registrations", "0004_seed_message_templates"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
