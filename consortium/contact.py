"""How people reach the ministry: the same address and phone on every page and in every email (settings)."""

import re
from dataclasses import dataclass

from django.conf import settings
from django.utils.html import format_html
from django.utils.safestring import SafeString


@dataclass(frozen=True)
class Contact:
    email: str
    phone: str = ""

    @property
    def phone_uri(self) -> str:
        """`tel:+37070661845`: a link a phone can dial, without the spaces people read."""
        return "tel:" + re.sub(r"[^\d+]", "", self.phone) if self.phone else ""

    @property
    def email_link(self) -> SafeString:
        return format_html('<a href="mailto:{}">{}</a>', self.email, self.email)

    @property
    def phone_link(self) -> SafeString:
        return (
            format_html('<a href="{}">{}</a>', self.phone_uri, self.phone) if self.phone else SafeString("")
        )


def ministry() -> Contact:
    return Contact(email=settings.CONTACT_EMAIL, phone=settings.CONTACT_PHONE)


def data_protection_officer() -> Contact:
    return Contact(email=settings.DATA_PROTECTION_OFFICER_EMAIL, phone=settings.DATA_PROTECTION_OFFICER_PHONE)
