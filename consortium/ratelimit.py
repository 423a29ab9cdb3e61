"""Per-client limits on public form posts, counted by django-ratelimit in the shared cache (Redis in production).

Every public form counts towards one budget per client address (IPv6 clients per /64). When the cache is
unreachable the limit fails open: the visitor's form is saved (consortium.cache logs the outage once a minute).
"""

import functools
import logging

from django.conf import settings
from django.shortcuts import render
from django_ratelimit.core import get_usage

logger = logging.getLogger(__name__)

GROUP = "public-posts"


def public_post_rate(group: str, request) -> str | None:
    """RATELIMIT_PUBLIC_POSTS, e.g. "30/h"; empty turns the limit off."""
    return settings.RATELIMIT_PUBLIC_POSTS or None


def limit_posts(view):
    """Count a client's POSTs to every public form together; beyond the limit, a clear 429 page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        usage = get_usage(
            request, group=GROUP, key="ip", rate=public_post_rate, method="POST", increment=True
        )
        if usage is not None and usage["should_limit"]:
            logger.warning("ratelimit.refused path=%s", request.path)
            retry_after = max(usage["time_left"], 1)
            response = render(
                request, "429.html", {"retry_minutes": max(1, -(-retry_after // 60))}, status=429
            )
            response["Retry-After"] = str(retry_after)
            return response
        return view(request, *args, **kwargs)

    return wrapper
