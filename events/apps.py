from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Information meetings")

    def ready(self):
        from consortium.demo import register_demo_check
        from consortium.metrics import register_source
        from events.metrics import signup_metrics

        register_source(signup_metrics)
        register_demo_check(demo_meetings_exist)


def demo_meetings_exist() -> bool:
    from events.models import Meeting

    return Meeting.objects.filter(is_demo=True).exists()
