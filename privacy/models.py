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
    # How many items of each kind of personal data were erased, by its key ("registrations": 1, …).
    counts = models.JSONField(_("erased"), default=dict)

    class Meta:
        verbose_name = _("erasure of personal data")
        verbose_name_plural = _("erasures of personal data")
        ordering = ["-performed_at"]
        permissions = [("handle_personal_data", _("Can export and erase the personal data of an address"))]

    def __str__(self):
        return f"{self.performed_at:%Y-%m-%d %H:%M} ({self.email_hash[:12]}…)"
