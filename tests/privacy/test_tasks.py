"""The nightly purge of personal data: it erases only when configured, and a second run finds nothing left."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from privacy.tasks import purge_personal_data
from registrations.models import Registration
from tests.factories import RegistrationCallFactory, RegistrationFactory

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")


@pytest.fixture
def ended_long_ago():
    """A registration of a call that closed in 2023, and one of a call still open."""
    old_call = RegistrationCallFactory(
        opens_at=datetime(2023, 1, 1, tzinfo=VILNIUS), closes_at=datetime(2023, 2, 1, tzinfo=VILNIUS)
    )
    return RegistrationFactory(call=old_call, contact_name="Old Contact"), RegistrationFactory()


def test_purge_erases_when_configured_and_a_second_run_erases_nothing(settings, ended_long_ago):
    settings.PERSONAL_DATA_PURGE = True
    settings.PERSONAL_DATA_RETENTION_MONTHS = 24
    old, current = ended_long_ago

    with time_machine.travel(datetime(2025, 6, 1, tzinfo=VILNIUS)):
        first = purge_personal_data.delay().get()
        second = purge_personal_data.delay().get()

    assert (first["applied"], first["registrations"]) == (True, 1)
    assert second["registrations"] == 0
    old.refresh_from_db()
    assert (old.contact_name, old.anonymised_at is not None) == ("", True)
    assert Registration.objects.get(pk=current.pk).contact_name == "Ona Onaitė"


def test_purge_only_counts_while_not_configured(settings, ended_long_ago):
    settings.PERSONAL_DATA_PURGE = False
    old, _current = ended_long_ago

    with time_machine.travel(datetime(2025, 6, 1, tzinfo=VILNIUS)):
        result = purge_personal_data.delay().get()

    assert (result["applied"], result["registrations"]) == (False, 1)
    assert Registration.objects.get(pk=old.pk).contact_name == "Old Contact"
