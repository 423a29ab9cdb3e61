from datetime import timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from registrations.models import RegistrationCall

DEMO_SLUG = "demo-call"


class Command(BaseCommand):
    help = "Create a demonstration call that is open now (marked as demo data; never use in production)."

    def handle(self, *args, **options):
        now = timezone.now()
        call, created = RegistrationCall.objects.update_or_create(
            slug=DEMO_SLUG,
            defaults={
                "title": "Demo: Baltic AI Gigafactory Consortium registration",
                "description": "Demonstration call for trying the portal locally.",
                "opens_at": now - timedelta(days=1),
                "closes_at": now + timedelta(days=13),
                "reference_prefix": "DEMO",
                "is_demo": True,
            },
        )
        self.stdout.write(
            f"{'Created' if created else 'Refreshed'} the demo call, open until {call.closes_at:%Y-%m-%d}."
        )
