from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import timezone

from consortium.personal_data import months_before, purge_expired


class Command(BaseCommand):
    help = (
        "Erase the personal data of registrations and meeting signups whose call or meeting ended more than "
        "--months ago (the rows stay, for statistics), and the emails sent before then. A dry run unless --apply."
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
        result = purge_expired(months=months, apply=apply, now=now)
        verb = "Erased" if apply else "Would erase"
        self.stdout.write(
            f"{verb} personal data ended before {timezone.localtime(cutoff):%Y-%m-%d %H:%M %Z}: {result.registrations} registrations, "
            f"{result.signups} meeting signups, {result.emails} emails."
        )
        if not apply:
            self.stdout.write("Dry run: nothing was changed. Run again with --apply to erase.")
