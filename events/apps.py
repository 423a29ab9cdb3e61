from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Information meetings")

    def ready(self):
        from consortium import demo, landing, personal_data
        from consortium.metrics import register_source
        from events.demo import demo_meetings_exist, load_demo_meeting
        from events.metrics import signup_metrics
        from events.personal_data import MeetingSignups
        from events.selectors import landing_section

        register_source(signup_metrics)
        personal_data.register(MeetingSignups())
        demo.register(load_demo_meeting)
        demo.register_check(demo_meetings_exist)
        landing.register(landing_section)
