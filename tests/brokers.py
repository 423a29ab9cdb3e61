"""Point the portal's Celery app at another broker for the length of a test."""

from contextlib import contextmanager

from consortium.celery import app

BROKER_KEYS = ("broker_url", "broker_read_url", "broker_write_url")


def _forget_connections():
    # Celery caches its connection and producer pools; new ones are made from the configuration on next use.
    app._pool = None
    app.amqp._producer_pool = None


@contextmanager
def broker_at(url: str):
    saved = {key: app.conf[key] for key in BROKER_KEYS}
    saved_eager = app.conf.task_always_eager
    app.conf.update(dict.fromkeys(BROKER_KEYS, url), task_always_eager=False)
    _forget_connections()
    try:
        yield app
    finally:
        app.conf.update(saved, task_always_eager=saved_eager)
        _forget_connections()
