"""The emails staff send with a status move: default texts, with each registration's details filled in."""

import re
from dataclasses import dataclass

from registrations.models import MessageTemplate, Registration

PLACEHOLDER = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def draft_from(template: MessageTemplate | None) -> Draft:
    return Draft(template.subject, template.body) if template else Draft("", "")


def placeholder_values(registration: Registration) -> dict[str, str]:
    return {
        "contact_name": registration.contact_name,
        "organisation": registration.legal_name,
        "reference": registration.reference,
        "call": registration.call.title,
    }


def applicant_values(registration: Registration) -> list[str]:
    """What the applicant wrote among the placeholders' values: text staff did not write."""
    return [registration.contact_name, registration.legal_name]


def fill_placeholders(text: str, registration: Registration) -> str:
    """Replace {contact_name}, {organisation}, {reference} and {call}; anything else in braces stays as typed."""
    values = placeholder_values(registration)
    return PLACEHOLDER.sub(lambda match: values.get(match.group(1), match.group(0)), text)
