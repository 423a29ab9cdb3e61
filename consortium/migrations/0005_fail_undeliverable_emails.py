"""Messages waiting for an address the mail path cannot handle are failed, so they no longer come round again.

Before addresses were checked (consortium.email_address), a quoted address with a comma could be stored; the
outbox split it, could not send it and could not record that, and the sweeper stopped at it on every run.
"""

from email.utils import parseaddr

from django.db import migrations

QUEUED, REQUEUED, FAILED = 2, 3, 1  # post_office's STATUS values


def fail_undeliverable(apps, schema_editor):
    from consortium.email_address import is_deliverable

    Email = apps.get_model("post_office", "Email")
    Log = apps.get_model("post_office", "Log")
    for email_id, to in (
        Email.objects.filter(status__in=(QUEUED, REQUEUED)).values_list("pk", "to").iterator()
    ):
        # Stored comma-separated and read back split at the commas, as post_office does when sending.
        parts = to.split(",") if isinstance(to, str) else (to or [])
        recipients = [address.strip() for address in parts if address.strip()]
        if recipients and all(is_deliverable(parseaddr(address)[1]) for address in recipients):
            continue
        Email.objects.filter(pk=email_id).update(status=FAILED)
        Log.objects.create(
            email_id=email_id, status=FAILED, message="undeliverable recipient address", exception_type=""
        )


class Migration(migrations.Migration):
    dependencies = [
        ("consortium", "0004_task_heartbeat"),
        ("post_office", "0014_alter_email_recipient_delivery_status_and_more"),
    ]

    operations = [migrations.RunPython(fail_undeliverable, migrations.RunPython.noop)]
