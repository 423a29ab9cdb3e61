"""Move email attachments (calendar files) from MEDIA_ROOT on this machine's disk into the database.

Run where the old files are (the host or volume that held MEDIA_ROOT). A file that is missing there is reported
and skipped: its email could not have been sent from another machine anyway. Files already moved are left as they
are, so running it again changes nothing. The files on disk are not deleted; remove the old volume afterwards.
"""

import logging

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.db import migrations

logger = logging.getLogger(__name__)


def move_attachments(apps, schema_editor):
    Attachment = apps.get_model("post_office", "Attachment")
    StoredFile = apps.get_model("consortium", "StoredFile")
    disk = FileSystemStorage(location=settings.MEDIA_ROOT)
    names = set(Attachment.objects.exclude(file="").values_list("file", flat=True))
    moved, missing = 0, []
    for name in sorted(names - set(StoredFile.objects.filter(name__in=names).values_list("name", flat=True))):
        try:
            with disk.open(name, "rb") as file:
                content = file.read()
        except OSError:
            missing.append(name)
            continue
        StoredFile.objects.create(name=name, content=content, size=len(content))
        moved += 1
    if missing:
        logger.warning("storage.attachments_missing count=%s names=%s", len(missing), ",".join(missing))
    if moved or missing:
        logger.info("storage.attachments_moved count=%s from=%s", moved, settings.MEDIA_ROOT)


class Migration(migrations.Migration):
    dependencies = [
        ("consortium", "0002_stored_file"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [migrations.RunPython(move_attachments, migrations.RunPython.noop)]
