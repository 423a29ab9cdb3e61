"""What the rush needs in the benchmark's database: an open call, and two meetings to sign up for.

Run as `python -m benchmarks.fixtures SEATS` with the benchmark's settings; prints the public paths as JSON.
"""

import json
import sys
from datetime import timedelta


def main() -> None:
    import django

    django.setup()
    from django.urls import reverse
    from django.utils import timezone
    from django.utils.translation import override

    from benchmarks.views import create_baseline_table
    from events.models import Meeting, MeetingFormat
    from registrations.models import RegistrationCall

    seats = int(sys.argv[1])
    now = timezone.now()
    RegistrationCall.objects.update_or_create(
        slug="deadline-rush",
        defaults={
            "title": "Deadline rush",
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=30),
        },
    )
    starts = now + timedelta(days=30)
    meetings = {}
    # One meeting with room for everyone (the load levels), one with `seats` seats (the signup rush).
    for slug, capacity in (("open-house", 1_000_000), ("rush", seats)):
        meetings[slug], _created = Meeting.objects.update_or_create(
            slug=slug,
            defaults={
                "title": f"Information meeting ({slug})",
                "starts_at": starts,
                "ends_at": starts + timedelta(hours=2),
                "format": MeetingFormat.IN_PERSON,
                "venue": "Gedimino pr. 38, Vilnius",
                "in_person_capacity": capacity,
            },
        )
    create_baseline_table()
    with override("lt"):
        paths = {
            "register": reverse("registrations:register"),
            "meeting": reverse("events:meeting", args=["open-house"]),
            "rush": reverse("events:meeting", args=["rush"]),
            "insert": reverse("bench_insert"),
            "rush_meeting_id": meetings["rush"].pk,
        }
    print(json.dumps(paths))


if __name__ == "__main__":
    main()
