from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from events.models import Meeting, MeetingFormat
from registrations.models import RegistrationCall

DEMO_SLUG = "demo-call"
DEMO_MEETING_SLUG = "demo-meeting"


class Command(BaseCommand):
    help = (
        "Create a demonstration call that is open now and an upcoming demonstration meeting "
        "(marked as demo data; never use in production)."
    )

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
        meeting, created = self._demo_meeting(now)
        self.stdout.write(
            f"{'Created' if created else 'Refreshed'} the demo meeting on {meeting.starts_at:%Y-%m-%d}: "
            f"/events/{meeting.slug}/"
        )

    def _demo_meeting(self, now: datetime) -> tuple[Meeting, bool]:
        day = timezone.localtime(now).date() + timedelta(days=7)
        starts_at = timezone.make_aware(datetime.combine(day, time(10, 0)))
        return Meeting.objects.update_or_create(
            slug=DEMO_MEETING_SLUG,
            defaults={
                "title": "Demo: information meeting",
                "description": "Demonstration meeting for trying the signups locally. Nobody will be there.",
                "starts_at": starts_at,
                "ends_at": starts_at + timedelta(hours=2),
                "format": MeetingFormat.HYBRID,
                "venue": "Demo venue, Gedimino pr. 38, Vilnius",
                "join_url": "https://meeting.example.org/demo",
                "in_person_capacity": 5,
                "online_capacity": None,
                "signup_closes_at": None,
                "is_demo": True,
            },
        )
