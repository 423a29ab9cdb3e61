from datetime import datetime

from registrations.models import RegistrationCall


def current_call(*, now: datetime) -> RegistrationCall | None:
    """The call the public pages are about: the open one, else the next to open, else the last one closed."""
    calls = RegistrationCall.objects.all()
    return (
        calls.open(now).order_by("closes_at").first()
        or calls.filter(opens_at__gt=now).order_by("opens_at").first()
        or calls.filter(closes_at__lte=now).order_by("-closes_at").first()
    )
