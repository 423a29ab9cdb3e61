"""Move each meeting's single title, description and venue into the Lithuanian columns 0005 added.

Lithuanian is the default language, as django-modeltranslation's update_translation_fields assumes.
"""

from django.db import migrations

FIELDS = ("title", "description", "venue")


def forward(apps, schema_editor):
    Meeting = apps.get_model("events", "Meeting")
    for meeting in Meeting.objects.all():
        for field in FIELDS:
            if not getattr(meeting, f"{field}_lt"):
                setattr(meeting, f"{field}_lt", getattr(meeting, field))
        meeting.save(update_fields=[f"{field}_lt" for field in FIELDS])


class Migration(migrations.Migration):
    dependencies = [("events", "0005_content_per_language")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
