"""A registration's page never saves over a change made after it was opened."""

import pytest

from registrations.models import Note, Status
from registrations.services import assign_registration, update_registration
from tests.factories import RegistrationFactory, StaffFactory
from tests.registrations.helpers import unchanged_form_data

pytestmark = pytest.mark.django_db

LIST = "/admin/registrations/registration/"


def _applicant_corrects(registration, **answers):
    """The applicant saves corrections through their private link, as the public form would."""
    organisation = {"legal_name": registration.legal_name, "vat_code": registration.vat_code}
    fields = [
        "organisation_type",
        "size",
        "website",
        "address",
        "description",
        "contact_name",
        "contact_job_title",
        "contact_email",
        "contact_phone",
        "statement",
        "compute_needs",
        "investment_range",
        "share_contact_consent",
    ]
    data = {name: getattr(registration, name) for name in fields}
    data["participation"] = list(registration.participation.all())
    update_registration(registration=registration, organisation=organisation, answers={**data, **answers})


def test_an_admin_edit_does_not_overwrite_the_applicants_later_correction(as_staff, superuser):
    registration = RegistrationFactory(status=Status.SUBMITTED, statement="First statement.")
    client = as_staff(superuser)
    data = unchanged_form_data(client.get(f"{LIST}{registration.pk}/change/"))
    _applicant_corrects(registration, statement="The applicant's corrected statement.")
    data["contact_job_title"] = "Changed by staff"
    data["note-text"] = "Typed while the applicant was correcting."

    response = client.post(f"{LIST}{registration.pk}/change/", data)

    assert response.status_code == 200
    content = response.content.decode()
    assert (
        "This registration was changed by the applicant or the portal after you opened this page." in content
    )
    registration.refresh_from_db()
    assert registration.statement == "The applicant's corrected statement."
    assert registration.contact_job_title != "Changed by staff"
    assert not Note.objects.exists()
    assert "Typed while the applicant was correcting." in content  # still on the page, not lost


def test_an_admin_edit_names_the_staff_member_whose_change_came_first(as_staff, superuser):
    registration = RegistrationFactory()
    colleague = StaffFactory(first_name="Rūta", last_name="Rutkauskienė", is_superuser=True)
    client = as_staff(superuser)
    data = unchanged_form_data(client.get(f"{LIST}{registration.pk}/change/"))
    assign_registration(registration=registration, assignee=colleague, by=colleague)

    response = client.post(f"{LIST}{registration.pk}/change/", {**data, "contact_name": "Someone Else"})

    assert "changed by Rūta Rutkauskienė after you opened this page" in response.content.decode()
    registration.refresh_from_db()
    assert registration.contact_name != "Someone Else"


def test_an_admin_edit_of_an_unchanged_registration_is_saved(as_staff, superuser):
    registration = RegistrationFactory()
    client = as_staff(superuser)
    data = unchanged_form_data(client.get(f"{LIST}{registration.pk}/change/"))

    response = client.post(f"{LIST}{registration.pk}/change/", {**data, "contact_name": "Jonas Jonaitis"})

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.contact_name == "Jonas Jonaitis"


def test_an_admin_edit_posted_without_the_pages_version_is_refused(as_staff, superuser):
    registration = RegistrationFactory()
    client = as_staff(superuser)
    data = unchanged_form_data(client.get(f"{LIST}{registration.pk}/change/"))
    del data["loaded_version"]

    response = client.post(f"{LIST}{registration.pk}/change/", {**data, "contact_name": "Jonas Jonaitis"})

    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.contact_name != "Jonas Jonaitis"
