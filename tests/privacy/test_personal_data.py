import json
from datetime import datetime, timedelta
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from post_office.models import Attachment, Email
from post_office.utils import create_attachments

from consortium.models import StoredFile
from consortium.personal_data import email_hash, months_before
from events.models import Signup
from privacy.models import ErasureRecord
from privacy.services import data_for_email, erase_email
from registrations.models import Registration, Status
from registrations.services import change_status
from tests.events.helpers import join
from tests.factories import (
    MeetingFactory,
    RegistrationCallFactory,
    RegistrationFactory,
    StaffFactory,
    registration_form_data,
)

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")


@pytest.fixture
def person(register):
    """Ona registered her organisation, had it reviewed, and signed up for a meeting."""
    call = RegistrationCallFactory()
    register(registration_form_data(call, contact_email="Ona@Example.lt", contact_name="Ona Onaitė"))
    registration = Registration.objects.get()
    change_status(registration=registration, to=Status.UNDER_REVIEW, by=StaffFactory(is_superuser=True))
    join(MeetingFactory(), email="ona@example.lt", name="Ona Onaitė")
    RegistrationFactory(contact_email="someone.else@example.lt")
    return registration


def test_everything_held_about_an_address_is_in_the_export(person):
    data = data_for_email(email="ONA@example.lt")

    [registration] = data["registrations"]
    assert registration["reference"] == person.reference
    assert registration["contact"]["name"] == "Ona Onaitė"
    assert registration["organisation"]["registration_code"] == "188621919"
    assert [change["to"] for change in registration["status_history"]] == ["Under review"]
    assert [signup["name"] for signup in data["meeting_signups"]] == ["Ona Onaitė"]
    assert len(data["emails"]) == 2  # registration confirmation, meeting confirmation
    assert json.loads(json.dumps(data)) == data  # plain data, ready for a JSON file


def test_erasure_removes_the_persons_details_keeps_the_rows_and_is_recorded(person):
    staff = StaffFactory(is_superuser=True)
    other_email = Email.objects.create(from_email="a@example.lt", to=["nobody@example.lt"], subject="x")

    record = erase_email(email="ona@example.lt", by=staff)

    registration = Registration.objects.get(pk=person.pk)
    assert registration.contact_name == ""
    assert registration.statement == ""
    assert registration.contact_email == f"anonymised-{registration.pk}@erased.invalid"
    assert registration.anonymised_at is not None
    assert registration.status == Status.UNDER_REVIEW  # the statistics stay right
    assert registration.organisation.legal_name == "UAB Dirbtinis Intelektas"
    assert not Registration.history.filter(id=person.pk, contact_name="Ona Onaitė").exists()
    signup = Signup.objects.get()
    assert (signup.name, signup.anonymised_at is not None) == ("", True)
    assert list(Email.objects.all()) == [other_email]
    assert Registration.objects.filter(contact_email="someone.else@example.lt").exists()
    assert record.counts == {"registrations": 1, "meeting_signups": 1, "emails": 2}
    assert record.performed_by == staff
    assert record.email_hash == email_hash("Ona@Example.lt")
    assert data_for_email(email="ona@example.lt")["registrations"] == []


def test_erasure_deletes_the_files_attached_to_the_erased_emails(person):
    email = Email.objects.filter(to__icontains="ona@example.lt").first()
    email.attachments.add(
        *create_attachments(
            {"answers.pdf": {"file": ContentFile(b"%PDF-1.4"), "mimetype": "application/pdf"}}
        )
    )

    erase_email(email="ona@example.lt", by=StaffFactory(is_superuser=True))

    assert not StoredFile.objects.exists()
    assert not Attachment.objects.exists()


def test_calendar_files_are_built_when_sent_and_never_stored(person):
    assert not StoredFile.objects.exists()
    assert not Attachment.objects.exists()


