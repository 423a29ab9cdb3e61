"""Demonstration data: each app provides its own (registered in its AppConfig.ready), so that the foundation knows
no app and a new app brings its own.

- `load_demo_data` (for `make run`) runs every app's loader.
- While any app holds demonstration records, every page and every email says so (`demo_data_shown`).
"""

import logging
from collections.abc import Callable
from datetime import datetime

from django.core.cache import caches
from django.db import DatabaseError

logger = logging.getLogger(__name__)

# Creates or refreshes an app's demonstration data as of `now`; returns a line for the terminal.
Loader = Callable[[datetime], str]
_loaders: list[Loader] = []
# Whether an app holds demonstration records now.
Check = Callable[[], bool]
_checks: list[Check] = []
# Asked by every page and email: kept by each process for a minute rather than queried (or fetched from Redis)
# each time.
CACHE_KEY = "portal:demo-data-shown"
CACHE_SECONDS = 60


def register(loader: Loader) -> None:
    if loader not in _loaders:
        _loaders.append(loader)


def register_check(check: Check) -> None:
    if check not in _checks:
        _checks.append(check)


def load_all(*, now: datetime) -> list[str]:
    return [loader(now) for loader in _loaders]


def per_language(texts: dict[str, dict[str, str]]) -> dict[str, str]:
    """{"title": {"lt": …, "en": …}} as {"title_lt": …, "title_en": …}, for update_or_create's defaults."""
    return {
        f"{field}_{language}": text
        for field, by_language in texts.items()
        for language, text in by_language.items()
    }


def demo_data_shown() -> bool:
    cache = caches["local"]
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
