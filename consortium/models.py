import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortium.tokens import derive_token, hash_token


class StaffLanguage(models.Model):
    """The language a staff member chose in the staff pages' header; the portal's emails to them use it too."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("staff member"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="staff_language",
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    class Meta:
        verbose_name = _("staff member's language")
        verbose_name_plural = _("staff members' languages")

    def __str__(self):
        return self.language


class SecretLink(models.Model):
    """A private link emailed to someone (to correct a registration, to cancel a seat): only its hash is kept.

    Someone may hold several at once: asking again adds a link and never revokes one already sent, and later
    emails carry an existing link again (see `token`). Each app keeps its links in its own table.
    """

    purpose: str  # tells the links of different tables apart in the derivation of their secret

    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # Random per link; with the SECRET_KEY it gives the link's secret back. Empty for links that predate that.
    nonce = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(_("sent"), default=timezone.now, editable=False)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    @classmethod
    def issue(cls, **owner) -> tuple["SecretLink", str]:
        """A new link for `owner` (e.g. registration=…), saved, and the secret to put in the email."""
        nonce = secrets.token_hex(16)
        token = derive_token(cls.purpose, nonce)
        link = cls.objects.create(token_hash=hash_token(token), nonce=nonce, **owner)
        return link, token

    def token(self) -> str | None:
        """The secret this link was sent with, or None if it cannot be worked out again (an older link, or the
        SECRET_KEY has changed since)."""
        if not self.nonce:
            return None
        token = derive_token(self.purpose, self.nonce)
        return token if hash_token(token) == self.token_hash else None


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
