"""A text that staff write per language, together with the language it is actually written in.

A field left empty in the reader's language falls back (MODELTRANSLATION_FALLBACK_LANGUAGES: Lithuanian, then
English). A page must then mark the text with its own language (WCAG 3.1.2), so the fallback is made visible
here rather than hidden as in the model's attribute.
"""

from dataclasses import dataclass

from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


@dataclass(frozen=True)
class Translated:
    text: str
    language: str
    # The language of the page or email the text appears in.
    reader_language: str

    @property
    def is_fallback(self) -> bool:
        return bool(self.text) and self.language != self.reader_language

    @property
    def lang_attr(self) -> SafeString:
        """` lang="xx"` for an element holding the text, when its language is not the reader's."""
        return format_html(' lang="{}"', self.language) if self.is_fallback else mark_safe("")

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        """The text for HTML: escaped, and in a span naming its language when that is not the reader's."""
        if self.is_fallback:
            return format_html('<span lang="{}">{}</span>', self.language, self.text)
        return escape(self.text)


def translated(instance, field: str, language: str | None = None) -> Translated:
    """`field` of `instance` in `language` (the active one by default), or in the first fallback that has it."""
    reader = language or get_language()
    for candidate in resolution_order(reader):
        value = getattr(instance, build_localized_fieldname(field, candidate), None)
        if value:
            return Translated(value, candidate, reader)
    return Translated("", reader, reader)


def localized_names(field: str) -> list[str]:
    """The columns that hold `field` in each of the portal's languages, e.g. title_lt, title_en …"""
    return [build_localized_fieldname(field, code) for code, _name in settings.LANGUAGES]
