"""Demonstration data for `make run`, provided by each app (registered in its AppConfig.ready) and loaded by the
`load_demo_data` command, so that the foundation knows no app and a new app brings its own."""

from collections.abc import Callable
from datetime import datetime

# Creates or refreshes an app's demonstration data as of `now`; returns a line for the terminal.
Loader = Callable[[datetime], str]
_loaders: list[Loader] = []


def register(loader: Loader) -> None:
    if loader not in _loaders:
        _loaders.append(loader)


def load_all(*, now: datetime) -> list[str]:
    return [loader(now) for loader in _loaders]


def per_language(texts: dict[str, dict[str, str]]) -> dict[str, str]:
    """{"title": {"lt": …, "en": …}} as {"title_lt": …, "title_en": …}, for update_or_create's defaults."""
    return {
        f"{field}_{language}": text
        for field, by_language in texts.items()
        for language, text in by_language.items()
    }
