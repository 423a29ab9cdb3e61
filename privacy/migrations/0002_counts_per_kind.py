"""One count per kind of personal data, whatever the apps declare, instead of a column for each of three kinds."""

from django.db import migrations, models


def to_counts(apps, schema_editor):
    ErasureRecord = apps.get_model("privacy", "ErasureRecord")
    for record in ErasureRecord.objects.all():
        record.counts = {
            "registrations": record.registrations,
            "meeting_signups": record.signups,
            "emails": record.emails,
        }
        record.save(update_fields=["counts"])


def from_counts(apps, schema_editor):
    ErasureRecord = apps.get_model("privacy", "ErasureRecord")
    for record in ErasureRecord.objects.all():
        record.registrations = record.counts.get("registrations", 0)
        record.signups = record.counts.get("meeting_signups", 0)
        record.emails = record.counts.get("emails", 0)
        record.save(update_fields=["registrations", "signups", "emails"])


class Migration(migrations.Migration):
    dependencies = [("privacy", "0001_erasure_record_from_consortium")]

    operations = [
        migrations.AddField(
            model_name="erasurerecord",
            name="counts",
            field=models.JSONField(default=dict, verbose_name="erased"),
        ),
        migrations.RunPython(to_counts, from_counts),
        migrations.RemoveField(model_name="erasurerecord", name="registrations"),
        migrations.RemoveField(model_name="erasurerecord", name="signups"),
        migrations.RemoveField(model_name="erasurerecord", name="emails"),
        migrations.AlterModelTable(name="erasurerecord", table=None),
    ]
