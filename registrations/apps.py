from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from consortium.demo import register_demo_check
        from consortium.metrics import register_source
        from registrations.metrics import registration_metrics
        from registrations.permissions import sync_after_migrate

        post_migrate.connect(sync_after_migrate, dispatch_uid="registrations.sync_staff_groups")
        register_source(registration_metrics)
        register_demo_check(demo_calls_exist)


def demo_calls_exist() -> bool:
    from registrations.models import RegistrationCall

    return RegistrationCall.objects.filter(is_demo=True).exists()
