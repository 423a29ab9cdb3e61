import pytest

from registrations.models import MessageTemplate, Status
from registrations.selectors import message_templates, possible_duplicates
from tests.factories import RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def found(registration) -> dict[str, tuple[str, ...]]:
    return {
        duplicate.registration.reference: tuple(map(str, duplicate.reasons))
        for duplicate in possible_duplicates(registration=registration)
    }


def test_duplicates_share_the_vat_code_contact_email_or_email_domain():
    registration = RegistrationFactory(contact_email="Ona@Company.lt", vat_code="LT100001919017")
    same_vat = RegistrationFactory(vat_code="LT100001919017")
    same_email = RegistrationFactory(contact_email="ona@company.lt")
    same_domain = RegistrationFactory(contact_email="jonas@company.lt")
    same_organisation = RegistrationFactory(organisation=registration.organisation, contact_email="x@y.lt")
    RegistrationFactory(contact_email="ona@company.lt.example.org")
    RegistrationFactory(vat_code="LT100004315718")

    assert found(registration) == {
        same_vat.reference: ("same VAT code",),
        same_email.reference: ("same contact email",),
        same_domain.reference: ("same email domain",),
        same_organisation.reference: ("same organisation",),
    }


def test_free_mail_domains_and_missing_vat_codes_are_no_hint():
    registration = RegistrationFactory(contact_email="ona@gmail.com", vat_code="")
    RegistrationFactory(contact_email="jonas@gmail.com", vat_code="")
    RegistrationFactory(contact_email="ruta@GMAIL.com")

    assert found(registration) == {}


def test_duplicates_never_include_the_registration_itself():
    registration = RegistrationFactory(contact_email="solo@unique.lt")

    assert found(registration) == {}


def test_email_texts_fall_back_to_english_where_a_language_has_none():
    MessageTemplate.objects.filter(status=Status.ACCEPTED, language="lt").delete()

    templates = message_templates(status=Status.ACCEPTED, languages={"lt", "en", "pl"})

    assert {language: template.language for language, template in templates.items()} == {
        "lt": "en",
        "en": "en",
        "pl": "pl",  # seeded in every language since migration 0009
    }
    assert message_templates(status=Status.DECLINED, languages={"lt"})["lt"].subject.startswith("Sprendimas")
