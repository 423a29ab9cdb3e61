from collections.abc import Sequence

from crispy_forms.layout import Div, Fieldset, Layout
from crispy_forms.utils import render_crispy_form
from django import forms
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _

from consortium.forms import PublicForm, rendered
from consortium.text import clean_text_formfield
from events.models import AttendanceMode, Meeting, Signup

PERSON_FIELDS = ["name", "email", "organisation", "job_title"]


class ModeSelect(forms.RadioSelect):
    """The ways of attending, each described by its line of the page's seat counts (id "seats-<mode>"): the seats
    left are read beside each choice, and the form itself stays the same as seats are taken, so it is kept
    rendered (`render_blank`)."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        option["attrs"]["aria-describedby"] = f"seats-{value}"
        return option


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
            "mode": ModeSelect,
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

    def clean_registration_reference(self) -> str:
        # Kept as given, for staff to check: the form never says whether a reference exists.
        return "".join(self.cleaned_data["registration_reference"].split()).upper()

    def signup_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def render_blank(form: SignupForm, meeting: Meeting) -> str:
    """The HTML of `form`, unbound, as the meeting's page shows it: the same for every visitor of a language until
    the meeting changes, so kept in the per-process cache (consortium.forms.rendered)."""
    if form.is_bound:
        raise ValueError("only the empty form is the same for every visitor")
    key = (
        "signup-form",
        get_language(),
        meeting.pk,
        meeting.updated_at.isoformat(),
        tuple((str(value), str(label)) for value, label in form.fields["mode"].choices),
        form.fields["mode"].initial,
    )
    return rendered(key, lambda: render_crispy_form(form))
