from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class ConsortiumConfig(AppConfig):
    name = "consortium"
    verbose_name = _("Portal")

    def ready(self):
        from consortium import (
            checks,  # noqa: F401  (registers the deployment checks)
            heartbeats,  # noqa: F401  (records each periodic task's last success)
            logs,  # noqa: F401  (connects the one-line-per-task log signals)
        )
        from consortium.admin_messages import name_add_ons
        from consortium.personal_data import OutgoingEmails, register

        name_add_ons()
        register(OutgoingEmails())


class PortalAdminConfig(admin_apps.AdminConfig):
    """django.contrib.admin with the portal's own site as `admin.site`."""

    default = False  # the consortium app itself is ConsortiumConfig
    default_site = "consortium.admin_site.PortalAdminSite"
