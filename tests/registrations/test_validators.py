import pytest
from django.core.exceptions import ValidationError

from registrations.forms import RegistrationForm
from registrations.validators import normalise_registration_code, normalise_vat_code
from tests.factories import RegistrationCallFactory, registration_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.mark.parametrize(
    ("country", "typed", "canonical"),
    [
        ("LT", "188621919", "188621919"),  # the Ministry's own code
        ("LT", "188 621 919", "188621919"),
        ("LV", "40003245752", "40003245752"),
        ("EE", "10137319", "10137319"),
        ("PL", "0000028860", "0000028860"),  # KRS
        ("PL", "192598184", "192598184"),  # REGON
        ("DE", "hrb 12345", "HRB12345"),
    ],
)
def test_registration_codes_accepted_and_normalised(country, typed, canonical):
    assert normalise_registration_code(country, typed) == canonical


@pytest.mark.parametrize(
    ("country", "typed", "message"),
    [
        ("LT", "188621918", "This is not a valid Lithuanian company code: check the digits."),
        ("LT", "18862191", "A Lithuanian company code has 9 digits, for example 188621919."),
        ("LT", "ABC", "A Lithuanian company code has 9 digits, for example 188621919."),
        ("LV", "40003245753", "This is not a valid Latvian registration number: check the digits."),
        ("LV", "010101-12345", "This is not a valid Latvian registration number: check the digits."),
        ("EE", "10137318", "This is not a valid Estonian registry code: check the digits."),
        ("PL", "192598185", "This is not a valid REGON number: check the digits."),
        (
            "PL",
            "12345",
            "Enter the KRS number (10 digits), the NIP (10 digits) or the REGON (9 or 14 digits).",
        ),
        ("FR", "<script>", "Enter the organisation's registration code: 2 to 31 letters and digits."),
    ],
)
def test_registration_codes_refused_with_a_clear_message(country, typed, message):
    with pytest.raises(ValidationError) as error:
        normalise_registration_code(country, typed)
    assert error.value.messages == [message]


@pytest.mark.parametrize(
    ("country", "typed", "canonical"),
    [
        ("LT", "LT100001919017", "LT100001919017"),
        ("LT", "100001919017", "LT100001919017"),
        ("LV", "lv 4000 3245 752", "LV40003245752"),
        ("EE", "EE100207415", "EE100207415"),
        ("PL", "PL 856-734-62-15", "PL8567346215"),
        ("GR", "094259216", "EL094259216"),
        ("NO", "NO123456789MVA", "NO123456789MVA"),
        ("LT", "", ""),
    ],
)
def test_vat_codes_accepted_and_normalised(country, typed, canonical):
    assert normalise_vat_code(country, typed) == canonical


@pytest.mark.parametrize(
    ("country", "typed"), [("LT", "LT100001919018"), ("LT", "LV40003245752"), ("PL", "PL123")]
)
def test_vat_codes_refused_name_the_country_and_an_example(country, typed):
    with pytest.raises(ValidationError) as error:
        normalise_vat_code(country, typed)
    assert error.value.messages[0].startswith("This is not a valid VAT code for ")
    assert "for example" in error.value.messages[0]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("legal_name", "", "Enter the organisation's legal name."),
        ("legal_name", "x" * 256, "Shorten this answer to 255 characters or fewer; it has 256."),
        ("registration_code", "188621918", "This is not a valid Lithuanian company code: check the digits."),
        (
            "vat_code",
            "LT123",
            "This is not a valid VAT code for Lithuania. It starts with LT, for example LT100001919017.",
        ),
        (
            "contact_email",
            "not-an-email",
            "Enter an email address in the form name@example.lt, without spaces, quotation marks, commas or angle brackets.",
        ),
        (
            "contact_phone",
            "12",
            "Enter a phone number like +370 612 34567; for a number outside Lithuania, start with its country code.",
        ),
        ("website", "http://", "Enter a valid URL."),
        (
            "statement",
            "x" * 3001,
            "Shorten the statement of interest to 3000 characters or fewer; it has 3001.",
        ),
        (
            "country",
            "FI",
            "This call accepts organisations registered in these countries: Estonia, Latvia, Lithuania, Poland.",
        ),
        ("participation", [], "Select at least one way the organisation wants to take part."),
        ("participation", ["999"], "Select a valid choice. 999 is not one of the available choices."),
        (
            "organisation_type",
            "spaceship",
            "Select a valid choice. spaceship is not one of the available choices.",
        ),
        ("privacy_consent", "", "Accept the privacy notice to register."),
    ],
)
def test_form_errors_are_clear(field, value, message):
    form = RegistrationForm(data=registration_form_data(**{field: value}), call=RegistrationCallFactory())

    assert not form.is_valid()
    assert form.errors[field] == [message]


def test_valid_form_normalises_codes():
    form = RegistrationForm(
        data=registration_form_data(registration_code="188 621 919", vat_code="100001919017"),
        call=RegistrationCallFactory(),
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["registration_code"] == "188621919"
    assert form.cleaned_data["vat_code"] == "LT100001919017"
