from dataclasses import dataclass

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Div, Fieldset, Layout
from crispy_forms.utils import render_crispy_form
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_countries.fields import Country
from django_countries.widgets import LazySelect

from consortium.forms import HoneypotMixin, PublicForm, rendered
from consortium.text import AddressField, MultiLineField, clean_text_formfield
from consortium.uploads import DOCUMENTS, check_documents, refusal_messages
from registrations.models import Organisation, ParticipationKind, Registration, RegistrationCall
from registrations.services.submission import CountryNotAccepted
from registrations.validators import normalise_registration_code, normalise_vat_code

ORGANISATION_FIELDS = [
    "legal_name",
    "country",
    "registration_code",
    "vat_code",
    "organisation_type",
    "size",
    "website",
    "address",
    "description",
]
CONTACT_FIELDS = ["contact_name", "contact_job_title", "contact_email", "contact_phone"]
ANSWER_FIELDS = ["participation", "statement", "compute_needs", "investment_range"]
IDENTITY_FIELDS = Organisation.IDENTITY_FIELDS

# Too long an answer is refused with a message saying by how much, never cut short by the browser.
TOO_LONG_ANSWER = _("Shorten this answer to %(limit_value)d characters or fewer; it has %(show_value)d.")
COUNTED = {
    "description": _(
        "Shorten the description to %(limit_value)d characters or fewer; it has %(show_value)d."
    ),
    "statement": _(
        "Shorten the statement of interest to %(limit_value)d characters or fewer; it has %(show_value)d."
    ),
    "compute_needs": _(
        "Shorten the expected compute needs to %(limit_value)d characters or fewer; it has %(show_value)d."
    ),
}


def allow_any_length(field: forms.Field, message=TOO_LONG_ANSWER) -> None:
    """No `maxlength`, which makes browsers cut pasted text without a word: the limit is checked on sending,
    and text areas get a counter (static/js/portal.js) that says how many characters are left."""
    if not isinstance(field, forms.CharField) or not field.max_length:
        return
    field.widget.attrs.pop("maxlength", None)
    field.error_messages["max_length"] = message
    if isinstance(field.widget, forms.Textarea):
        field.widget.attrs["data-maxlength"] = field.max_length
        field.widget.attrs["data-count-left"] = _("Characters left: {count} of {limit}")
        field.widget.attrs["data-count-over"] = _("Too long by {count} characters: the limit is {limit}")


def question(db_field, **kwargs) -> forms.Field:
    """The form field of a model field as the public forms ask it (the forms' `formfield_callback`): free text
    cleaned of controls, no browser-side length limit, and no blank choice a radio button could offer."""
    if db_field.name == "website":
        kwargs["assume_scheme"] = "https"
    if db_field.name == "address":
        kwargs["form_class"] = AddressField
    field = clean_text_formfield(db_field, **kwargs)
    allow_any_length(field, COUNTED.get(db_field.name, TOO_LONG_ANSWER))
    if type(field.widget) is not forms.SelectMultiple and isinstance(field.widget, forms.Select):
        field.widget.template_name = "consortium/widgets/select.html"  # the country list: ~250 options
    if isinstance(field, forms.TypedChoiceField) and field.choices and field.choices[0][0] == "":
        if isinstance(field.widget, forms.RadioSelect):
            field.choices = field.choices[1:]  # a radio button reading "none of these" helps nobody
        else:
            field.choices = [
                ("", _("Select an option") if field.required else _("Not answered")),
                *field.choices[1:],
            ]
    return field


def offer_countries(field: forms.ChoiceField, call: RegistrationCall, *, also: str | None = None) -> None:
    """The countries `call` accepts (and `also`, a registration's own), after an empty first choice."""
    codes = {country.code for country in call.countries} | ({str(also)} if also else set())
    countries = sorted((Country(code) for code in codes), key=lambda country: str(country.name))
    field.choices = [("", _("Select a country")), *((country.code, country.name) for country in countries)]
    field.error_messages["invalid_choice"] = str(CountryNotAccepted(call))


@dataclass(frozen=True)
class Answer:
    label: str
    value: str
    field_id: str  # where the "Change" link takes the reader


