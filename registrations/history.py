"""A registration and its ways of taking part enter its history as one entry per change.

django-simple-history would write one entry when the registration is saved and another when its ways of taking
part are: saves made while the entry is held write none, and the one entry is written, as the registration then
stands, when it is entered. The services (one block) and the admin (save_model, then save_related) both do this.

The entry is the row simple-history itself would write (its fields, user and time), written directly: its own
path reads the registration's excluded fields back and its ways of taking part with two joins on every save,
which the deadline rush pays for.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager

from django.utils import timezone

from registrations.models import REGISTRATION_HISTORY, Registration

PARTICIPATION = Registration._meta.get_field("participation")


def hold(registration: Registration) -> None:
    registration.skip_history_when_saving = True


def enter(
    registration: Registration, *, created: bool, participation: Iterable[tuple[int, int]] | None = None
) -> None:
    """Write the held entry ("created" or "changed") as `registration` stands now, ways of taking part included.

    `participation`: its (link row, way of taking part) pairs, if the caller has just written them.
    """
    registration.__dict__.pop("skip_history_when_saving", None)
    history_model = Registration.history.model
    entry = history_model(
        history_date=getattr(registration, "_history_date", timezone.now()),
        history_type="+" if created else "~",
        history_user=REGISTRATION_HISTORY.get_history_user(registration),
        **{
            field.attname: getattr(registration, field.attname)
            for field in REGISTRATION_HISTORY.fields_included(registration)
        },
    )
    entry.save()
    if participation is None:
        participation = Registration.participation.through.objects.filter(
            registration_id=registration.pk
        ).values_list("pk", "participationkind_id")
    m2m_model = REGISTRATION_HISTORY.m2m_models[PARTICIPATION]
    m2m_model.objects.bulk_create(
        m2m_model(history=entry, id=link, registration_id=registration.pk, participationkind_id=kind)
        for link, kind in participation
    )


@contextmanager
def one_entry(registration: Registration, *, created: bool) -> Iterator[dict]:
    """Saves inside the block make one history entry, written when it ends; the block may put the ways of taking
    part it wrote under "participation" of what it is given (see `enter`)."""
    hold(registration)
    written: dict = {}
    try:
        yield written
    except BaseException:
        registration.__dict__.pop("skip_history_when_saving", None)
        raise
    enter(registration, created=created, participation=written.get("participation"))
