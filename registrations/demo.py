"""The demonstration call of `make run`: open now, in every language (consortium.demo)."""

from datetime import datetime, timedelta

from consortium.demo import per_language
from consortium.translated import localized_names
from registrations.models import Criterion, RegistrationCall

DEMO_SLUG = "demo-call"
# The demo call is reviewed as the real one: its criteria, and decisions that need a second person.
REAL_CALL_SLUG = "baltic-ai-gigafactory-2025"

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
            "four_eyes": True,
        },
    )
    _demo_criteria(call)
    return f"{'Created' if created else 'Refreshed'} the demo call, open until {call.closes_at:%Y-%m-%d}."


def _demo_criteria(call: RegistrationCall) -> None:
    if call.criteria.exists():
        return
    columns = [*localized_names("title"), *localized_names("description")]
    for criterion in Criterion.objects.filter(call__slug=REAL_CALL_SLUG):
        Criterion.objects.create(
            call=call,
            position=criterion.position,
            **{column: getattr(criterion, column) for column in columns},
        )


def demo_calls_exist() -> bool:
    return RegistrationCall.objects.filter(is_demo=True).exists()
