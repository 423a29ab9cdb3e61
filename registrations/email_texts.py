"""The emails staff send with a status move: default texts, with each registration's details filled in."""

import re
from dataclasses import dataclass

from consortium.translated import translated
from registrations.models import MessageTemplate, Registration

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def draft_from(template: MessageTemplate | None, language: str) -> Draft:
    """The template's subject and text in `language`, or in the language it falls back to."""
    if template is None:
        return Draft("", "")
    return Draft(translated(template, "subject", language).text, translated(template, "body", language).text)


def placeholder_values(registration: Registration) -> dict[str, str]:
    return {
        "contact_name": registration.contact_name,
        "organisation": registration.legal_name,
        "reference": registration.reference,
        # The call's title as the applicant reads it, whatever language staff work in.
        "call": translated(registration.call, "title", registration.language).text,
    }


def applicant_values(registration: Registration) -> list[str]:
    """What the applicant wrote among the placeholders' values: text staff did not write."""
    return [registration.contact_name, registration.legal_name]


def fill_placeholders(text: str, registration: Registration, **extra: str) -> str:
    """Replace {contact_name}, {organisation}, {reference} and {call} (and the `extra` values, such as a request's
    {question}); anything else in braces stays as typed, and nothing inserted is read for placeholders again."""
    values = {**placeholder_values(registration), **extra}
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
