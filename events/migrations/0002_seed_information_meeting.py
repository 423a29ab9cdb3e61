"""Seed the information meeting of 1 August 2025: 10:00–12:00 Europe/Vilnius, at the Ministry and online.

Staff confirm (and may change) the time and the venue in the admin; the description says so until they do.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

VILNIUS = ZoneInfo("Europe/Vilnius")
MEETING_SLUG = "information-meeting-2025-08-01"


def seed(apps, schema_editor):
    Meeting = apps.get_model("events", "Meeting")
    Meeting.objects.get_or_create(
        slug=MEETING_SLUG,
        defaults={
            "title": "Baltic AI Gigafactory Consortium: information meeting",
            "description": (
                "The Ministry of the Economy and Innovation presents the Baltic AI Gigafactory project and the "
                "consortium, and answers questions from organisations interested in joining.\n\n"
                "To staff: confirm the time and the venue, then replace this description in the admin."
            ),
            "starts_at": datetime(2025, 8, 1, 10, 0, tzinfo=VILNIUS),
            "ends_at": datetime(2025, 8, 1, 12, 0, tzinfo=VILNIUS),
            "format": "hybrid",
            "venue": "Ministry of the Economy and Innovation, Gedimino pr. 38, Vilnius",
            "join_url": "",
            "in_person_capacity": 100,
            "online_capacity": None,
        },
    )


def unseed(apps, schema_editor):
    apps.get_model("events", "Meeting").objects.filter(slug=MEETING_SLUG, signups=None).delete()


class Migration(migrations.Migration):
    dependencies = [("events", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
