"""Reusable reads about registrations: the current call, the review desk's hints and numbers, email texts."""

import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import (
    Avg,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, TruncDate
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from registrations.models import (
    ANSWERED,
    DECIDED,
    Assessment,
    Criterion,
    Decision,
    MessageTemplate,
    OrganisationType,
    ParticipationKind,
    Registration,
    RegistrationCall,
    Score,
    Status,
    StatusChange,
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


def latest_request(*, registration: Registration) -> StatusChange | None:
    """The last time staff asked for more information about `registration`, with the email they sent."""
    return (
        registration.status_changes.filter(to_status=Status.NEEDS_INFORMATION)
        .order_by("-changed_at", "-pk")
        .first()
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


def landing_section(now: datetime) -> dict:
    """What the landing page says about registering: the current call and whether it is open (consortium.landing)."""
    call = current_call(now=now)
    state = None
    if call is not None:
        state = "open" if call.is_open(now) else "upcoming" if now < call.opens_at else "closed"
    return {"call": call, "state": state, "ways_of_taking_part": ParticipationKind.objects.all()}


@dataclass(frozen=True)
class Queues:
    """How much waits for staff, in every call: the review desk's queues (RegistrationQuerySet)."""

    mine: int
    unassigned: int
    answered: int
    overdue: int
    to_confirm: int


def queues(*, user, now: datetime) -> Queues:
    waiting = waiting_for_staff_at(now)
    counts = Registration.objects.aggregate(
        mine=Count("pk", filter=waiting & Q(assignee=user)),
        unassigned=Count("pk", filter=waiting & Q(assignee__isnull=True)),
        answered=Count("pk", filter=ANSWERED),
        overdue=Count("pk", filter=overdue_at(now)),
    )
    to_confirm = Decision.objects.filter(state=Decision.State.PROPOSED).exclude(proposed_by=user).count()
    return Queues(**counts, to_confirm=to_confirm)


# Scores are blind: a staff member sees others' scores of a registration only once they have given their own, or
# once the registration is decided. The number of scores is never hidden.
def may_see_scores(*, scored_own: bool, status: str) -> bool:
    return scored_own or status in DECIDED


@dataclass(frozen=True)
class ScoreRow:
    criterion: Criterion
    # The score of each assessment shown, in their order (None where a criterion was added after it).
    cells: list[Score | None]
    average: float | None


@dataclass(frozen=True)
class Scores:
    """A registration's assessment as a staff member may see it."""

    criteria: list[Criterion]
    own: Assessment | None
    count: int
    visible: bool
    # Everyone's once visible, the staff member's own first; until then nobody's.
    assessments: list[Assessment]
    rows: list[ScoreRow]
    average: float | None


def scores_of(*, registration: Registration, user) -> Scores:
    criteria = list(registration.call.criteria.all())
    assessments = list(
        registration.assessments.select_related("reviewer").prefetch_related(
            Prefetch("scores", queryset=Score.objects.select_related("criterion"))
        )
    )
    own = next((assessment for assessment in assessments if assessment.reviewer_id == user.pk), None)
    visible = may_see_scores(scored_own=own is not None, status=registration.status)
    shown = sorted(assessments, key=lambda a: a.reviewer_id != user.pk) if visible else []
    given = {(score.assessment_id, score.criterion_id): score for a in shown for score in a.scores.all()}
    rows = []
    for criterion in criteria:
        cells = [given.get((assessment.pk, criterion.pk)) for assessment in shown]
        rows.append(ScoreRow(criterion, cells, _mean([cell.value for cell in cells if cell])))
    return Scores(
        criteria=criteria,
        own=own,
        count=len(assessments),
        visible=visible,
        assessments=shown,
        rows=rows,
        average=_mean([score.value for score in given.values()]) if visible else None,
    )


def _mean(values: list[int]) -> float | None:
    return sum(values) / len(values) if values else None


def with_scores(registrations: QuerySet[Registration], *, user) -> QuerySet[Registration]:
    """Registrations with their number of scores (`score_count`), whether `user` has scored them
    (`scored_by_user`), the average score as `user` may see it (`score_average`, None while blind) and a key
    to sort by that average with the blind and the unscored last (`score_sort`)."""
    own = Assessment.objects.filter(registration=OuterRef("pk"), reviewer=user)
    return registrations.annotate(
        score_count=score_count(),
        scored_by_user=Exists(own),
        score_average=Case(
            When(Q(scored_by_user=True) | Q(status__in=DECIDED), then=average_score()),
            default=Value(None),
            output_field=FloatField(),
        ),
        score_sort=Coalesce(F("score_average"), Value(0.0), output_field=FloatField()),
    )


def score_count() -> Coalesce:
    """How many staff members have scored the registration."""
    return Coalesce(_per_registration(Assessment.objects, "registration", Count("pk")), 0)


def average_score() -> Subquery:
    """Of every score given to the registration (every criterion, every staff member)."""
    return _per_registration(
        Score.objects, "assessment__registration", Avg("value", output_field=FloatField())
    )


def _per_registration(queryset: QuerySet, path: str, aggregate) -> Subquery:
    return Subquery(
        queryset.filter(**{path: OuterRef("pk")})
        .order_by()
        .values(path)
        .annotate(result=aggregate)
        .values("result")
    )


def with_decisions(registrations: QuerySet[Registration]) -> QuerySet[Registration]:
    """Registrations with the decision awaiting confirmation on each (`awaiting_decision`: its status, or None)."""
    awaiting = Decision.objects.filter(registration=OuterRef("pk"), state=Decision.State.PROPOSED)
    return registrations.annotate(awaiting_decision=Subquery(awaiting.values("to_status")[:1]))
