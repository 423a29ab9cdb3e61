from collections.abc import Sequence

from crispy_forms.layout import Div, Fieldset, Layout
from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info, ngettext
from django.utils.translation import gettext_lazy as _

from consortium.forms import PublicForm
from consortium.text import clean_text_formfield
from events.models import AttendanceMode, Signup
from events.selectors import Seats

PERSON_FIELDS = ["name", "email", "organisation", "job_title"]


class SignupForm(PublicForm, forms.ModelForm):
    """Who is coming to a meeting, how, and in which language we write to them."""

    consent_required = _("Accept the privacy notice to sign up.")

    class Meta:
        model = Signup
        fields = [*PERSON_FIELDS, "registration_reference", "mode", "language"]
        formfield_callback = clean_text_formfield
        labels = {
            "registration_reference": _("Your organisation's registration reference (optional)"),
            "mode": _("How will you attend?"),
            "language": _("Language of our emails"),
        }
        help_texts = {
            "email": _("We send the confirmation and the calendar file here."),
            "registration_reference": _(
                "If your organisation has registered to join the consortium, the reference from its confirmation "
                "email, for example BAIGF-2025-0042."
            ),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "organisation": forms.TextInput(attrs={"autocomplete": "organization"}),
            "job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "registration_reference": forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
            "mode": forms.RadioSelect,
            "language": forms.RadioSelect,
        }
        error_messages = {
            "name": {"required": _("Enter your full name.")},
            "email": {"required": _("Enter your email address.")},
            "organisation": {"required": _("Enter the name of your organisation.")},
            "job_title": {"required": _("Enter your job title.")},
            "mode": {
                "required": _("Choose how you will attend."),
                "invalid_choice": _("Choose one of the ways of attending shown."),
            },
            "language": {
                "required": _("Choose the language of our emails."),
                "invalid_choice": _("Choose one of the languages shown."),
            },
        }

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
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _mode_label(seats: Seats) -> str:
    if seats.left is None:
        return str(seats.label)
    if seats.is_full:
        return _("%(mode)s: no seats left, join the waiting list") % {"mode": seats.label}
    return ngettext("%(mode)s: %(left)s seat left", "%(mode)s: %(left)s seats left", seats.left) % {
        "mode": seats.label,
        "left": seats.left,
    }
