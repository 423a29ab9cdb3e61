from django.core.management.base import BaseCommand
from django.utils import timezone

from consortium.demo import load_all


class Command(BaseCommand):
    help = (
        "Create or refresh each app's demonstration data: a call open now, an upcoming meeting… (marked as "
        "demonstration data and shown with a banner; never use in production)."
    )

    def handle(self, *args, **options):
        for line in load_all(now=timezone.now()):
            self.stdout.write(line)
