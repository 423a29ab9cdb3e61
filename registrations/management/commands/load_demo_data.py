from datetime import datetime, time, timedelta

from django.core.management.base import BaseCommand
from django.utils import timezone

from consortium.translated import localized_names
from events.models import Meeting, MeetingFormat
from registrations.models import Criterion, RegistrationCall

DEMO_SLUG = "demo-call"
# The demo call is reviewed as the real one: its criteria, and decisions that need a second person.
REAL_CALL_SLUG = "baltic-ai-gigafactory-2025"
DEMO_MEETING_SLUG = "demo-meeting"

# What the demonstration call and meeting say, in every language: field -> language -> text.
CALL_TEXTS = {
    "title": {
        "lt": "Demonstracija: registracija į Baltijos dirbtinio intelekto gigagamyklos konsorciumą",
        "en": "Demo: Baltic AI Gigafactory Consortium registration",
        "lv": "Demonstrācija: reģistrācija Baltijas mākslīgā intelekta gigarūpnīcas konsorcijā",
        "et": "Demo: Balti tehisintellekti gigatehase konsortsiumi registreerimine",
        "pl": "Demonstracja: rejestracja w Konsorcjum Bałtyckiej Gigafabryki Sztucznej Inteligencji",
    },
    "description": {
        "lt": "Demonstracinis kvietimas portalui išbandyti.",
        "en": "Demonstration call for trying the portal locally.",
        "lv": "Demonstrācijas pieteikšanās kārta portāla izmēģināšanai.",
        "et": "Demovoor portaali proovimiseks.",
        "pl": "Nabór demonstracyjny do wypróbowania portalu.",
    },
}
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


def per_language(texts: dict[str, dict[str, str]]) -> dict[str, str]:
    """{"title_lt": …, "title_en": …} for update_or_create's defaults."""
    return {
        f"{field}_{language}": text
        for field, by_language in texts.items()
        for language, text in by_language.items()
    }


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
                **per_language(CALL_TEXTS),
                "opens_at": now - timedelta(days=1),
                "closes_at": now + timedelta(days=13),
                "reference_prefix": "DEMO",
                "is_demo": True,
                "four_eyes": True,
            },
        )
        self._demo_criteria(call)
        self.stdout.write(
            f"{'Created' if created else 'Refreshed'} the demo call, open until {call.closes_at:%Y-%m-%d}."
        )
        meeting, created = self._demo_meeting(now)
        self.stdout.write(
            f"{'Created' if created else 'Refreshed'} the demo meeting on {meeting.starts_at:%Y-%m-%d}: "
            f"/events/{meeting.slug}/"
        )

    def _demo_criteria(self, call: RegistrationCall) -> None:
        if call.criteria.exists():
            return
        columns = [*localized_names("title"), *localized_names("description")]
        for criterion in Criterion.objects.filter(call__slug=REAL_CALL_SLUG):
            Criterion.objects.create(
                call=call,
                position=criterion.position,
                **{column: getattr(criterion, column) for column in columns},
            )

    def _demo_meeting(self, now: datetime) -> tuple[Meeting, bool]:
        day = timezone.localtime(now).date() + timedelta(days=7)
        starts_at = timezone.make_aware(datetime.combine(day, time(10, 0)))
        return Meeting.objects.update_or_create(
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
