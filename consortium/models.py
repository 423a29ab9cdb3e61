from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ErasureRecord(models.Model):
    """That personal data was erased on request, by whom and how much; the address itself is not kept."""

    performed_at = models.DateTimeField(_("erased at"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("erased by"), on_delete=models.PROTECT, related_name="+"
    )
    # SHA-256 of the lower-cased address: lets staff answer "was this address erased?" without keeping it.
    email_hash = models.CharField(_("address (SHA-256)"), max_length=64, db_index=True)
    registrations = models.PositiveIntegerField(_("registrations"))
    signups = models.PositiveIntegerField(_("meeting signups"))
    emails = models.PositiveIntegerField(_("emails"))

    class Meta:
        verbose_name = _("erasure of personal data")
        verbose_name_plural = _("erasures of personal data")
        ordering = ["-performed_at"]
        permissions = [("handle_personal_data", _("Can export and erase the personal data of an address"))]

    def __str__(self):
        return f"{self.performed_at:%Y-%m-%d %H:%M} ({self.email_hash[:12]}…)"


class StoredFile(models.Model):
    """A file kept in the database (consortium.storage.DatabaseStorage): email attachments such as calendar files.

    Every web node and worker reads the same row, and a rolled-back transaction takes its files with it. Not in
    the admin: staff see attachments through the emails that carry them.
    """

    name = models.CharField(max_length=255, unique=True)
    content = models.BinaryField()
    size = models.PositiveBigIntegerField()
    created = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.name


class TaskHeartbeat(models.Model):
    """When each periodic task last finished without error, in the database so that every node sees it.

    It shows whether beat and the mail sweeper are alive (the health report and the metrics read it).
    """

    task = models.CharField(max_length=200, unique=True)
    last_success_at = models.DateTimeField()

    def __str__(self):
        return self.task
