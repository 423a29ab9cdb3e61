"""A registration and its ways of taking part enter its history as one entry per change.

django-simple-history would write one entry when the registration is saved and another when its ways of taking
part are: saves made while the entry is held write none, and the one entry is written, as the registration then
stands, when it is entered. The services (one block) and the admin (save_model, then save_related) both do this.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from registrations.models import REGISTRATION_HISTORY, Registration


def hold(registration: Registration) -> None:
    registration.skip_history_when_saving = True


def enter(registration: Registration, *, created: bool) -> None:
    """Write the held entry ("created" or "changed") as `registration` stands now, ways of taking part included."""
    registration.__dict__.pop("skip_history_when_saving", None)
    REGISTRATION_HISTORY.create_historical_record(registration, "+" if created else "~")


@contextmanager
def one_entry(registration: Registration, *, created: bool) -> Iterator[None]:
    hold(registration)
    try:
        yield
    except BaseException:
        registration.__dict__.pop("skip_history_when_saving", None)
        raise
    enter(registration, created=created)