def test_purge_is_a_dry_run_unless_told_to_apply(person):
    out = StringIO()
    call_command("purge_personal_data", "--months", "0", stdout=out)  # nothing has ended yet

    assert "Would erase" in out.getvalue()
    assert "Dry run: nothing was changed." in out.getvalue()
    assert Registration.objects.get(pk=person.pk).contact_name == "Ona Onaitė"
    assert "0 registrations, 0 meeting signups" in out.getvalue()


def test_purge_dry_run_counts_what_is_due_and_changes_nothing(person):
    out = StringIO()
    with time_machine.travel(timezone.now() + timedelta(days=800)):
        call_command("purge_personal_data", "--months", "1", stdout=out)

    assert "Would erase" in out.getvalue()
    assert "2 registrations, 1 meeting signup, 2 emails" in out.getvalue()  # Ona's and someone else's
    assert Registration.objects.get(pk=person.pk).contact_name == "Ona Onaitė"
    assert Email.objects.count() == 2


def test_purge_erases_only_what_ended_before_the_retention_period(person):
    old_call = RegistrationCallFactory(
        opens_at=datetime(2023, 1, 1, tzinfo=VILNIUS), closes_at=datetime(2023, 2, 1, tzinfo=VILNIUS)
    )
    old = RegistrationFactory(call=old_call, contact_name="Old Contact")
    out = StringIO()

    with time_machine.travel(datetime(2025, 6, 1, tzinfo=VILNIUS)):
        call_command("purge_personal_data", "--months", "24", "--apply", stdout=out)

    old.refresh_from_db()
    assert old.contact_name == ""
    assert old.anonymised_at is not None
    assert Registration.objects.get(pk=person.pk).contact_name == "Ona Onaitė"
    assert "Erased personal data ended before 2023-06-01 00:00 EEST" in out.getvalue()
    assert "1 registration," in out.getvalue()


@pytest.mark.parametrize(
    ("moment", "months", "expected"),
    [
        (datetime(2025, 3, 31, 12, tzinfo=VILNIUS), 1, datetime(2025, 2, 28, 12, tzinfo=VILNIUS)),
        (datetime(2025, 1, 15, tzinfo=VILNIUS), 24, datetime(2023, 1, 15, tzinfo=VILNIUS)),
        (datetime(2024, 3, 1, tzinfo=VILNIUS), 13, datetime(2023, 2, 1, tzinfo=VILNIUS)),
    ],
)
def test_months_before_counts_calendar_months(moment, months, expected):
    assert months_before(moment, months) == expected


def test_only_staff_with_the_permission_can_handle_requests(client, person):
    client.force_login(StaffFactory(groups=["Coordinator"]))

    assert client.get("/admin/privacy/erasurerecord/request/").status_code == 403
    assert (
        client.post(
            "/admin/privacy/erasurerecord/request/", {"email": "ona@example.lt", "erase": "1"}
        ).status_code
        == 403
    )
    assert Registration.objects.get(pk=person.pk).contact_name == "Ona Onaitė"


def test_superuser_downloads_json_and_erases_after_confirming(client, person):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    client.force_login(StaffFactory(is_superuser=True))
    url = "/admin/privacy/erasurerecord/request/"

    shown = client.post(url, {"email": "ona@example.lt", "find": "1"})
    download = client.post(url, {"email": "ona@example.lt", "download": "1"})
    unconfirmed = client.post(url, {"email": "ona@example.lt", "erase": "1"})
    assert Registration.objects.get(pk=person.pk).contact_name == "Ona Onaitė"
    erased = client.post(url, {"email": "ona@example.lt", "erase": "1", "confirm_erasure": "on"}, follow=True)

    assert "1 registration" in shown.content.decode()
    assert download["Content-Disposition"].startswith('attachment; filename="personal-data-')
    assert json.loads(download.content)["registrations"][0]["reference"] == person.reference
    assert "Confirm that the request has been checked." in unconfirmed.content.decode()
    assert "Erased: 1 registration, 1 meeting signup, 2 emails." in erased.content.decode()
    assert Registration.objects.get(pk=person.pk).contact_name == ""
    assert ErasureRecord.objects.count() == 1
