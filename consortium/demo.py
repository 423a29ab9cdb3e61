"""Whether the portal is showing demonstration data: then every page and every email says so.

Each app that has demonstration records registers a check here (in its AppConfig.ready), so that this module
needs to know no app.
"""

import logging
from collections.abc import Callable

from django.core.cache import cache
from django.db import DatabaseError

logger = logging.getLogger(__name__)

_checks: list[Callable[[], bool]] = []
# Asked by every page and email: kept in the shared cache for a minute rather than queried each time.
CACHE_KEY = "portal:demo-data-shown"
CACHE_SECONDS = 60


def register_demo_check(check: Callable[[], bool]) -> None:
    if check not in _checks:
        _checks.append(check)


def demo_data_shown() -> bool:
    shown = cache.get(CACHE_KEY)
    if shown is None:
        shown = _ask_each_app()
        cache.set(CACHE_KEY, shown, CACHE_SECONDS)
    return shown


def _ask_each_app() -> bool:
    try:
        return any(check() for check in _checks)
    except DatabaseError:
        # A page about the outage itself (a 404 while the database is away) still renders, without the banner.
        logger.warning("demo.check_failed", exc_info=True)
        return False
