from base64 import b32encode

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django_otp.plugins.otp_totp.models import TOTPDevice


class Command(BaseCommand):
    help = (
        "Give a staff member an authenticator (TOTP) for the admin's two-factor login and print the key "
        "to enter in their authenticator app. Hand it over in person or by another safe channel."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Authenticator app", help="A label for the device.")
        parser.add_argument(
            "--replace", action="store_true", help="Remove the user's existing authenticators first."
        )

    @transaction.atomic
    def handle(self, *args, username, name, replace, **options):
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            raise CommandError(f"There is no user called {username!r}.")
        if not user.is_staff:
            self.stderr.write(f"Note: {username} is not staff, so cannot use the admin yet.")
        existing = TOTPDevice.objects.filter(user=user)
        if existing.exists() and not replace:
            raise CommandError(f"{username} already has an authenticator; use --replace to issue a new one.")
        existing.delete()
        device = TOTPDevice.objects.create(user=user, name=name, confirmed=True)
        self.stdout.write(f"Authenticator for {username} created.")
        self.stdout.write(f"Secret key (enter it in the app by hand): {b32encode(device.bin_key).decode()}")
        self.stdout.write(f"Set-up link (otpauth URI): {device.config_url}")
