"""Personal data handed over or erased on request, and erased anyway once the retention period has passed.

Each kind of personal data is declared by the app that holds it (consortium.personal_data); these work through
all of them in one transaction.
"""

import logging
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils import timezone

from consortium.personal_data import email_hash, months_before, registered
from privacy.models import ErasureRecord

logger = logging.getLogger(__name__)


def data_for_email(*, email: str, now: datetime | None = None) -> dict:
    """Everything the portal holds about this address, as plain data for a JSON download."""
    now = now or timezone.now()
    held = {holder.key: holder.export(email=email) for holder in registered()}
    return {"email": email.strip(), "generated_at": now.isoformat(), **held}


def describe(counts: dict[str, int]) -> str:
    """ "2 registrations, 1 meeting signup, 3 emails", in the active language."""
    return ", ".join(holder.describe(counts.get(holder.key, 0)) for holder in registered())


@transaction.atomic
def erase_email(*, email: str, by: AbstractBaseUser, now: datetime | None = None) -> ErasureRecord:
    """Erase what the portal holds about this address, at the person's request, and record that it was done."""
    now = now or timezone.now()
    counts = {holder.key: holder.erase(email=email, now=now) for holder in registered()}
    record = ErasureRecord.objects.create(
        performed_at=now, performed_by=by, email_hash=email_hash(email), counts=counts
    )
    logger.info("personal_data.erased record=%s by=%s counts=%s", record.pk, by.pk, counts)
    return record


def purge_expired(*, months: int, apply: bool, now: datetime | None = None) -> dict[str, int]:
    """Erase the personal data of what ended more than `months` ago; count only unless `apply`."""
    now = now or timezone.now()
    cutoff = months_before(now, months)
    with transaction.atomic():
        counts = {holder.key: holder.purge(cutoff=cutoff, now=now, apply=apply) for holder in registered()}
    if apply:
        logger.info("personal_data.purged cutoff=%s counts=%s", cutoff.isoformat(), counts)
    return counts
