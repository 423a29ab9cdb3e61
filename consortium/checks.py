from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security, deploy=True)
def staff_two_factor_check(app_configs, **kwargs):
    """Production staff logins need a second factor; only a developer's machine may go without."""
    if settings.STAFF_REQUIRE_2FA or settings.DEBUG:
        return []
    return [
        checks.Warning(
            "STAFF_REQUIRE_2FA is off: staff can reach the admin with a password alone.",
            hint="Unset STAFF_REQUIRE_2FA (it defaults to on when DJANGO_DEBUG is off).",
            id="consortium.W001",
        )
    ]
