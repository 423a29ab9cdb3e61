"""Files live in the database (email attachments, the files applicants attach): any node writes them, any
worker reads them."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from post_office.models import Attachment, Email
from post_office.utils import create_attachments

from consortium.models import StoredFile

pytestmark = pytest.mark.django_db

CALENDAR = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n"
move_attachments = importlib.import_module(
    "consortium.migrations.0003_move_attachments_into_database"
).move_attachments


def queue_with_calendar():
    """An email with a stored attachment, as post_office stores them (older outbox rows carry calendar files)."""
    email = Email.objects.create(from_email="portal@example.lt", to=["person@example.lt"], subject="Meeting")
    email.attachments.add(
        *create_attachments({"meeting.ics": {"file": ContentFile(CALENDAR), "mimetype": "text/calendar"}})
    )
    return email


def test_attachment_is_stored_in_the_database_not_in_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path

    email = queue_with_calendar()

    [attachment] = email.attachments.all()
    assert bytes(StoredFile.objects.get(name=attachment.file.name).content) == CALENDAR
    assert list(tmp_path.iterdir()) == []
    [(name, content, mimetype)] = email.email_message().attachments
    assert (name, content, mimetype) == ("meeting.ics", CALENDAR.decode(), "text/calendar")


def failing_signup():
    with transaction.atomic():
        queue_with_calendar()
        raise RuntimeError("the signup failed after its email was queued")


def test_rolled_back_transaction_leaves_no_attachment_behind():
    with pytest.raises(RuntimeError):
        failing_signup()

    assert not StoredFile.objects.exists()
    assert not Attachment.objects.exists()


def test_deleting_an_attachment_file_deletes_its_stored_content():
    [attachment] = queue_with_calendar().attachments.all()
    name = attachment.file.name

    attachment.file.delete(save=False)

    assert not StoredFile.objects.exists()
    assert not default_storage.exists(name)


def test_storage_answers_like_a_file_system():
    name = default_storage.save("reports/2025/summary.txt", ContentFile(b"12345"))
    other = default_storage.save("reports/2025/summary.txt", ContentFile(b"678"))

    assert other != name  # a taken name gets a new one, as on a disk
    assert default_storage.size(name) == 5
    assert default_storage.open(name).read() == b"12345"
    assert default_storage.listdir("reports") == (["2025"], [])
    assert default_storage.listdir("reports/2025")[1] == sorted(
        path.rsplit("/", 1)[1] for path in (name, other)
    )
    with pytest.raises(FileNotFoundError):
        default_storage.open("reports/missing.txt")


def test_attachment_migration_moves_files_from_media_root_and_skips_missing_ones(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "post_office_attachments").mkdir()
    (tmp_path / "post_office_attachments" / "kept.ics").write_bytes(CALENDAR)
    Attachment.objects.create(name="kept.ics", file="post_office_attachments/kept.ics")
    Attachment.objects.create(name="lost.ics", file="post_office_attachments/lost.ics")

    move_attachments(global_apps, None)
    move_attachments(global_apps, None)  # a second run changes nothing

    [stored] = StoredFile.objects.all()
    assert (stored.name, bytes(stored.content), stored.size) == (
        "post_office_attachments/kept.ics",
        CALENDAR,
        len(CALENDAR),
    )
    assert Attachment.objects.get(name="kept.ics").file.read() == CALENDAR
