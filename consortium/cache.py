"""A cache that is allowed to go away: while Redis is unreachable every read is a miss and every write is
dropped, so a visitor never gets an error because of it (DESIGN.md rule 8)."""

import functools
import logging
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGES = (RedisConnectionError, RedisTimeoutError)
# One warning a minute per process while Redis is away, not one per request.
LOG_EVERY = 60.0


def _fail_soft(name: str, outage_answer):
    method = getattr(RedisCache, name)

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except OUTAGES as error:
            self._report_outage(name, error)
            if name == "get":  # the caller's default, as for any miss
                return kwargs.get("default", args[1] if len(args) > 1 else None)
            return outage_answer

    return wrapper


class ResilientRedisCache(RedisCache):
    """Django's Redis cache, answering like an empty cache while Redis is unreachable."""

    _last_report = 0.0

    def _report_outage(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - ResilientRedisCache._last_report >= LOG_EVERY:
            ResilientRedisCache._last_report = now
            logger.warning(
                "cache.unavailable operation=%s error=%s: answering as a miss (limits fail open)",
                operation,
                type(error).__name__,
            )

    add = _fail_soft("add", False)
    get = _fail_soft("get", None)
    set = _fail_soft("set", None)
    touch = _fail_soft("touch", False)
    delete = _fail_soft("delete", False)
    get_many = _fail_soft("get_many", {})
    has_key = _fail_soft("has_key", False)
    incr = _fail_soft("incr", None)
    set_many = _fail_soft("set_many", [])
    delete_many = _fail_soft("delete_many", None)
    clear = _fail_soft("clear", False)
