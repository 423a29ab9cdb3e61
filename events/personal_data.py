"""What a meeting signup holds about the person, for the privacy feature (consortium.personal_data).

Erasing keeps the row (the meeting's figures stay right); the name, address, organisation, job title and the
private links go.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.utils.translation import ngettext

from consortium.personal_data import PersonalData, anonymised_address
from events.models import CancelLink, Signup


class MeetingSignups(PersonalData):
    key = "meeting_signups"
    position = 20

    def describe(self, count: int) -> str:
        return ngettext("%(count)s meeting signup", "%(count)s meeting signups", count) % {"count": count}

    def export(self, *, email: str) -> list[dict]:
        return [_data(signup) for signup in _of(email).select_related("meeting")]

    def erase(self, *, email: str, now: datetime) -> int:
        return _anonymise(_of(email), now)

    def purge(self, *, cutoff: datetime, now: datetime, apply: bool) -> int:
        ended = Signup.objects.filter(meeting__ends_at__lt=cutoff, anonymised_at__isnull=True)
        return _anonymise(ended, now) if apply else ended.count()


def _of(email: str) -> QuerySet[Signup]:
    return Signup.objects.filter(email__iexact=email.strip(), anonymised_at__isnull=True)


def _anonymise(signups: QuerySet[Signup], now: datetime) -> int:
    ids = list(signups.values_list("pk", flat=True))
    CancelLink.objects.filter(signup_id__in=ids).delete()
    return Signup.objects.filter(pk__in=ids).update(
        name="", email=anonymised_address(), organisation="", job_title="", anonymised_at=now
    )


def _data(signup: Signup) -> dict:
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
