from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "registrations"
    verbose_name = _("Registrations")

    def ready(self):
        from consortium import demo, landing, personal_data
        from consortium.metrics import register_source
        from registrations.demo import demo_calls_exist, load_demo_call
        from registrations.metrics import registration_metrics
        from registrations.permissions import sync_after_migrate
        from registrations.personal_data import Registrations
        from registrations.selectors import landing_section

        post_migrate.connect(sync_after_migrate, dispatch_uid="registrations.sync_staff_groups")
        register_source(registration_metrics)
        personal_data.register(Registrations())
        demo.register(load_demo_call)
        demo.register_check(demo_calls_exist)
        landing.register(landing_section)
