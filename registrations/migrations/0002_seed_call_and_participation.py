"""Seed the real registration call and the ways an organisation can take part.

The call's window is 28 July 2025 00:00 to 11 August 2025 00:00, Europe/Vilnius (the close is exclusive, so
the whole of 10 August counts). Staff may edit it in the admin afterwards.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.db import migrations

VILNIUS = ZoneInfo("Europe/Vilnius")
CALL_SLUG = "baltic-ai-gigafactory-2025"
PARTICIPATION = [
    "develop_ai",
    "build_infrastructure",
    "use_compute",
    "research_training",
    "invest",
    "provide_data",
]


def seed(apps, schema_editor):
    RegistrationCall = apps.get_model("registrations", "RegistrationCall")
    ParticipationKind = apps.get_model("registrations", "ParticipationKind")
    RegistrationCall.objects.get_or_create(
        slug=CALL_SLUG,
        defaults={
            "title": "Baltic AI Gigafactory Consortium: registration of interest",
            "description": (
                "The Ministry of the Economy and Innovation invites Lithuanian companies, research institutes, "
                "universities, startups, investors, cloud and computing-infrastructure providers and public-sector "
                "institutions to join the Baltic AI Gigafactory Consortium."
            ),
            "opens_at": datetime(2025, 7, 28, 0, 0, tzinfo=VILNIUS),
            "closes_at": datetime(2025, 8, 11, 0, 0, tzinfo=VILNIUS),
            "reference_prefix": "BAIGF",
        },
    )
    for position, code in enumerate(PARTICIPATION):
        ParticipationKind.objects.get_or_create(code=code, defaults={"position": position})


def unseed(apps, schema_editor):
    apps.get_model("registrations", "RegistrationCall").objects.filter(slug=CALL_SLUG, registrations=None).delete()
    apps.get_model("registrations", "ParticipationKind").objects.filter(registrations=None).delete()


class Migration(migrations.Migration):
    dependencies = [("registrations", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