class RegistrationForm(PublicForm, forms.ModelForm):
    """Everything an organisation tells us when it registers: one page, four groups of questions.

    The questions come from the models (labels, choices, lengths): who the organisation is from Organisation
    (declared below), everything else from the Registration it makes. The services save; the form only checks.
    """

    # Who the organisation is: asked here, kept on the shared Organisation (country and registration code).
    country = question(
        Organisation._meta.get_field("country"),
        widget=LazySelect(attrs={"autocomplete": "country"}),
        error_messages={"required": _("Select the country where the organisation is registered.")},
    )
    registration_code = question(
        Organisation._meta.get_field("registration_code"),
        help_text=_(
            "Lithuania: the 9-digit company code (juridinio asmens kodas). Latvia: the 11-digit registration "
            "number. Estonia: the 8-digit registry code. Poland: KRS, NIP or REGON."
        ),
        error_messages={"required": _("Enter the organisation's registration code.")},
    )
    share_contact_consent = forms.BooleanField(
        label=_("The contact person's details may be shared with the consortium's partners."), required=False
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput)
    consent_required = _("Accept the privacy notice to register.")

    class Meta:
        model = Registration
        fields = [
            name
            for name in ORGANISATION_FIELDS + CONTACT_FIELDS + ANSWER_FIELDS
            if name not in IDENTITY_FIELDS
        ]
        formfield_callback = question
        labels = {
            "contact_name": _("Full name"),
            "participation": _("Select every way the organisation wants to take part"),
        }
        help_texts = {
            "vat_code": _("Optional. With or without the country prefix, for example LT100001919017."),
            "website": _("Optional, for example https://www.example.lt"),
            "address": _("Street, building, postcode and town, as in the company register."),
            "description": _("What the organisation does, in up to 1,000 characters."),
            "contact_phone": _(
                "Include the country code if it is not Lithuanian, for example +371 2000 0000."
            ),
            "statement": _(
                "Why the organisation wants to join the consortium and what it would bring, in up to 3,000 "
                "characters."
            ),
            "compute_needs": _(
                "Optional. For example: the kind of accelerators and the GPU-hours a year you expect to need."
            ),
        }
        widgets = {
            "legal_name": forms.TextInput(attrs={"autocomplete": "organization"}),
            "website": forms.URLInput(attrs={"autocomplete": "url"}),
            # A text area: the whole address, on as many lines as it takes.
            "address": forms.Textarea(attrs={"rows": 2, "autocomplete": "street-address"}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "size": forms.RadioSelect,
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_job_title": forms.TextInput(attrs={"autocomplete": "organization-title"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            # Keep the number as typed when the form comes back with errors (no reformatting).
            "contact_phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
            "participation": forms.CheckboxSelectMultiple,
            "statement": forms.Textarea(attrs={"rows": 6}),
            "compute_needs": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "legal_name": {"required": _("Enter the organisation's legal name.")},
            "organisation_type": {"required": _("Select the type of organisation.")},
            "size": {"required": _("Select the size of the organisation.")},
            "address": {"required": _("Enter the registered address.")},
            "description": {"required": _("Describe the organisation in a few sentences.")},
            "contact_name": {"required": _("Enter the contact person's name.")},
            "contact_job_title": {"required": _("Enter the contact person's job title.")},
            "contact_email": {"required": _("Enter an email address.")},
            "contact_phone": {
                "required": _("Enter a phone number."),
                "invalid": _(
                    "Enter a phone number like +370 612 34567; for a number outside Lithuania, start with its "
                    "country code."
                ),
            },
            "participation": {"required": _("Select at least one way the organisation wants to take part.")},
            "statement": {"required": _("Tell us why the organisation wants to join.")},
        }

    def __init__(self, *args, call: RegistrationCall, **kwargs):
        super().__init__(*args, **kwargs)
        self.call = call
        offer_countries(self.fields["country"], call, also=self.initial.get("country"))
        self.order_fields(ORGANISATION_FIELDS + CONTACT_FIELDS + ANSWER_FIELDS)
        self.helper.layout = Layout(
            Fieldset(_("About the organisation"), *ORGANISATION_FIELDS),
            Fieldset(_("Contact person"), *CONTACT_FIELDS),
            Fieldset(_("How the organisation wants to take part"), *ANSWER_FIELDS),
            Fieldset(_("Declarations"), *self._present("share_contact_consent", "privacy_consent")),
            Div("contact_fax", css_class="honeypot", aria_hidden="true"),
            # The submission key (hidden, different for every visitor) is written by the template, outside the
            # part of the page that render_blank() keeps.
        )

    def _present(self, *names):
        return [name for name in names if name in self.fields]

    def summary(self) -> list[tuple[str, list[Answer]]]:
        """Every answer of the valid form as people read it, by section: the "check your answers" page."""
        sections = [
            (_("About the organisation"), ORGANISATION_FIELDS),
            (_("Contact person"), CONTACT_FIELDS),
            (_("How the organisation wants to take part"), ANSWER_FIELDS),
            (_("Declarations"), self._present("share_contact_consent", "privacy_consent")),
        ]
        return [(title, [self._answer(name) for name in names]) for title, names in sections]

    def _answer(self, name: str) -> Answer:
        field, value = self[name], self.cleaned_data.get(name)
        # Radio buttons and checkbox lists have no single label target: the link goes to their first option.
        field_id = field.id_for_label or f"{field.auto_id}_0"
        return Answer(str(field.label), _shown(field.field, value), field_id)

    def clean(self):
        data = super().clean()
        country = data.get("country")
        if country and data.get("registration_code"):
            self._normalise("registration_code", normalise_registration_code, country, data)
        if country and data.get("vat_code"):
            self._normalise("vat_code", normalise_vat_code, country, data)
        return data

    def _normalise(self, name, normalise, country, data):
        try:
            data[name] = normalise(str(country), data[name])
        except ValidationError as error:
            self.add_error(name, error)

    def organisation_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in ORGANISATION_FIELDS}

    def registration_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in (*CONTACT_FIELDS, *ANSWER_FIELDS, "share_contact_consent")
        }


