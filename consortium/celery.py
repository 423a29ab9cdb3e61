import os

from celery import Celery, signals

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")

app = Celery("consortium")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def keep_or_replace_database_connection(sender=None, **kwargs) -> None:
    """Treat each task as Django treats each request: keep the database connection for up to CONN_MAX_AGE,
    and replace it once it is older or broken (CONN_HEALTH_CHECKS). Celery's own Django support would
    otherwise open a new connection for every task (see CELERY_DB_REUSE_MAX in the settings)."""
    if sender is None or getattr(sender.request, "is_eager", False):
        return  # an eager task runs inside the caller's request or transaction, on its connection
    from django.db import close_old_connections

    close_old_connections()


@signals.setup_logging.connect
def use_the_portals_logging(**kwargs) -> None:
    """Worker and beat log as web does (settings.LOGGING: JSON lines, secrets removed, the request id), instead of
    Celery's own plain-text set-up, which a receiver of this signal replaces."""
    import logging
    from logging.config import dictConfig

    from django.conf import settings

    dictConfig(settings.LOGGING)
    logging.captureWarnings(True)  # Celery's warnings (e.g. running as root) become log lines like any other
