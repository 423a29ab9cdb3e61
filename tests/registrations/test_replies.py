"""The applicant answers a request for more information: a message and files, kept in PostgreSQL, seen by staff."""

import base64
import re
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from consortium.models import StoredFile
from privacy.services import data_for_email, erase_email
from registrations.models import Registration, Reply, ReplyFile, Status, StatusChange
from registrations.permissions import COORDINATOR, REVIEWER
from registrations.services import RegistrationLocked, change_status, update_registration
from registrations.services.replies import send_reply
from tests.documents import docx, pdf, png, upload
from tests.factories import RegistrationFactory, StaffFactory, registration_form_data

pytestmark = pytest.mark.django_db

QUESTION = "Please send the company register extract and say how many GPUs you operate."


@pytest.fixture
def coordinator():
    return StaffFactory(groups=[COORDINATOR], email="coordinator@eimin.example")


@pytest.fixture
def asked(coordinator, django_capture_on_commit_callbacks):
    """A registration whose reviewer asked for more information, by email with its private link."""
    registration = RegistrationFactory(contact_email="ona@example.lt")
    with django_capture_on_commit_callbacks(execute=True):
        change_status(registration=registration, to=Status.UNDER_REVIEW, by=coordinator)
        change_status(
            registration=registration,
            to=Status.NEEDS_INFORMATION,
            by=coordinator,
            subject="More information, please",
            message=QUESTION,
            reopened_until=timezone.now() + timedelta(days=7),
        )
    registration.refresh_from_db()
    return registration


def reply_path(asked) -> str:
    [email] = [m for m in mail.outbox if m.to == ["ona@example.lt"]]
    return re.search(r"http://[^/]+(/\w\w/register/edit/\S+/reply/)", email.body).group(1)


