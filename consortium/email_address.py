"""Email addresses that every part of the mail path handles, checked the same way in every form and the admin.

Django's EmailValidator accepts what RFC 5322 allows, quoted local parts included ("x,y"@example.org or
"<x>"@example.org). The outbox stores recipients comma-separated and the mail library parses them again, so
such an address is split, refused or re-read as someone else's. People do not use them: the portal accepts
the ordinary form only (letters, digits and . ! # $ % & ' * + / = ? ^ _ ` { | } ~ - before the @), and a domain
name, not an address in brackets.
"""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

# RFC 5322's dot-atom: what needs no quoting anywhere.
DOT_ATOM = re.compile(r"^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\Z")


class DeliverableEmailValidator(EmailValidator):
    message = _(
        "Enter an email address in the form name@example.lt, without spaces, quotation marks, commas or angle "
        "brackets."
    )

    def __call__(self, value):
        super().__call__(value)
        local_part, _at, domain = str(value).rpartition("@")
        if not DOT_ATOM.match(local_part) or domain.startswith("["):
            raise ValidationError(self.message, code=self.code, params={"value": value})


validate_deliverable_email = DeliverableEmailValidator()


def is_deliverable(value: str) -> bool:
    try:
        validate_deliverable_email(value)
    except ValidationError:
        return False
    return True


class DeliverableEmailFormField(forms.EmailField):
    default_validators = [validate_deliverable_email]


class DeliverableEmailField(models.EmailField):
    """An EmailField that accepts only addresses the outbox can deliver (see the module's docstring)."""

    default_validators = [validate_deliverable_email]

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": DeliverableEmailFormField, **kwargs})
