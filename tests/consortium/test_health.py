import pytest

from tests.brokers import broker_at
from tests.smtp import free_port

pytestmark = pytest.mark.django_db


def test_healthz_reports_database_and_broker(client, settings):
    response = client.get("/healthz")

    body = response.json()
    assert response.status_code == 200
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"] == ("ok" if settings.CELERY_BROKER_URL else "not configured (tasks run in-process)")


def test_healthz_is_503_when_the_broker_is_unreachable(client, settings):
    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    settings.CELERY_BROKER_URL = unreachable

    with broker_at(unreachable):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unavailable"}
