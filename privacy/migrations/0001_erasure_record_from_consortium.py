"""The record of erasures moves here from the consortium app: the same table, and the same permission rows (its
content type is renamed, so staff who could handle personal-data requests still can)."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="consortium", model="erasurerecord").update(app_label="privacy")


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="privacy", model="erasurerecord").update(app_label="consortium")


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
        ("contenttypes", "0002_remove_content_type_name"),
        ("consortium", "0005_fail_undeliverable_emails"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="ErasureRecord",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("performed_at", models.DateTimeField(verbose_name="erased at")),
                        ("email_hash", models.CharField(db_index=True, max_length=64, verbose_name="address (SHA-256)")),
                        ("registrations", models.PositiveIntegerField(verbose_name="registrations")),
                        ("signups", models.PositiveIntegerField(verbose_name="meeting signups")),
                        ("emails", models.PositiveIntegerField(verbose_name="emails")),
                        (
                            "performed_by",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                                verbose_name="erased by",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "erasure of personal data",
                        "verbose_name_plural": "erasures of personal data",
                        "ordering": ["-performed_at"],
                        "permissions": [("handle_personal_data", "Can export and erase the personal data of an address")],
                        "db_table": "consortium_erasurerecord",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
