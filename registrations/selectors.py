"""Reusable reads about registrations: the current call, the review desk's hints and numbers, email texts."""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from registrations.models import (
    ANSWERED,
    MessageTemplate,
    OrganisationType,
    ParticipationKind,
    Registration,
    RegistrationCall,
    Status,
    overdue_at,
    waiting_for_staff_at,
)

# Addresses at these providers say nothing about the organisation: a shared domain is no hint of a duplicate.
FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "msn.com",
        "yahoo.com",
        "icloud.com",
        "me.com",
        "aol.com",
        "proton.me",
        "protonmail.com",
        "gmx.com",
        "gmx.net",
        "gmx.de",
        "mail.com",
        "yandex.com",
        "yandex.ru",
        "mail.ru",
        "inbox.lt",
        "one.lt",
        "takas.lt",
        "zebra.lt",
        "inbox.lv",
        "mail.ee",
        "hot.ee",
        "wp.pl",
        "o2.pl",
        "onet.pl",
        "interia.pl",
        "op.pl",
    }
)


def current_call(*, now: datetime) -> RegistrationCall | None:
    """The call the public pages are about: the open one, else the next to open, else the last one closed."""
    calls = RegistrationCall.objects.all()
    return (
        calls.open(now).order_by("closes_at").first()
        or calls.filter(opens_at__gt=now).order_by("opens_at").first()
        or calls.filter(closes_at__lte=now).order_by("-closes_at").first()
    )


def with_answers(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Registrations with everything shown about them loaded in a fixed number of queries."""
    return registrations.select_related("organisation", "call", "assignee").prefetch_related(
        Prefetch("participation", queryset=ParticipationKind.objects.order_by("position"))
    )


@dataclass(frozen=True)
class PossibleDuplicate:
    registration: Registration
    reasons: tuple[str, ...]


def possible_duplicates(*, registration: Registration, limit: int = 20) -> list[PossibleDuplicate]:
    """Other registrations that may be the same organisation: same VAT code, contact email or email domain."""
    email = registration.contact_email.lower()
    domain = email.rpartition("@")[2]
    vat_code = registration.vat_code
    matches = Q(organisation_id=registration.organisation_id) | Q(contact_email__iexact=email)
    if vat_code:
        matches |= Q(vat_code__iexact=vat_code)
    shared_domain = bool(domain) and domain not in FREE_MAIL_DOMAINS
    if shared_domain:
        matches |= Q(contact_email__iendswith=f"@{domain}")
    others = (
        Registration.objects.filter(matches)
        .exclude(pk=registration.pk)
        .select_related("organisation", "call")
        .order_by("-submitted_at")[:limit]
    )
    found = []
    for other in others:
        reasons = []
        if other.organisation_id == registration.organisation_id:
            reasons.append(_("same organisation"))
        if vat_code and other.vat_code.lower() == vat_code.lower():
            reasons.append(_("same VAT code"))
        other_email = other.contact_email.lower()
        if other_email == email:
            reasons.append(_("same contact email"))
        elif shared_domain and other_email.rpartition("@")[2] == domain:
            reasons.append(_("same email domain"))
        found.append(PossibleDuplicate(other, tuple(reasons)))
    return found


def message_template(*, status: str) -> MessageTemplate | None:
    """The default email text, in every language, for a move to `status`."""
    return MessageTemplate.objects.filter(status=status).first()


@dataclass(frozen=True)
class Tally:
    label: str
    value: int
    # What the registrations counted have in common (a status, a type, a country code, a way of taking part).
    key: str = ""


@dataclass(frozen=True)
class DayCount:
    day: date
    value: int


@dataclass(frozen=True)
class Figures:
    call: RegistrationCall
    now: datetime
    total: int
    by_status: list[Tally]
    by_type: list[Tally]
    by_country: list[Tally]
    by_participation: list[Tally]
    per_day: list[DayCount]

    @property
    def state(self) -> str:
        if self.now < self.call.opens_at:
            return "upcoming"
        return "open" if self.call.is_open(self.now) else "closed"

    @property
    def days_left(self) -> int:
        """Days until the window closes, counting a day that has begun: 1 on the last day, 0 once closed."""
        if self.state == "closed":
            return 0
        return math.ceil((self.call.closes_at - max(self.now, self.call.opens_at)) / timedelta(days=1))

    @property
    def days_to_opening(self) -> int:
        return max(0, math.ceil((self.call.opens_at - self.now) / timedelta(days=1)))


def dashboard_figures(*, call: RegistrationCall, now: datetime) -> Figures:
    """The numbers at a glance for `call`. The breakdowns leave out withdrawn registrations; status does not."""
    registrations = Registration.objects.filter(call=call)
    live = registrations.exclude(status=Status.WITHDRAWN)

    statuses = dict(registrations.values_list("status").annotate(n=Count("pk")).order_by())
    types = dict(live.values_list("organisation_type").annotate(n=Count("pk")).order_by())
    by_country = [
        Tally(str(countries.name(code) or code), n, str(code))
        for code, n in live.values_list("organisation__country")
        .annotate(n=Count("pk"))
        .order_by("-n", "organisation__country")
    ]
    kinds = ParticipationKind.objects.annotate(
        n=Count(
            "registrations",
            filter=Q(registrations__call=call) & ~Q(registrations__status=Status.WITHDRAWN),
        )
    ).order_by("position")
    return Figures(
        call=call,
        now=now,
        total=sum(statuses.values()),
        by_status=[Tally(str(status.label), statuses.get(status, 0), status.value) for status in Status],
        by_type=[Tally(str(kind.label), types.get(kind, 0), kind.value) for kind in OrganisationType],
        by_country=by_country,
        by_participation=[Tally(str(kind), kind.n, str(kind.pk)) for kind in kinds],
        per_day=_per_day(registrations, call),
    )


def _per_day(registrations: QuerySet[Registration], call: RegistrationCall) -> list[DayCount]:
    vilnius = ZoneInfo(settings.TIME_ZONE)
    counts = dict(
        registrations.annotate(day=TruncDate("submitted_at", tzinfo=vilnius))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by()
    )
    first = call.opens_at.astimezone(vilnius).date()
    last = call.last_moment.astimezone(vilnius).date()
    days = [first + timedelta(days=offset) for offset in range((last - first).days + 1)]
    return [DayCount(day, counts.get(day, 0)) for day in days]


@dataclass(frozen=True)
class Queues:
    """How much waits for staff, in every call: the review desk's queues (RegistrationQuerySet)."""

    mine: int
    unassigned: int
    answered: int
    overdue: int


def queues(*, user, now: datetime) -> Queues:
    waiting = waiting_for_staff_at(now)
    counts = Registration.objects.aggregate(
        mine=Count("pk", filter=waiting & Q(assignee=user)),
        unassigned=Count("pk", filter=waiting & Q(assignee__isnull=True)),
        answered=Count("pk", filter=ANSWERED),
        overdue=Count("pk", filter=overdue_at(now)),
    )
    return Queues(**counts)
