from django import forms
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
