from collections.abc import Sequence

from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.forms.models import fields_for_model
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from consortium.forms import PublicForm
from consortium.text import SingleLineField, clean_text_formfield
from events.models import AttendanceMode, Signup
from events.selectors import Seats

PERSON_FIELDS = ["name", "email", "organisation", "job_title"]
REQUIRED_MESSAGES = {
    "name": _("Enter your full name."),
    "email": _("Enter your email address."),
    "organisation": _("Enter the name of your organisation."),
    "job_title": _("Enter your job title."),
}
AUTOCOMPLETE = {
    "name": "name",
    "email": "email",
    "organisation": "organization",
    "job_title": "organization-title",
}


def _person_fields():
    fields = fields_for_model(Signup, fields=PERSON_FIELDS, formfield_callback=clean_text_formfield)
    for name, field in fields.items():
        field.error_messages["required"] = REQUIRED_MESSAGES[name]
        field.widget.attrs["autocomplete"] = AUTOCOMPLETE[name]
    fields["email"].help_text = _("We send the confirmation and the calendar file here.")
    return fields


class SignupForm(PublicForm):
    """Who is coming to a meeting, how, and in which language we write to them."""

    mode = forms.ChoiceField(
        label=_("How will you attend?"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose how you will attend."),
            "invalid_choice": _("Choose one of the ways of attending shown."),
        },
    )
    language = forms.ChoiceField(
        label=_("Language of our emails"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose the language of our emails."),
            "invalid_choice": _("Choose one of the languages shown."),
        },
    )
    registration_reference = SingleLineField(
        label=_("Your organisation's registration reference (optional)"),
        max_length=32,
        required=False,
        help_text=_(
            "If your organisation has registered to join the consortium, the reference from its confirmation "
            "email, for example BAIGF-2025-0042."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    consent_required = _("Accept the privacy notice to sign up.")

    def __init__(self, *args, modes: Sequence[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["mode"].choices = [(mode, AttendanceMode(mode).label) for mode in modes]
        if len(modes) == 1:
            self.fields["mode"].initial = modes[0]
        # Each language in its own name: a reader of one language may not know the other's name for it.
        self.fields["language"].choices = [
            (
                code,
                format_html(
                    '<span lang="{}">{}</span>', code, get_language_info(code)["name_local"].capitalize()
                ),
            )
            for code, _name in settings.LANGUAGES
        ]
        self.fields["language"].initial = get_language()
        self.helper.layout = Layout(
            Fieldset(_("About you"), *PERSON_FIELDS, "registration_reference"),
            "mode",
            "language",
            Fieldset(_("Declaration"), "privacy_consent"),
            Div("contact_fax", css_class="honeypot", aria_hidden="true"),
        )

    def show_seats(self, seats: list[Seats]) -> None:
        """Tell, beside each way of attending, how many seats it has left (for showing the form)."""
        self.fields["mode"].choices = [(s.mode, _mode_label(s)) for s in seats]

    def clean_registration_reference(self) -> str:
        # Kept as given, for staff to check: the form never says whether a reference exists.
        return "".join(self.cleaned_data["registration_reference"].split()).upper()

    def signup_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (*PERSON_FIELDS, "mode", "language", "registration_reference")
        }


SignupForm.base_fields = {**_person_fields(), **SignupForm.base_fields}


def _mode_label(seats: Seats) -> str:
    if seats.left is None:
        return str(seats.label)
    if seats.is_full:
        return _("%(mode)s: no seats left, join the waiting list") % {"mode": seats.label}
    return ngettext("%(mode)s: %(left)s seat left", "%(mode)s: %(left)s seats left", seats.left) % {
        "mode": seats.label,
        "left": seats.left,
    }
