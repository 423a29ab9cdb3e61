"""Error reports to Sentry (sentry-sdk) from web, worker and beat, when SENTRY_DSN is set.

Nothing personal leaves: no request bodies, cookies or auth headers, no local variables, no user but an id, and
every string of the report has its secret links (edit and cancellation tokens) and email addresses removed.
"""

import re

import sentry_sdk
from sentry_sdk.integrations.celery import CeleryIntegration
from sentry_sdk.integrations.django import DjangoIntegration

from consortium.tokens import redact_secret_links

EMAIL_ADDRESS = re.compile(r"[\w.!#$%&'*+/=?^`{|}~-]+@[\w-]+(?:\.[\w-]+)+")
SECRET_HEADERS = {"cookie", "set-cookie", "authorization", "proxy-authorization", "x-csrftoken"}


def scrub(value):
    """The same structure with every string's secret links and email addresses removed."""
    if isinstance(value, str):
        return EMAIL_ADDRESS.sub("[email]", redact_secret_links(value))
    if isinstance(value, dict):
        return {key: scrub(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(item) for item in value]
    return value


def before_send(event: dict, hint: dict) -> dict:
    request = event.get("request")
    if request:
        for key in ("data", "cookies", "env"):
            request.pop(key, None)
        headers = request.get("headers") or {}
        request["headers"] = {
            key: value for key, value in headers.items() if key.lower() not in SECRET_HEADERS
        }
    if "user" in event:
        event["user"] = {key: value for key, value in event["user"].items() if key == "id"}
    return scrub(event)


def options(*, dsn: str, environment: str, release: str | None, traces_sample_rate: float) -> dict:
    return {
        "dsn": dsn,
        "environment": environment,
        "release": release,
        "integrations": [DjangoIntegration(), CeleryIntegration()],
        # send_default_pii is left unset, which is off (setting it is deprecated in this sdk): no user details,
        # cookies or addresses are collected, and sentry-sdk's own scrubber stays on under before_send.
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": before_send,
        "before_send_transaction": before_send,
        "traces_sample_rate": traces_sample_rate,
    }


def start_error_reporting(
    *, dsn: str, environment: str, release: str | None, traces_sample_rate: float
) -> None:
    sentry_sdk.init(
        **options(dsn=dsn, environment=environment, release=release, traces_sample_rate=traces_sample_rate)
    )
