"""The demonstration call of `make run`: open now, in every language (consortium.demo)."""

from datetime import datetime, timedelta

from consortium.demo import per_language
from registrations.models import RegistrationCall

DEMO_SLUG = "demo-call"

# What the demonstration call says, in every language: field -> language -> text.
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


def load_demo_call(now: datetime) -> str:
    call, created = RegistrationCall.objects.update_or_create(
        slug=DEMO_SLUG,
        defaults={
            **per_language(CALL_TEXTS),
            "opens_at": now - timedelta(days=1),
            "closes_at": now + timedelta(days=13),
            "reference_prefix": "DEMO",
            "is_demo": True,
        },
    )
    return f"{'Created' if created else 'Refreshed'} the demo call, open until {call.closes_at:%Y-%m-%d}."


def demo_calls_exist() -> bool:
    return RegistrationCall.objects.filter(is_demo=True).exists()
