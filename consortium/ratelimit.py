"""Per-client limits on public form posts, counted in the cache (Redis in production)."""

import functools
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render

logger = logging.getLogger(__name__)

PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_rate(rate: str) -> tuple[int, int]:
    """ "20/h" → (20, 3600)."""
    count, period = rate.split("/")
    return int(count), PERIODS[period]


def client_address(request) -> str:
    # Behind a reverse proxy, the client is the last address the proxy appended to X-Forwarded-For.
    if settings.RATELIMIT_TRUST_FORWARDED_FOR and (forwarded := request.META.get("HTTP_X_FORWARDED_FOR")):
        return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")


def limit_posts(view):
    """Count a client's POSTs to every public form together; beyond RATELIMIT_PUBLIC_POSTS, a clear 429 page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "POST" and settings.RATELIMIT_PUBLIC_POSTS:
            limit, period = parse_rate(settings.RATELIMIT_PUBLIC_POSTS)
            key = f"ratelimit:posts:{client_address(request)}:{int(time.time() // period)}"
            cache.add(key, 0, timeout=period + 1)
            if cache.incr(key) > limit:
                logger.warning("ratelimit.refused path=%s", request.path)
                retry_after = period - int(time.time()) % period
                response = render(
                    request, "429.html", {"retry_minutes": max(1, retry_after // 60)}, status=429
                )
                response["Retry-After"] = str(retry_after)
                return response
        return view(request, *args, **kwargs)

    return wrapper
