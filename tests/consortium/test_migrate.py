"""Migrations run once, as their own step: two started together take turns, and running again changes nothing."""

import importlib
import subprocess
import sys
import uuid
from io import StringIO

import psycopg
import pytest
from django.apps import apps as global_apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command

from consortium.management.commands.migrate import MIGRATE_LOCK
from events.models import Meeting
from registrations.models import MessageTemplate, ParticipationKind, RegistrationCall
from registrations.permissions import sync_staff_groups
from tests.workers import ROOT, child_env, wait_for

# The seeds that still fit today's models (the email texts' were rewritten by later migrations into one row per
# status; those later migrations only rewrite what they seeded).
SEEDS = [
    "registrations.migrations.0002_seed_call_and_participation",
    "events.migrations.0002_seed_information_meeting",
]


def conninfo(database: str) -> str:
    db = settings.DATABASES["default"]
    return f"host={db['HOST'] or '127.0.0.1'} port={db['PORT'] or 5432} user={db['USER']} dbname={database}"


@pytest.fixture
def empty_database():
    name = f"portal_migrate_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(conninfo("postgres"), autocommit=True) as server:
        server.execute(f'CREATE DATABASE "{name}"')
    yield name
    with psycopg.connect(conninfo("postgres"), autocommit=True) as server:
        server.execute(f'DROP DATABASE "{name}" WITH (FORCE)')


def start_migrate(database: str) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    env = child_env(
        DJANGO_SETTINGS_MODULE="consortium.settings",
        DJANGO_SECRET_KEY="migrate-under-test",
        DATABASE_URL=f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{database}",
    )
    return subprocess.Popen(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def waiting_for_the_lock(holder: psycopg.Connection) -> int:
    return holder.execute(
        "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted"
        " AND database = (SELECT oid FROM pg_database WHERE datname = current_database())"
    ).fetchone()[0]


@pytest.mark.needs_services
def test_two_migrations_started_together_take_turns(empty_database):
    with psycopg.connect(conninfo(empty_database), autocommit=True) as holder:
        # Hold the lock until both have started and are waiting, so that they surely overlap.
        holder.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK])
        runs = [start_migrate(empty_database), start_migrate(empty_database)]
        both_waiting = wait_for(lambda: waiting_for_the_lock(holder) == 2, timeout=90)
        holder.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK])
        outputs = [run.communicate(timeout=180)[0] for run in runs]

        assert both_waiting, outputs
        assert [run.returncode for run in runs] == [0, 0], outputs
        assert all("Another migrate is running; waiting for it to finish" in output for output in outputs)
        assert sorted("No migrations to apply." in output for output in outputs) == [False, True], outputs
        duplicates = holder.execute(
            "SELECT app, name FROM django_migrations GROUP BY app, name HAVING count(*) > 1"
        ).fetchall()
        groups = holder.execute("SELECT name FROM auth_group ORDER BY name").fetchall()
        calls = holder.execute("SELECT count(*) FROM registrations_registrationcall").fetchone()[0]
    assert duplicates == []
    assert groups == [("Coordinator",), ("Reviewer",)]
    assert calls == 1


@pytest.mark.django_db
def test_migrate_again_changes_nothing():
    out = StringIO()

    call_command("migrate", "--noinput", stdout=out)

    assert "No migrations to apply." in out.getvalue()


@pytest.mark.django_db
def test_staff_groups_and_seed_data_are_the_same_after_a_second_run():
    before = (
        {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()},
        RegistrationCall.objects.count(),
        ParticipationKind.objects.count(),
        MessageTemplate.objects.count(),
        Meeting.objects.count(),
    )

    sync_staff_groups()
    for seed in SEEDS:
        importlib.import_module(seed).seed(global_apps, None)

    after = (
        {group.name: set(group.permissions.values_list("pk", flat=True)) for group in Group.objects.all()},
        RegistrationCall.objects.count(),
        ParticipationKind.objects.count(),
        MessageTemplate.objects.count(),
        Meeting.objects.count(),
    )
    assert after == before
    assert set(before[0]) == {"Reviewer", "Coordinator"}
    assert all(count > 0 for count in before[1:])
