"""The review desk keeps working on registrations whose personal data were erased: moves, assignment, export."""

import csv
import io
from datetime import timedelta

import pytest
from django.core import mail

from privacy.services import erase_email
from registrations.admin.forms import vilnius_today
from registrations.models import Status, StatusChange
from tests.factories import RegistrationFactory
from tests.registrations.helpers import unchanged_form_data

pytestmark = pytest.mark.django_db

LIST = "/admin/registrations/registration/"


@pytest.fixture
def erased(superuser):
    registration = RegistrationFactory(
        status=Status.UNDER_REVIEW, contact_email="ona@example.lt", contact_name="Ona Onaitė"
    )
    erase_email(email="ona@example.lt", by=superuser)
    registration.refresh_from_db()
    assert registration.contact_name == ""
    return registration


def test_an_erased_registration_moves_from_its_page_without_an_email(
    as_staff, reviewer, erased, django_capture_on_commit_callbacks
):
    client = as_staff(reviewer)
    assert client.get(f"{LIST}{erased.pk}/status/accepted/").status_code == 200

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{LIST}{erased.pk}/status/accepted/",
            {"send_email": "on", "subject_en": "Welcome", "message_en": "You are in."},
        )

    assert response.status_code == 302
    erased.refresh_from_db()
    assert erased.status == Status.ACCEPTED
    assert StatusChange.objects.get(registration=erased).changed_by == reviewer
    assert mail.outbox == []


def test_an_erased_registration_moves_in_bulk_with_the_others(
    as_staff, reviewer, erased, django_capture_on_commit_callbacks
):
    other = RegistrationFactory(status=Status.UNDER_REVIEW, language="en")
    day = vilnius_today() + timedelta(days=5)

    with django_capture_on_commit_callbacks(execute=True):
        response = as_staff(reviewer).post(
            LIST,
            {
                "action": "move_to_needs_information",
                "_selected_action": [erased.pk, other.pk],
                "confirm": "yes",
                "reopened_until": day.isoformat(),
                "send_email": "on",
                "question": "Please send your annual report.",
                "subject_en": "More information",
                "message_en": "Dear applicant,\n\n{question}",
            },
        )

    assert response.status_code == 302
    erased.refresh_from_db()
    other.refresh_from_db()
    assert (erased.status, other.status) == (Status.NEEDS_INFORMATION, Status.NEEDS_INFORMATION)
    assert [message.to for message in mail.outbox] == [[other.contact_email]]


def test_an_erased_registration_can_be_assigned(as_staff, reviewer, erased):
    response = as_staff(reviewer).post(f"{LIST}{erased.pk}/assign/", {"assignee": reviewer.pk})

    assert response.status_code == 302
    erased.refresh_from_db()
    assert erased.assignee == reviewer


def test_an_erased_registration_is_exported_with_blank_personal_data(as_staff, coordinator, erased):
    response = as_staff(coordinator).get(f"{LIST}export/csv/")

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    [row] = list(csv.DictReader(io.StringIO(text)))
    assert row["Reference"] == erased.reference
    assert row["Contact person"] == ""
    assert row["Email address"] == f"anonymised-{erased.pk}@erased.invalid"


def test_an_erased_registrations_page_shows_the_erasure_and_saves_without_the_erased_details(
    as_staff, superuser, erased
):
    client = as_staff(superuser)
    page = client.get(f"{LIST}{erased.pk}/change/")
    content = page.content.decode()
    assert "Personal data erased" in content
    other = client.get(f"{LIST}{RegistrationFactory().pk}/change/").content.decode()
    assert "Personal data erased" not in other
    assert 'name="contact_name"' not in content
    data = unchanged_form_data(page)
    data["legal_name"] = "UAB Erased But Renamed"

    response = client.post(f"{LIST}{erased.pk}/change/", data)

    assert response.status_code == 302
    erased.refresh_from_db()
    assert erased.legal_name == "UAB Erased But Renamed"
    assert erased.contact_name == ""
