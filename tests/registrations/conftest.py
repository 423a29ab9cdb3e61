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


@pytest.fixture
def as_staff(client):
    """The test client logged in as `user`, with the admin in English."""

    def _login(user):
        client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return _login
