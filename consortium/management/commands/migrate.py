"""`migrate`, one at a time: a PostgreSQL advisory lock makes a second run wait for the first, then find nothing
left to do. Two deployments (or a Job retried while the first attempt still runs) cannot race on the schema, the
staff groups or the seed data.
"""

from django.core.management.commands.migrate import Command as MigrateCommand
from django.db import connections

# Any constant will do, as long as every `migrate` of this portal uses the same one.
MIGRATE_LOCK = 7_215_042_025


class Command(MigrateCommand):
    help = f"{MigrateCommand.help} Runs one at a time on PostgreSQL (advisory lock {MIGRATE_LOCK})."

    def handle(self, *args, **options):
        connection = connections[options["database"]]
        if connection.vendor != "postgresql":
            return super().handle(*args, **options)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_try_advisory_lock(%s)", [MIGRATE_LOCK])
            if not cursor.fetchone()[0]:
                self.stdout.write("Another migrate is running; waiting for it to finish…")
                cursor.execute("SELECT pg_advisory_lock(%s)", [MIGRATE_LOCK])
        try:
            return super().handle(*args, **options)
        finally:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [MIGRATE_LOCK])
