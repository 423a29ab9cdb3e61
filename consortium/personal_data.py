"""Personal data: handed over or erased on request, and erased anyway once the retention period has passed.

Erasing keeps every row (statuses, dates, organisation types, countries…), so the statistics stay right; only what
identifies or was written by the person goes: the contact's name, job title, address, phone and free-text answers,
a signup's name, address, organisation and job title, the emails sent to them and the earlier versions of their
registration. Organisations are legal entities and are kept. Internal staff notes are kept.
"""

import calendar
import hashlib
import logging
from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from post_office.models import Attachment, Email

from consortium.models import ErasureRecord
from events.models import CancelLink, Signup
from registrations.models import Decision, EditLink, Registration, StatusChange

logger = logging.getLogger(__name__)

# Erased addresses become anonymised-<id>@erased.invalid: valid in form, and in a domain that never exists.
ERASED_DOMAIN = "erased.invalid"


@dataclass(frozen=True)
class Erasure:
    registrations: int
    signups: int
    emails: int


def email_hash(email: str) -> str:
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def months_before(moment: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months earlier (the last day of a shorter month if needed)."""
    year, month = divmod(moment.year * 12 + moment.month - 1 - months, 12)
    month += 1
    return moment.replace(year=year, month=month, day=min(moment.day, calendar.monthrange(year, month)[1]))


def _registrations_of(email: str) -> QuerySet:
    return Registration.objects.filter(contact_email__iexact=email.strip(), anonymised_at__isnull=True)


def _signups_of(email: str) -> QuerySet:
    return Signup.objects.filter(email__iexact=email.strip(), anonymised_at__isnull=True)


def _emails_to(email: str) -> list[Email]:
    address = email.strip().lower()
    # `to` is stored as comma-separated text: narrow down in the database, then match whole addresses.
    candidates = Email.objects.filter(to__icontains=address).order_by("created")
    return [message for message in candidates if address in (to.lower() for to in message.to)]


def data_for_email(*, email: str, now: datetime | None = None) -> dict:
    """Everything the portal holds about this address, as plain data for a JSON download."""
    now = now or timezone.now()
    registrations = (
        _registrations_of(email)
        .select_related("call", "organisation")
        .prefetch_related("participation", "status_changes")
    )
    return {
        "email": email.strip(),
        "generated_at": now.isoformat(),
        "registrations": [_registration_data(registration) for registration in registrations],
        "meeting_signups": [_signup_data(signup) for signup in _signups_of(email).select_related("meeting")],
        "emails": [
            {
                "sent_to": message.to,
                "subject": message.subject,
                "created": message.created.isoformat(),
                "status": message.get_status_display() if message.status is not None else "",
                "text": message.message,
            }
            for message in _emails_to(email)
        ],
    }


def _registration_data(registration: Registration) -> dict:
    return {
        "reference": registration.reference,
        "call": registration.call.title,
        "status": registration.get_status_display(),
        "submitted_at": registration.submitted_at.isoformat(),
        "language": registration.language,
        "organisation": {
            "legal_name": registration.legal_name,
            "country": str(registration.organisation.country),
            "registration_code": registration.organisation.registration_code,
            "vat_code": registration.vat_code,
            "type": registration.get_organisation_type_display(),
            "size": registration.get_size_display(),
            "website": registration.website,
            "address": registration.address,
            "description": registration.description,
        },
        "contact": {
            "name": registration.contact_name,
            "job_title": registration.contact_job_title,
            "email": registration.contact_email,
            "phone": str(registration.contact_phone),
        },
        "participation": [str(kind) for kind in registration.participation.all()],
        "statement": registration.statement,
        "compute_needs": registration.compute_needs,
        "investment_range": registration.get_investment_range_display(),
        "privacy_notice_version": registration.privacy_notice_version,
        "privacy_consented_at": registration.privacy_consented_at.isoformat(),
        "share_contact_consent": registration.share_contact_consent,
        "status_history": [
            {
                "from": change.get_from_status_display(),
                "to": change.get_to_status_display(),
                "at": change.changed_at.isoformat(),
                "email_to_you": change.email_body,
            }
            for change in registration.status_changes.all()
        ],
    }


def _signup_data(signup: Signup) -> dict:
    return {
        "meeting": signup.meeting.title,
        "meeting_starts_at": signup.meeting.starts_at.isoformat(),
        "name": signup.name,
        "email": signup.email,
        "organisation": signup.organisation,
        "job_title": signup.job_title,
        "registration_reference": signup.registration_reference,
        "attendance": signup.get_mode_display(),
        "status": signup.get_status_display(),
        "signed_up_at": signup.created_at.isoformat(),
        "privacy_notice_version": signup.privacy_notice_version,
    }


def _anonymise_registrations(registrations: QuerySet, now: datetime) -> int:
    ids = list(registrations.values_list("pk", flat=True))
    # A queryset update writes no new history version; the earlier versions, which hold the details, go.
    Registration.objects.filter(pk__in=ids).update(
        contact_name="",
        contact_job_title="",
        contact_email=Concat(Value("anonymised-"), Cast("pk", CharField()), Value(f"@{ERASED_DOMAIN}")),
        contact_phone="",
        statement="",
        compute_needs="",
        anonymised_at=now,
    )
    Registration.history.filter(id__in=ids).delete()
    EditLink.objects.filter(registration_id__in=ids).delete()
    StatusChange.objects.filter(registration_id__in=ids).update(email_subject="", email_body="")
    # A decision's email, proposed and perhaps never sent, is addressed to the person too.
    Decision.objects.filter(registration_id__in=ids).update(email_subject="", email_body="")
    return len(ids)


def _anonymise_signups(signups: QuerySet, now: datetime) -> int:
    ids = list(signups.values_list("pk", flat=True))
    CancelLink.objects.filter(signup_id__in=ids).delete()
    return Signup.objects.filter(pk__in=ids).update(
        name="",
        email=Concat(Value("anonymised-"), Cast("pk", CharField()), Value(f"@{ERASED_DOMAIN}")),
        organisation="",
        job_title="",
        anonymised_at=now,
    )


def _delete_emails(emails) -> int:
    ids = (
        [message.pk for message in emails]
        if isinstance(emails, list)
        else list(emails.values_list("pk", flat=True))
    )
    attachments = list(Attachment.objects.filter(emails__in=ids).values_list("pk", flat=True))
    Email.objects.filter(pk__in=ids).delete()
    for attachment in Attachment.objects.filter(pk__in=attachments, emails__isnull=True):
        attachment.file.delete(save=False)
        attachment.delete()
    return len(ids)


@transaction.atomic
def erase_email(*, email: str, by, now: datetime | None = None) -> ErasureRecord:
    """Erase what the portal holds about this address, at the person's request, and record that it was done."""
    now = now or timezone.now()
    erased = Erasure(
        registrations=_anonymise_registrations(_registrations_of(email), now),
        signups=_anonymise_signups(_signups_of(email), now),
        emails=_delete_emails(_emails_to(email)),
    )
    record = ErasureRecord.objects.create(
        performed_at=now,
        performed_by=by,
        email_hash=email_hash(email),
        registrations=erased.registrations,
        signups=erased.signups,
        emails=erased.emails,
    )
    logger.info(
        "personal_data.erased record=%s by=%s registrations=%s signups=%s emails=%s",
        record.pk,
        by.pk,
        erased.registrations,
        erased.signups,
        erased.emails,
    )
    return record


def purge_expired(*, months: int, apply: bool, now: datetime | None = None) -> Erasure:
    """Erase personal data of calls and meetings that ended more than `months` ago; count only unless `apply`."""
    now = now or timezone.now()
    cutoff = months_before(now, months)
    registrations = Registration.objects.filter(call__closes_at__lt=cutoff, anonymised_at__isnull=True)
    signups = Signup.objects.filter(meeting__ends_at__lt=cutoff, anonymised_at__isnull=True)
    emails = Email.objects.filter(created__lt=cutoff)
    if not apply:
        return Erasure(registrations.count(), signups.count(), emails.count())
    with transaction.atomic():
        erased = Erasure(
            registrations=_anonymise_registrations(registrations, now),
            signups=_anonymise_signups(signups, now),
            emails=_delete_emails(emails),
        )
    logger.info(
        "personal_data.purged cutoff=%s registrations=%s signups=%s emails=%s",
        cutoff.isoformat(),
        erased.registrations,
        erased.signups,
        erased.emails,
    )
    return erased
