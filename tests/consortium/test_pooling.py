"""Behind PgBouncer in transaction pooling mode: no server-side cursor, not even for the biggest export."""

import json
import subprocess
import sys

import pytest
from django.db import connection

from registrations.exports import rows
from registrations.models import Registration
from tests.factories import RegistrationFactory
from tests.workers import ROOT, child_env, database_url

pytestmark = pytest.mark.django_db


def open_cursors() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_cursors")
        return cursor.fetchone()[0]


def cursors_open_during_an_export() -> int:
    RegistrationFactory.create_batch(3)
    export = rows(Registration.objects.order_by("pk"), chunk_size=1)
    next(export)
    during = open_cursors()
    assert len([*export]) == 2
    return during


@pytest.fixture
def pgbouncer_database_settings():
    """The database settings a process gets with DATABASE_PGBOUNCER=on, applied to this test's connection."""
    script = (
        "import json, django; django.setup(); from django.conf import settings; "
        "db = settings.DATABASES['default']; "
        "print(json.dumps({key: db.get(key) for key in ('DISABLE_SERVER_SIDE_CURSORS', 'CONN_MAX_AGE', 'OPTIONS')}))"
    )
    env = child_env(
        DJANGO_SETTINGS_MODULE="consortium.settings",
        DJANGO_SECRET_KEY="pooling-under-test",
        DATABASE_URL=database_url(),
        DATABASE_PGBOUNCER="on",
    )
    output = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout
    pooled = json.loads(output)
    saved = {key: connection.settings_dict.get(key) for key in pooled}
    connection.settings_dict.update(pooled)
    yield pooled
    connection.settings_dict.update(saved)


@pytest.mark.needs_services
def test_export_behind_pgbouncer_opens_no_server_side_cursor(pgbouncer_database_settings):
    assert pgbouncer_database_settings["DISABLE_SERVER_SIDE_CURSORS"] is True
    assert pgbouncer_database_settings["CONN_MAX_AGE"] == 0
    assert pgbouncer_database_settings["OPTIONS"]["prepare_threshold"] is None

    assert cursors_open_during_an_export() == 0


@pytest.mark.needs_services
def test_export_without_pgbouncer_streams_through_a_server_side_cursor():
    assert cursors_open_during_an_export() == 1
