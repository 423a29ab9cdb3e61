"""What applicants do: register, correct and withdraw a registration."""

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from consortium.db import validated_save
from registrations.models import EditLink, Organisation, Registration, RegistrationCall, Status
from registrations.services.base import lock, queue_registration_email, save_registration
from registrations.services.review import notify_staff_of_answer, record_move
from registrations.validators import normalise_registration_code

logger = logging.getLogger(__name__)

# Someone trying to register an organisation again makes its contact hear about it at most this often.
DUPLICATE_NOTICE_EVERY = timedelta(days=1)


class RegistrationClosed(Exception):
    """The call does not accept registrations (or changes) at this moment; nothing was saved."""

    def __init__(self, call: RegistrationCall, at: datetime):
        self.call = call
        self.at = at
        super().__init__(call_window_message(call, at))


class CountryNotAccepted(Exception):
    """The call does not accept organisations registered in this country; nothing was saved."""

    def __init__(self, call: RegistrationCall):
        self.call = call
        super().__init__(
            _("This call accepts organisations registered in these countries: %(countries)s.")
            % {"countries": call.country_names()}
        )


class RegistrationLocked(Exception):
    """The registration can no longer be changed by the applicant; nothing was saved."""


@dataclass(frozen=True)
class Submission:
    outcome: Literal["created", "resubmitted", "duplicate"]
    # The registration made by this submission (or by an earlier post of the same form); never the other
    # organisation's registration when the outcome is "duplicate".
    registration: Registration | None


def call_window_message(call: RegistrationCall, at: datetime) -> str:
    """Why the call does not accept registrations at `at`, in the Vilnius time of the call."""
    with timezone.override(settings.TIME_ZONE):
        if at < call.opens_at:
            when = date_format(timezone.localtime(call.opens_at), "DATETIME_FORMAT")
            return _("Registration opens on %(when)s (Vilnius time).") % {"when": when}
        when = date_format(timezone.localtime(call.last_moment), "DATETIME_FORMAT")
        return _("Registration closed on %(when)s (Vilnius time).") % {"when": when}


def submit_registration(
    *,
    call: RegistrationCall,
    organisation: dict,
    answers: dict,
    language: str,
    submission_key: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Submission:
    """Register an organisation for `call`, if the call is open at `now`, and queue the confirmation.

    `organisation` holds Organisation fields and `answers` the Registration's own (contact, participation,
    statement …), both already validated by RegistrationForm. A second post of the same form (same
    `submission_key`) returns the first registration; a second organisation-level attempt emails the edit link
    to the contact on file and reveals nothing.
    """
    now = now or timezone.now()
    # The same organisation is the same whatever spaces or dashes its code was typed with.
    organisation = {
        **organisation,
        "registration_code": normalise_registration_code(
            str(organisation["country"]), organisation["registration_code"]
        ),
    }
    try:
        return _submit(call, organisation, answers, language, submission_key, now)
    except IntegrityError:
        # A concurrent submission for the same organisation or of the same form committed first; answer as we
        # would have had it committed before we started.
        logger.info("registration.submit_race call=%s", call.pk)
        return _submit(call, organisation, answers, language, submission_key, now)


@transaction.atomic
def _submit(call, organisation_data, answers, language, submission_key, now) -> Submission:
    # Submissions run side by side until they take their reference number: that UPDATE locks the call's row
    # until commit, so the lock is held only while the registration itself is written. Two submissions for the
    # same organisation or of the same form meet the database's unique constraints instead, and the loser is
    # answered again by submit_registration as if the winner had committed first.
    if submission_key and (earlier := Registration.objects.filter(submission_key=submission_key).first()):
        return Submission("resubmitted", earlier)
    if not call.is_open(now):
        raise RegistrationClosed(call, now)
    if not call.accepts_country(organisation_data["country"]):
        raise CountryNotAccepted(call)

    identity = {name: organisation_data[name] for name in Organisation.IDENTITY_FIELDS}
    organisation = Organisation.objects.filter(**identity).first()
    live = Registration.objects.filter(call=call, organisation=organisation).exclude(status=Status.WITHDRAWN)
    if organisation and (existing := live.select_related("call", "organisation").first()):
        if submission_key and existing.submission_key == submission_key:
            return Submission("resubmitted", existing)  # the same form, committed since we looked above
        _tell_contact_on_file(existing, now)
        return Submission("duplicate", None)
    if organisation is None:
        # The shared record starts with the name first given; only staff change it afterwards.
        organisation = Organisation(**identity, legal_name=organisation_data["legal_name"])
        validated_save(organisation)

    registration = Registration(
        call=call,
        organisation=organisation,
        reference=_next_reference(call),
        language=language,
        privacy_notice_version=settings.PRIVACY_NOTICE_VERSION,
        privacy_consented_at=now,
        submission_key=submission_key,
        submitted_at=now,
        **_without_identity(organisation_data),
        **{name: value for name, value in answers.items() if name != "participation"},
    )
    save_registration(registration, answers["participation"], created=True)
    EditLink.issue(registration=registration)
    queue_registration_email(registration, "confirmation", link=True)
    logger.info("registration.submitted id=%s call=%s", registration.pk, call.pk)
    return Submission("created", registration)


def _next_reference(call: RegistrationCall) -> str:
    """BAIGF-2025-0042: the call's prefix, the year it opened and a number counting its registrations."""
    # One statement takes the number and locks the call's row until commit (RETURNING: PostgreSQL, SQLite 3.35+).
    table = RegistrationCall._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET last_reference_number = last_reference_number + 1 "  # noqa: S608 (the model's own table)
            "WHERE id = %s RETURNING last_reference_number",
            [call.pk],
        )
        [number] = cursor.fetchone()
    year = call.opens_at.astimezone(ZoneInfo(settings.TIME_ZONE)).year
    return f"{call.reference_prefix}-{year}-{number:04d}"