def test_reply_with_files_is_kept_in_the_database_and_puts_the_registration_back_under_review(
    asked, coordinator, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        reply = send_reply(
            registration=asked,
            text="Attached: the extract and our GPU inventory.",
            files=[upload("extract.pdf", pdf()), upload("inventory.docx", docx()), upload("rack.png", png())],
        )

    asked.refresh_from_db()
    assert asked.status == Status.UNDER_REVIEW
    assert asked.answered_at == reply.sent_at
    move = StatusChange.objects.filter(registration=asked).latest("pk")
    assert (move.from_status, move.to_status, move.changed_by) == (
        Status.NEEDS_INFORMATION,
        Status.UNDER_REVIEW,
        None,
    )
    files = list(reply.files.all())
    assert [(f.name, f.content_type) for f in files] == [
        ("extract.pdf", "application/pdf"),
        ("inventory.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("rack.png", "image/png"),
    ]
    stored = StoredFile.objects.get(name=files[0].file.name)
    assert bytes(stored.content) == pdf()
    assert files[0].file.name.startswith("replies/")
    assert "extract" not in files[0].file.name
    applicant, staff = sorted(mail.outbox, key=lambda m: m.to != ["ona@example.lt"])
    assert applicant.subject == f"We have received your reply ({asked.reference})"
    assert "extract.pdf" in applicant.body
    assert staff.to == ["coordinator@eimin.example"]
    assert asked.reference in staff.subject
    assert f"/admin/registrations/registration/{asked.pk}/change/" in staff.body


def test_staff_are_told_through_the_assignee_when_there_is_one(
    asked, coordinator, django_capture_on_commit_callbacks
):
    asked.assignee = StaffFactory(groups=[REVIEWER], email="reviewer@eimin.example")
    asked.save()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        send_reply(registration=asked, text="Here it is.")

    assert sorted(m.to[0] for m in mail.outbox) == ["ona@example.lt", "reviewer@eimin.example"]


def test_a_file_whose_content_is_not_an_allowed_type_is_refused_and_nothing_is_saved(asked, english):
    disguised = upload("extract.pdf", b"<html><script>alert(1)</script></html>")

    with pytest.raises(ValidationError) as refused:
        send_reply(registration=asked, text="See the file.", files=[upload("ok.pdf", pdf()), disguised])

    assert refused.value.messages == [
        "extract.pdf is not a PDF, DOCX, XLSX, ODT, PNG or JPEG file. Save it as one of these and attach it again."
    ]
    asked.refresh_from_db()
    assert asked.status == Status.NEEDS_INFORMATION
    assert not Reply.objects.exists()
    assert not StoredFile.objects.exists()


def test_too_many_or_too_large_files_are_refused(asked, settings, english):
    settings.UPLOAD_MAX_FILE_SIZE = 1000

    with pytest.raises(ValidationError) as refused:
        send_reply(
            registration=asked,
            text="",
            files=[upload(f"page{n}.pdf", pdf()) for n in range(5)]
            + [upload("big.pdf", pdf() + b" " * 1000)],
        )

    assert refused.value.messages == [
        "Attach at most 5 files.",
        "big.pdf is larger than 1000\xa0bytes. Attach a smaller file, or split it.",
    ]
    assert not Reply.objects.exists()


def test_no_reply_once_the_registration_no_longer_waits_for_information(asked):
    send_reply(registration=asked, text="First answer.")

    with pytest.raises(RegistrationLocked):
        send_reply(registration=asked, text="Second answer.")

    assert Reply.objects.count() == 1


def test_corrections_saved_while_information_is_needed_count_as_an_answer(
    asked, coordinator, django_capture_on_commit_callbacks
):
    data = registration_form_data()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        update_registration(
            registration=asked,
            organisation={
                name: data[name]
                for name in (
                    "legal_name",
                    "vat_code",
                    "organisation_type",
                    "size",
                    "website",
                    "address",
                    "description",
                )
            },
            answers={
                "contact_name": "Ona Onaitė",
                "contact_job_title": "Director",
                "contact_email": "ona@example.lt",
                "contact_phone": "+37060000000",
                "participation": list(asked.participation.all()),
                "statement": "Corrected.",
                "compute_needs": "",
                "investment_range": "",
                "share_contact_consent": False,
            },
        )

    asked.refresh_from_db()
    assert asked.status == Status.UNDER_REVIEW
    assert asked.answered_at is not None
    assert "coordinator@eimin.example" in [m.to[0] for m in mail.outbox]


def test_reply_page_shows_the_question_and_sends_files_that_reach_staff(client, asked, coordinator):
    path = reply_path(asked)

    page = client.get(path).content.decode()
    response = client.post(
        path,
        {"text": "Our answer.", "files": [upload("extract.pdf", pdf()), upload("rack.png", png())]},
        follow=True,
    )

    assert QUESTION in page
    assert 'enctype="multipart/form-data"' in page
    assert 'accept=".pdf,.docx,.xlsx,.odt,.png,.jpg,.jpeg"' in page
    assert "Your reply has been sent." in response.content.decode()
    assert "extract.pdf" in response.content.decode()
    assert Registration.objects.get().status == Status.UNDER_REVIEW
    staff = Client(HTTP_ACCEPT_LANGUAGE="en")
    staff.force_login(coordinator)
    admin_page = staff.get(f"/admin/registrations/registration/{asked.pk}/change/").content.decode()
    assert "Replies of the applicant" in admin_page
    assert "Our answer." in admin_page
    attached = ReplyFile.objects.get(name="extract.pdf")
    assert f'href="/admin/registrations/reply-file/{attached.pk}/" download>extract.pdf</a>' in admin_page
    download = staff.get(f"/admin/registrations/reply-file/{attached.pk}/")
    assert b"".join(download.streaming_content) == pdf()
    assert download["Content-Disposition"] == 'attachment; filename="extract.pdf"'
    assert download["Content-Type"] == "application/pdf"


def test_reply_files_are_for_staff_who_may_see_registrations_only(client, asked):
    send_reply(registration=asked, text="", files=[upload("extract.pdf", pdf())])
    attached = ReplyFile.objects.get()
    path = f"/admin/registrations/reply-file/{attached.pk}/"
    staff_without_permission = Client()
    staff_without_permission.force_login(StaffFactory())

    assert client.get(path).status_code == 302  # to the staff login
    assert staff_without_permission.get(path).status_code == 403


def test_reply_page_refuses_a_disguised_file_with_a_clear_message(client, asked):
    path = reply_path(asked)

    response = client.post(path, {"text": "", "files": [upload("cv.docx", b"MZ\x90\x00 not a document")]})

    content = response.content.decode()
    assert "There is a problem" in content
    assert "cv.docx is not a PDF, DOCX, XLSX, ODT, PNG or JPEG file." in content
    assert not Reply.objects.exists()


def test_an_empty_reply_asks_for_an_answer(client, asked):
    response = client.post(reply_path(asked), {"text": "  "})

    assert "Write your answer, attach a file, or both." in response.content.decode()
    assert not Reply.objects.exists()


def test_edit_page_and_email_lead_to_the_reply_page(client, asked):
    path = reply_path(asked)

    edit_page = client.get(path.removesuffix("reply/")).content.decode()

    assert "The Ministry has asked for more information" in edit_page
    assert QUESTION in edit_page
    assert f'href="{path}"' in edit_page


def test_without_a_request_the_reply_page_has_no_form(client, asked):
    path = reply_path(asked)
    send_reply(registration=asked, text="Done.")

    content = client.get(path).content.decode()

    assert "The Ministry is not waiting for an answer from you at the moment." in content
    assert 'type="file"' not in content
    assert "Done." in content


def test_replies_are_in_the_personal_data_export_and_erased_with_it(asked):
    send_reply(registration=asked, text="Our answer.", files=[upload("extract.pdf", pdf())])

    [exported] = data_for_email(email="ona@example.lt")["registrations"]
    erase_email(email="ona@example.lt", by=StaffFactory(is_superuser=True))

    [reply] = exported["replies"]
    assert reply["text"] == "Our answer."
    assert reply["files"][0]["name"] == "extract.pdf"
    assert base64.b64decode(reply["files"][0]["content_base64"]) == pdf()
    assert not Reply.objects.exists()
    assert not ReplyFile.objects.exists()
    assert not StoredFile.objects.filter(name__startswith="replies/").exists()
