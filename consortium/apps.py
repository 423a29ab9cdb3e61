from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConsortiumConfig(AppConfig):
    name = "consortium"
    verbose_name = _("Portal")

    def ready(self):
        from consortium import logs  # noqa: F401  (connects the one-line-per-task log signals)
