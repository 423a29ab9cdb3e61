"""The record of erasures now belongs to the privacy app (privacy 0001 takes over the same table)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("consortium", "0005_fail_undeliverable_emails"),
        ("privacy", "0001_erasure_record_from_consortium"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="ErasureRecord")], database_operations=[]
        ),
    ]
