"""The portal's own settings (production when DJANGO_DEBUG is off), plus the baseline view's address."""

from consortium.settings import *  # noqa: F403

ROOT_URLCONF = "benchmarks.urls"
