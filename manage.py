#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "consortium.settings")
    from django.conf import settings
    from django.core.management import execute_from_command_line

    # Read the settings first, so that a configuration error (such as a missing DJANGO_SECRET_KEY with debug
    # off) is reported as itself; Django would otherwise swallow it and fail later with "Models aren't loaded yet".
    settings.INSTALLED_APPS  # noqa: B018
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
