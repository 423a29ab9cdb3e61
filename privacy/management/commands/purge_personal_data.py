from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from consortium.personal_data import months_before
from privacy.services import describe, purge_expired


class Command(BaseCommand):
    help = (
        "Erase the personal data of what ended more than --months ago (registrations of calls that closed, signups "
        "of meetings that took place; the rows stay, for statistics) and the emails sent before then. A dry run "
        "unless --apply."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--months",
            type=int,
            default=settings.PERSONAL_DATA_RETENTION_MONTHS,
            help="Retention period in months (default: PERSONAL_DATA_RETENTION_MONTHS).",
        )
        parser.add_argument(
            "--apply", action="store_true", help="Erase for real; without it nothing changes."
        )

    def handle(self, *args, months, apply, **options):
        now = timezone.now()
        cutoff = months_before(now, months)
        counts = purge_expired(months=months, apply=apply, now=now)
        verb = "Erased" if apply else "Would erase"
        self.stdout.write(
            f"{verb} personal data ended before {timezone.localtime(cutoff):%Y-%m-%d %H:%M %Z}: {describe(counts)}."
        )
        if not apply:
            self.stdout.write("Dry run: nothing was changed. Run again with --apply to erase.")
