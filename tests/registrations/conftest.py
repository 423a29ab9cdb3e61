import pytest

from registrations.permissions import COORDINATOR, REVIEWER
from tests.factories import StaffFactory


@pytest.fixture
def reviewer():
    return StaffFactory(groups=[REVIEWER])


@pytest.fixture
def coordinator():
    return StaffFactory(groups=[COORDINATOR])


@pytest.fixture
def superuser():
    return StaffFactory(is_superuser=True)
