import hashlib
from collections.abc import Callable

from crispy_forms.helper import FormHelper
from django import forms
from django.core.cache import caches
from django.urls import reverse_lazy
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _


class HoneypotMixin(forms.Form):
    """A field people never see or fill in: a form that arrives with it filled was sent by a robot."""

    contact_fax = forms.CharField(
        required=False,
        label=_("Leave this field empty"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_contact_fax(self):
        if self.cleaned_data["contact_fax"]:
            raise forms.ValidationError(
                _(
                    "This form could not be accepted. Clear the field “Leave this field empty” and submit it again."
                ),
                code="honeypot",
            )
        return ""


class PublicForm(HoneypotMixin, forms.Form):
    """A form on the public pages: the honeypot, consent to the privacy notice (linked), crispy without a form tag.

    Subclasses set `consent_required` (what to say when consent is missing) and `self.helper.layout`.
    """

    consent_required: str  # e.g. "Accept the privacy notice to register."

    privacy_consent = forms.BooleanField(
        label=_("I have read the privacy notice and agree that these details are processed as it describes."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The declarations come last, in the error summary as on the page.
        self.order_fields([name for name in self.fields if name not in ("privacy_consent", "contact_fax")])
        if "privacy_consent" in self.fields:
            consent = self.fields["privacy_consent"]
            consent.error_messages["required"] = self.consent_required
            consent.help_text = format_html(
                '<a href="{}">{}</a>', reverse_lazy("privacy"), _("Read the privacy notice")
            )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


def rendered(key: tuple, render: Callable[[], str]) -> str:
    """HTML that is the same for everyone asking with the same `key` (a form with no answers yet, in one
    language), rendered once per process and then read from Django's "local" cache.

    That cache is each process's own memory: no round trip to Redis for a page fragment, and nothing in it that
    another process would need. The key must name everything the HTML depends on.
    """
    cache = caches["local"]
    name = hashlib.sha256(repr(key).encode()).hexdigest()
    html = cache.get(name)
    if html is None:
        html = render()
        cache.set(name, html, timeout=None)
    return html
