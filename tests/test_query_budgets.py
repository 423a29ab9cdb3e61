"""How many queries the busiest requests may make. A change that adds one must raise its budget here, on purpose.

Counted as the test client makes them (no CSRF check), against the test database; the deadline rush multiplies
each one by thousands.
"""

import pytest
from django.core import mail

from registrations.models import EditLink
from tests.factories import (
    MeetingFactory,
    RegistrationCallFactory,
    RegistrationFactory,
    StaffFactory,
    registration_form_data,
    signup_form_data,
)

pytestmark = pytest.mark.django_db

REGISTRATION_FORM_POST = 6  # session, call, ways of taking part, session written
CONFIRM_AND_SEND = 19  # session, call, ways of taking part; then the registration, its history and its email
SIGNUP_POST = 9  # meeting; under its lock: the address's signup, the seats, the signup, its link and email
EDIT_PAGE = 5
ADMIN_LIST = 14  # whatever the number of rows on the page


@pytest.fixture
def call():
    return RegistrationCallFactory()


def test_registering_stays_within_its_budget(client, call, django_assert_max_num_queries):
    data = registration_form_data(call)

    with django_assert_max_num_queries(REGISTRATION_FORM_POST):
        check = client.post("/en/register/", data)
    with django_assert_max_num_queries(CONFIRM_AND_SEND):
        done = client.post(check["Location"], {"submission_key": data["submission_key"]})

    assert "/done/" in done["Location"]


def test_signing_up_stays_within_its_budget(client, django_assert_max_num_queries):
    MeetingFactory(slug="briefing")

    with django_assert_max_num_queries(SIGNUP_POST):
        response = client.post("/en/events/briefing/", signup_form_data())

    assert response.status_code == 302


def test_the_edit_page_stays_within_its_budget(client, call, django_assert_max_num_queries):
    registration = RegistrationFactory(call=call)
    _link, token = EditLink.issue(registration=registration)

    with django_assert_max_num_queries(EDIT_PAGE):
        response = client.get(f"/en/register/edit/{token}/")

    assert response.status_code == 200


@pytest.mark.parametrize("rows", [1, 50])
def test_the_admin_list_stays_within_its_budget_however_many_rows(
    client, call, rows, django_assert_max_num_queries
):
    RegistrationFactory.create_batch(rows, call=call)
    client.force_login(StaffFactory(groups=["Coordinator"]))

    with django_assert_max_num_queries(ADMIN_LIST):
        response = client.get("/admin/registrations/registration/")

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == rows
    mail.outbox.clear()
