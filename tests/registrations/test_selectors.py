import pytest

from registrations.email_texts import draft_from
from registrations.models import MessageTemplate, Status
from registrations.selectors import message_template, possible_duplicates
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


def test_email_text_left_empty_in_a_language_falls_back_to_lithuanian_then_english():
    template = message_template(status=Status.ACCEPTED)
    template.subject_pl = template.body_pl = ""
    template.save()

    assert draft_from(template, "pl").subject == "Jūsų registracija priimta ({reference})"
    assert draft_from(template, "et").subject == "Teie registreering on heaks kiidetud ({reference})"

    template.subject_lt = template.body_lt = ""
    template.save()

    assert draft_from(template, "pl").subject == "Your registration has been accepted ({reference})"
    assert draft_from(template, "lt").body.startswith("Dear {contact_name},")


def test_each_status_has_one_email_text_in_every_language():
    assert MessageTemplate.objects.count() == 3
    declined = message_template(status=Status.DECLINED)

    assert [
        draft_from(declined, language).subject.split()[0] for language in ("lt", "en", "lv", "et", "pl")
    ] == [
        "Sprendimas",
        "Decision",
        "Lēmums",
        "Otsus",
        "Decyzja",
    ]
