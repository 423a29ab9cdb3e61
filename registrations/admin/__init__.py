"""The staff review desk. Each module registers what it is responsible for."""

from registrations.admin import calls, registrations, texts  # noqa: F401