def _shown(field: forms.Field, value) -> str:
    if isinstance(field, forms.BooleanField):
        return str(_("Yes") if value else _("No"))
    if value in (None, "", []):
        return str(_("Not answered"))
    if isinstance(field, forms.ModelMultipleChoiceField):
        return "; ".join(str(choice) for choice in value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(str(value), value))
    if hasattr(value, "as_international"):
        return value.as_international
    return str(value)


def render_blank(form: RegistrationForm) -> str:
    """The HTML of `form`, an unbound RegistrationForm without initial answers (the submission key aside).

    Its twenty questions and the countries take tens of milliseconds to render and are the same for every
    visitor of a language and call: they are kept in the per-process cache (consortium.forms.rendered).
    """
    if form.is_bound or set(form.initial) - {"submission_key"}:
        raise ValueError("only the empty form is the same for every visitor")
    key = (
        "registration-form",
        get_language(),
        tuple(ParticipationKind.objects.values_list("pk", "code", "position")),
        tuple(country.code for country in form.call.countries),
    )
    return rendered(key, lambda: render_crispy_form(form))


class RegistrationChangeForm(RegistrationForm):
    """The same questions, for correcting a registration; the organisation's identity is shown, not asked.
    Correcting is not submitting: no submission key, and the privacy notice was accepted already."""

    submission_key = None
    privacy_consent = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in IDENTITY_FIELDS:
            self.fields[name].disabled = True
            self.fields[name].help_text = _("To change this, withdraw the registration and register again.")

    @staticmethod
    def initial_for(registration: Registration) -> dict:
        initial = {name: getattr(registration.organisation, name) for name in IDENTITY_FIELDS}
        initial.update(
            {
                name: getattr(registration, name)
                for name in ORGANISATION_FIELDS + CONTACT_FIELDS + ANSWER_FIELDS[1:]
                if name not in IDENTITY_FIELDS
            }
        )
        initial["participation"] = list(registration.participation.all())
        initial["share_contact_consent"] = registration.share_contact_consent
        return initial


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked as FileField checks one."""

    def __init__(self, *args, **kwargs):
        accept = ",".join(extension for kind in DOCUMENTS for extension in kind.extensions)
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(file, initial) for file in files]


class ReplyForm(HoneypotMixin, forms.Form):
    """The applicant's answer to a request for more information: a message, files, or both."""

    text = MultiLineField(
        label=_("Your answer"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Up to 5,000 characters."),
    )
    files = MultipleFileField(
        label=_("Attach files (optional)"),
        required=False,
        help_text=_(
            "Up to 5 files of at most 10 MB each: PDF, Word (DOCX), Excel (XLSX), OpenDocument text (ODT), PNG or "
            "JPEG. To attach several, select them together."
        ),
    )

    def __init__(self, *args, refused=(), **kwargs):
        super().__init__(*args, **kwargs)
        # Files dropped while they arrived (too large, too many): the form says so, by name.
        self.refused = refused
        allow_any_length(
            self.fields["text"],
            _("Shorten your answer to %(limit_value)d characters or fewer; it has %(show_value)d."),
        )
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True
        self.helper.layout = Layout(
            "text", "files", Div("contact_fax", css_class="honeypot", aria_hidden="true")
        )

    def clean_files(self):
        files = self.cleaned_data["files"]
        check_documents(files)
        return files

    def clean(self):
        data = super().clean()
        for message in refusal_messages(self.refused):
            self.add_error("files", message)
        if not self.errors and not data.get("text") and not data.get("files"):
            self.add_error("text", _("Write your answer, attach a file, or both."))
        return data
