from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Access and erasure requests, and the purge after the retention period, over what every app declares it holds
    (consortium.personal_data). Above the other apps: it knows them only through that registry."""

    name = "privacy"
    verbose_name = _("Personal data")
