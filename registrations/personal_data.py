"""What a registration holds about its contact person, for the privacy feature (consortium.personal_data).

Erasing keeps the row and the organisation's details (a legal entity's), so the statistics stay right; the
contact's name, job title, address and phone, the free-text answers, the replies to requests for more
information with their files, the earlier versions of the registration and its private links go. Internal staff
notes are kept.
"""

import base64
from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import ngettext

from consortium.personal_data import PersonalData, anonymised_address
from registrations.models import Decision, EditLink, Registration, Reply, ReplyFile, StatusChange


class Registrations(PersonalData):
    key = "registrations"
    position = 10

    def describe(self, count: int) -> str:
        return ngettext("%(count)s registration", "%(count)s registrations", count) % {"count": count}

    def export(self, *, email: str) -> list[dict]:
        registrations = (
            _of(email)
            .select_related("call", "organisation")
            .prefetch_related("participation", "status_changes", "replies__files")
        )
        return [_data(registration) for registration in registrations]

    def erase(self, *, email: str, now: datetime) -> int:
        return _anonymise(_of(email), now)

    def purge(self, *, cutoff: datetime, now: datetime, apply: bool) -> int:
        ended = Registration.objects.filter(call__closes_at__lt=cutoff, anonymised_at__isnull=True)
        return _anonymise(ended, now) if apply else ended.count()


def _of(email: str) -> QuerySet[Registration]:
    return Registration.objects.filter(contact_email__iexact=email.strip(), anonymised_at__isnull=True)


def _anonymise(registrations: QuerySet[Registration], now: datetime) -> int:
    ids = list(registrations.values_list("pk", flat=True))
    # A queryset update writes no new history version; the earlier versions, which hold the details, go.
    Registration.objects.filter(pk__in=ids).update(
        contact_name="",
        contact_job_title="",
        contact_email=anonymised_address(),
        contact_phone="",
        statement="",
        compute_needs="",
        anonymised_at=now,
    )
    Registration.history.filter(id__in=ids).delete()
    EditLink.objects.filter(registration_id__in=ids).delete()
    for attached in ReplyFile.objects.filter(reply__registration_id__in=ids):
        attached.file.delete(save=False)  # the file's own row in the database storage
    Reply.objects.filter(registration_id__in=ids).delete()
    StatusChange.objects.filter(registration_id__in=ids).update(email_subject="", email_body="")
    # A decision's email, proposed and perhaps never sent, is addressed to the person too.
    Decision.objects.filter(registration_id__in=ids).update(email_subject="", email_body="")
    return len(ids)


def _data(registration: Registration) -> dict:
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
        "replies": [_reply_data(reply) for reply in registration.replies.all()],
    }


def _reply_data(reply: Reply) -> dict:
    return {
        "sent_at": reply.sent_at.isoformat(),
        "text": reply.text,
        "files": [
            {
                "name": attached.name,
                "type": attached.content_type,
                "size": attached.size,
                # The file itself, as it was sent: the export is everything held, not a list of it.
                "content_base64": base64.b64encode(_content(attached)).decode(),
            }
            for attached in reply.files.all()
        ],
    }


def _content(attached: ReplyFile) -> bytes:
    with attached.file.open("rb") as handle:
        return handle.read()
