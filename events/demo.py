"""The demonstration meeting of `make run`: a week from now, in every language (consortium.demo)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from consortium.demo import per_language
from events.models import Meeting, MeetingFormat

DEMO_MEETING_SLUG = "demo-meeting"

# What the demonstration meeting says, in every language: field -> language -> text.
MEETING_TEXTS = {
    "title": {
        "lt": "Demonstracija: informacinis susitikimas",
        "en": "Demo: information meeting",
        "lv": "Demonstrācija: informatīvā sanāksme",
        "et": "Demo: infokohtumine",
        "pl": "Demonstracja: spotkanie informacyjne",
    },
    "description": {
        "lt": "Demonstracinis susitikimas registracijai išbandyti. Jame niekas nedalyvaus.",
        "en": "Demonstration meeting for trying the signups locally. Nobody will be there.",
        "lv": "Demonstrācijas sanāksme pieteikšanās izmēģināšanai. Tajā neviens nepiedalīsies.",
        "et": "Demokohtumine registreerumise proovimiseks. Seal ei osale keegi.",
        "pl": "Spotkanie demonstracyjne do wypróbowania zapisów. Nikt w nim nie weźmie udziału.",
    },
    "venue": {
        "lt": "Demonstracinė vieta, Gedimino pr. 38, Vilnius",
        "en": "Demo venue, Gedimino pr. 38, Vilnius",
        "lv": "Demonstrācijas norises vieta, Gedimino pr. 38, Viļņa",
        "et": "Demo toimumiskoht, Gedimino pr. 38, Vilnius",
        "pl": "Miejsce demonstracyjne, Gedimino pr. 38, Wilno",
    },
    "online_instructions": {
        "lt": "Prisijungimo nuorodą atsiųsime patvirtintiems nuotoliniams dalyviams.",
        "en": "Confirmed online attendees are emailed the link to join.",
        "lv": "Apstiprinātie tiešsaistes dalībnieki saņems pievienošanās saiti e-pastā.",
        "et": "Kinnitatud veebiosalejad saavad liitumislingi e-postiga.",
        "pl": "Uczestnicy online z potwierdzonym miejscem otrzymają link e-mailem.",
    },
}


def load_demo_meeting(now: datetime) -> str:
    day = timezone.localtime(now).date() + timedelta(days=7)
    starts_at = timezone.make_aware(datetime.combine(day, time(10, 0)))
    meeting, created = Meeting.objects.update_or_create(
        slug=DEMO_MEETING_SLUG,
        defaults={
            **per_language(MEETING_TEXTS),
            "starts_at": starts_at,
            "ends_at": starts_at + timedelta(hours=2),
            "format": MeetingFormat.HYBRID,
            "join_url": "https://meeting.example.org/demo",
            "in_person_capacity": 5,
            "online_capacity": None,
            "signup_closes_at": None,
            "is_demo": True,
        },
    )
    return (
        f"{'Created' if created else 'Refreshed'} the demo meeting on {meeting.starts_at:%Y-%m-%d}: "
        f"/events/{meeting.slug}/"
    )


def demo_meetings_exist() -> bool:
    return Meeting.objects.filter(is_demo=True).exists()
