"""gunicorn for the portal (`gunicorn -c deploy/gunicorn.conf.py consortium.wsgi`), the same in compose and Kubernetes.

gunicorn runs as PID 1 and stops gracefully on SIGTERM: it stops accepting, lets requests in flight finish for up
to GUNICORN_GRACEFUL_TIMEOUT seconds, then exits; keep that below the orchestrator's grace period (Kubernetes'
terminationGracePeriodSeconds, 30 s by default; compose's stop_grace_period).
"""

import os
import shutil
import tempfile

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "3"))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", "20"))
keepalive = 5
# The portal logs one JSON line per request itself (consortium.logs); gunicorn's access log would repeat it.
accesslog = None


def on_starting(server):
    # Each worker counts its requests in files here, so that a scrape reaching any worker reports all of them
    # (prometheus_client's multiprocess mode). A fresh folder per start: old counts would be added again.
    folder = os.environ.get("PROMETHEUS_MULTIPROC_DIR") or os.path.join(
        tempfile.gettempdir(), f"portal-metrics-{os.getpid()}"
    )
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = folder


def child_exit(server, worker):
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)


def on_exit(server):
    shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


# gunicorn's own lines (start, stop, worker timeouts) in the portal's format: one JSON object per line.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "consortium.logs.JsonFormatter"},
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain" if os.environ.get("LOG_FORMAT") == "plain" else "json",
            "stream": "ext://sys.stdout",
        }
    },
    "loggers": {"gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False}},
}