def _tell_contact_on_file(registration: Registration, now: datetime) -> None:
    """Email the contact on file a new link to their registration, at most once a day; links sent earlier
    keep working. The visitor is answered the same either way."""
    with transaction.atomic():
        # One conditional UPDATE: of simultaneous attempts, one wins the right to tell the contact.
        due = Q(duplicate_notice_at__isnull=True) | Q(duplicate_notice_at__lte=now - DUPLICATE_NOTICE_EVERY)
        if not Registration.objects.filter(due, pk=registration.pk).update(duplicate_notice_at=now):
            logger.info("registration.duplicate_attempt id=%s notice=skipped", registration.pk)
            return
        EditLink.issue(registration=registration)  # asking again adds a link; the email carries the newest
        queue_registration_email(registration, "already_registered", link=True)
    logger.info("registration.duplicate_attempt id=%s notice=sent", registration.pk)


@transaction.atomic
def update_registration(
    *, registration: Registration, organisation: dict, answers: dict, now: datetime | None = None
) -> Registration:
    """Save the applicant's corrections while the registration may still be changed, and confirm them.

    Corrections to a registration waiting for more information put it back under review.
    """
    now = now or timezone.now()
    registration = lock(registration)
    if not registration.can_be_changed(now):
        raise RegistrationLocked
    # Only this registration's own copy of the organisation's details changes, never the shared record.
    participation = answers["participation"]
    for name, value in {**_without_identity(organisation), **answers}.items():
        if name != "participation":
            setattr(registration, name, value)
    answered = registration.status == Status.NEEDS_INFORMATION
    if answered:
        registration.status = Status.UNDER_REVIEW
        registration.answered_at = now
    save_registration(registration, participation, created=False)
    if answered:
        record_move(registration, from_status=Status.NEEDS_INFORMATION, by=None, at=now)
        notify_staff_of_answer(registration=registration)
    queue_registration_email(registration, "changed")
    logger.info("registration.changed id=%s", registration.pk)
    return registration


@transaction.atomic
def withdraw_registration(*, registration: Registration, now: datetime | None = None) -> Registration:
    """The applicant withdraws; the organisation may register again while the call is open."""
    now = now or timezone.now()
    registration = lock(registration)
    if not registration.can_be_changed(now):
        raise RegistrationLocked
    from_status = registration.status
    registration.status = Status.WITHDRAWN
    registration.withdrawn_at = now
    registration.save(update_fields=["status", "withdrawn_at", "updated_at"])
    record_move(registration, from_status=from_status, by=None, at=now)
    queue_registration_email(registration, "withdrawn")
    logger.info("registration.withdrawn id=%s", registration.pk)
    return registration


def _without_identity(data: dict) -> dict:
    return {name: value for name, value in data.items() if name not in Organisation.IDENTITY_FIELDS}
