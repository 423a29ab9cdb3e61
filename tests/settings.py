"""Settings for the test suite: the portal's own settings, with what a test run needs on top."""

import os

os.environ.setdefault("DJANGO_SECRET_KEY", "tests-only-secret-key")

from consortium.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Unit tests run tasks in-process; tests that need the real broker start a worker and switch this off.
CELERY_TASK_ALWAYS_EAGER = True
SECURE_SSL_REDIRECT = False
STORAGES = {
    "default": {"BACKEND": "consortium.storage.DatabaseStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MEDIA_ROOT = os.environ.get("TEST_MEDIA_ROOT", "/tmp/portal-test-media")  # noqa: S108
# Static files come straight from the apps' folders; no collectstatic before a test run.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
# Tests log staff in directly; the tests of the second factor switch it on.
STAFF_REQUIRE_2FA = False
