"""Text as people meant to type it: no control characters, no reordering of what a reader sees, and no answer
made only of characters that show nothing."""

import re
import unicodedata

from django import forms
from django.db import models

# C0 and C1 controls and DEL (escape sequences, NUL, and on a single line also CR, LF and tab).
CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f]")
CONTROLS_BUT_LINES = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Bidirectional embeddings, overrides and isolates: they make text read differently from how it is stored.
BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
# Letters and symbols that render as blank space, besides the format and space categories.
BLANK_LOOKING = frozenset("\u115f\u1160\u3164\uffa0\u2800")
INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zs", "Zl", "Zp", "Mn", "Me"})


def single_line(value: str) -> str:
    """One line of text: controls and line breaks become spaces, bidirectional controls go, runs of spaces
    become one."""
    value = CONTROLS.sub(" ", BIDI_CONTROLS.sub("", value))
    return " ".join(value.split())


def multi_line(value: str) -> str:
    """Paragraphs: line breaks and tabs stay (as \\n), other controls and bidirectional controls go."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    return CONTROLS_BUT_LINES.sub("", BIDI_CONTROLS.sub("", value)).strip()


def address_lines(value: str) -> str:
    """An address typed, or filled in by the browser, on several lines, kept as one: "Gedimino pr. 38, Vilnius"."""
    lines = value.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return ", ".join(line for line in (single_line(line).rstrip(", ") for line in lines) if line)


def shows_nothing(value: str) -> bool:
    """True for text made only of spaces and characters that show nothing (U+200B, U+3164, U+00A0 …)."""
    return all(ch in BLANK_LOOKING or unicodedata.category(ch) in INVISIBLE_CATEGORIES for ch in value)


class _CleanTextField(forms.CharField):
    clean_text = staticmethod(single_line)

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        value = self.clean_text(value)
        # An answer nobody can see is no answer: required fields then say what is missing.
        return self.empty_value if shows_nothing(value) else value


class SingleLineField(_CleanTextField):
    pass


class MultiLineField(_CleanTextField):
    clean_text = staticmethod(multi_line)


class AddressField(_CleanTextField):
    """An address in a text area (where browsers fill in a whole `street-address`), stored on one line."""

    clean_text = staticmethod(address_lines)


def clean_text_formfield(db_field: models.Field, **kwargs) -> forms.Field | None:
    """A `formfield_callback` giving a model's free-text fields the cleaning above."""
    if not db_field.choices:
        if type(db_field) is models.CharField:
            kwargs.setdefault("form_class", SingleLineField)
        elif type(db_field) is models.TextField:
            kwargs.setdefault("form_class", MultiLineField)
    return db_field.formfield(**kwargs)
