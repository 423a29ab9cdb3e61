"""The landing page asks each app what it has to say (registered in its AppConfig.ready), so that the foundation
knows no app: each contributes entries of the page's context, read as of `now`."""

from collections.abc import Callable
from datetime import datetime

Section = Callable[[datetime], dict]
_sections: list[Section] = []


def register(section: Section) -> None:
    if section not in _sections:
        _sections.append(section)


def context(*, now: datetime) -> dict:
    merged: dict = {}
    for section in _sections:
        merged.update(section(now))
    return merged
