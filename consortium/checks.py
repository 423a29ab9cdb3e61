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


@checks.register()
def outbox_timing_check(app_configs, **kwargs):
    """A task the broker hands out twice would send its message twice: every wait must end before that."""
    visibility = settings.CELERY_BROKER_TRANSPORT_OPTIONS.get("visibility_timeout", 3600)
    errors = []
    if visibility <= max(settings.MAIL_MAX_RETRY_DELAY, settings.MAIL_CLAIM_SECONDS):
        errors.append(
            checks.Error(
                "The broker's visibility_timeout must be longer than the longest retry delay and claim.",
                hint="Raise CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'].",
                id="consortium.E001",
            )
        )
    if settings.MAIL_CLAIM_SECONDS <= settings.MAIL_TASK_TIME_LIMIT + 5:
        errors.append(
            checks.Error(
                "MAIL_CLAIM_SECONDS must outlast a delivery task's hard time limit.",
                id="consortium.E002",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def language_cookie_check(app_configs, **kwargs):
    """The language cookie goes over HTTPS only, like the session's: a plain-HTTP request never carries it."""
    if settings.SESSION_COOKIE_SECURE and not settings.LANGUAGE_COOKIE_SECURE:
        return [
            checks.Warning(
                "LANGUAGE_COOKIE_SECURE is off while the session cookie is secure.",
                hint="Set LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE.",
                id="consortium.W002",
            )
        ]
    return []
