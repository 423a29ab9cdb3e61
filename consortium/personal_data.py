"""Personal data, declared by the apps that hold it: how to hand it over and how to erase it.

Each app registers a `PersonalData` for every kind of personal data it keeps (registrations, meeting signups…) in
its AppConfig.ready(), as pretix's data shredders do; the privacy app (the export and erasure on request, the
purge after the retention period) works through whatever is registered. A new model with personal data is
declared by its own app: nothing else changes. The outbox, which this foundation owns, declares its emails here.

Erasing keeps every row (statuses, dates, organisation types, countries…), so the statistics stay right; only what
identifies or was written by the person goes.
"""

import calendar
import hashlib
from abc import ABC, abstractmethod
from datetime import datetime

from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils.translation import ngettext
from post_office.models import Attachment, Email

# Erased addresses become anonymised-<id>@erased.invalid: valid in form, and in a domain that never exists.
ERASED_DOMAIN = "erased.invalid"


class PersonalData(ABC):
    """One kind of personal data an app holds about an email address."""

    key: str  # its part of the export, e.g. "registrations"
    position: int = 50  # where it comes in exports and reports

    @abstractmethod
    def describe(self, count: int) -> str:
        """How many of it, in words ("2 registrations"), in the active language."""

    @abstractmethod
    def export(self, *, email: str) -> list[dict]:
        """What is held about `email`, as plain data for a JSON file."""

    @abstractmethod
    def erase(self, *, email: str, now: datetime) -> int:
        """Erase what is held about `email`; how many items were erased."""

    @abstractmethod
    def purge(self, *, cutoff: datetime, now: datetime, apply: bool) -> int:
        """Erase what ended before `cutoff` (or, unless `apply`, only count it); how many items."""


_registry: dict[str, PersonalData] = {}


def register(holder: PersonalData) -> None:
    _registry[holder.key] = holder


def registered() -> list[PersonalData]:
    return sorted(_registry.values(), key=lambda holder: (holder.position, holder.key))


def email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def anonymised_address():
    """An expression for UPDATE: "anonymised-<pk>@erased.invalid"."""
    return Concat(Value("anonymised-"), Cast("pk", CharField()), Value(f"@{ERASED_DOMAIN}"))


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day of a shorter month if needed)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


class OutgoingEmails(PersonalData):
    """The emails sent to the person, with their attachments."""

    key = "emails"
    position = 90

    def describe(self, count: int) -> str:
        return ngettext("%(count)s email", "%(count)s emails", count) % {"count": count}

    def export(self, *, email: str) -> list[dict]:
        return [
            {
                "sent_to": message.to,
                "subject": message.subject,
                "created": message.created.isoformat(),
                "status": message.get_status_display() if message.status is not None else "",
                "text": message.message,
            }
            for message in _emails_to(email)
        ]

    def erase(self, *, email: str, now: datetime) -> int:
        return _delete([message.pk for message in _emails_to(email)])

    def purge(self, *, cutoff: datetime, now: datetime, apply: bool) -> int:
        old = Email.objects.filter(created__lt=cutoff)
        return _delete(list(old.values_list("pk", flat=True))) if apply else old.count()


def _emails_to(email: str) -> list[Email]:
    address = email.strip().lower()
    # `to` is stored as comma-separated text: narrow down in the database, then match whole addresses.
    candidates = Email.objects.filter(to__icontains=address).order_by("created")
    return [message for message in candidates if address in (to.lower() for to in message.to)]


def _delete(ids: list[int]) -> int:
    attachments = list(Attachment.objects.filter(emails__in=ids).values_list("pk", flat=True))
    Email.objects.filter(pk__in=ids).delete()
    for attachment in Attachment.objects.filter(pk__in=attachments, emails__isnull=True):
        attachment.file.delete(save=False)  # the calendar file's content, in the database storage
        attachment.delete()
    return len(ids)
