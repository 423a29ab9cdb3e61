"""axe-core on every public page, in all five languages, and the registration form by keyboard alone."""

import re

import pytest
from django.core import mail

from registrations.models import Registration
from tests.documents import pdf
from tests.e2e.conftest import ask_for_more_information
from tests.factories import MeetingFactory, RegistrationCallFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LANGUAGES = ["lt", "en", "lv", "et", "pl"]


@pytest.fixture
def call_and_meeting():
    return RegistrationCallFactory(), MeetingFactory(slug="info")


def fill_by_id(page, values: dict):
    for field_id, value in values.items():
        page.locator(f"#{field_id}").fill(value)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_public_page_passes_axe(page, call_and_meeting, language, screenshot, assert_accessible):
    static_pages = ["", "privacy/", "accessibility/", "events/", "events/info/", "register/", "no-such-page/"]
    for path in static_pages:
        page.goto(f"/{language}/{path}")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("h1").count() == 1, path
        assert_accessible(page, f"/{language}/{path}")
        screenshot(page, f"{language}-{path.strip('/').replace('/', '-') or 'landing'}")

    page.goto(f"/{language}/register/")
    page.locator("button[type=submit]").click()
    assert_accessible(page, "registration form with errors")
    fill_by_id(
        page,
        {
            "id_legal_name": "UAB Testas",
            "id_registration_code": "188621919",
            "id_address": "Vilnius",
            "id_description": "Software.",
            "id_contact_name": "Jonas Jonaitis",
            "id_contact_job_title": "CEO",
            "id_contact_email": "jonas@example.lt",
            "id_contact_phone": "+37061234567",
            "id_statement": "We want to join.",
        },
    )
    page.locator("#id_organisation_type").select_option("startup")
    page.locator("#id_size_0").check()
    page.locator("#id_participation_0").check()
    page.locator("#id_privacy_consent").check()
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"**/{language}/register/check/")
    assert_accessible(page, "check your answers")
    screenshot(page, f"{language}-register-check")
    assert not Registration.objects.exists()
    page.locator("main button[type=submit]").click()
    page.wait_for_url(f"**/{language}/register/done/**")
    assert Registration.objects.filter(language=language).exists()
    assert_accessible(page, "registration done page")
    screenshot(page, f"{language}-register-done")

    edit_link = re.search(r"http://[^/]+(/\w\w/register/edit/\S+/)", mail.outbox[-1].body).group(1)
    page.goto(edit_link)
    assert_accessible(page, "edit page")
    page.goto(edit_link + "withdraw/")
    assert_accessible(page, "withdraw confirmation page")

    ask_for_more_information(Registration.objects.get(language=language))
    reply_link = re.search(r"http://[^/]+(/\w\w/register/edit/\S+/reply/)", mail.outbox[-1].body).group(1)
    page.goto(reply_link)
    assert_accessible(page, "reply page")
    page.locator("main button[type=submit]").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page, "reply page with errors")
    page.locator("#id_text").fill("Our answer.")
    page.locator("#id_files").set_input_files(
        [{"name": "extract.pdf", "mimeType": "application/pdf", "buffer": pdf()}]
    )
    page.locator("main button[type=submit]").click()
    assert page.locator(".sent-reply").is_visible()
    assert_accessible(page, "reply sent")
    screenshot(page, f"{language}-register-reply-sent")

    page.goto(f"/{language}/events/info/")
    page.locator("button[type=submit]").click()
    assert_accessible(page, "signup form with errors")
    fill_by_id(
        page,
        {
            "id_name": "Eglė",
            "id_email": "egle@example.lt",
            "id_organisation": "VU",
            "id_job_title": "Researcher",
        },
    )
    page.locator("input[name=mode][value=in_person]").check()
    page.locator("#id_privacy_consent").check()
    page.locator("button[type=submit]").click()
    assert_accessible(page, "signed-up page")
    cancel_link = re.search(r"http://[^/]+(/\w\w/events/signup/\S+/cancel/)", mail.outbox[-1].body).group(1)
    page.goto(cancel_link)
    assert_accessible(page, "cancel page")
    screenshot(page, f"{language}-events-cancel")


def test_registration_form_works_with_the_keyboard_alone(page, call_and_meeting):
    page.goto("/en/register/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")  # the skip link takes focus past the header

    def tab_to(field_id: str):
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.id") == field_id:
                return
        pytest.fail(f"{field_id} cannot be reached with the Tab key")

    typed = {
        "id_legal_name": "UAB Klaviatūra",
        "id_registration_code": "188621919",
        "id_address": "Vilnius",
        "id_description": "Keyboards.",
        "id_contact_name": "Ona Onaitė",
        "id_contact_job_title": "Director",
        "id_contact_email": "ona@example.lt",
        "id_contact_phone": "+37061234567",
        "id_statement": "We want to join.",
    }
    for field_id in ["id_legal_name", "id_registration_code"]:
        tab_to(field_id)
        page.keyboard.type(typed[field_id])
    tab_to("id_organisation_type")
    page.keyboard.press("ArrowDown")  # the first real choice
    tab_to("id_size_0")
    page.keyboard.press("Space")
    for field_id in [
        "id_address",
        "id_description",
        "id_contact_name",
        "id_contact_job_title",
        "id_contact_email",
    ]:
        tab_to(field_id)
        page.keyboard.type(typed[field_id])
    tab_to("id_contact_phone")
    page.keyboard.type(typed["id_contact_phone"])
    tab_to("id_participation_2")
    page.keyboard.press("Space")
    tab_to("id_statement")
    page.keyboard.type(typed["id_statement"])
    tab_to("id_privacy_consent")
    page.keyboard.press("Space")
    tab_to_submit(page)
    assert page.evaluate("document.activeElement.id") != "id_contact_fax"
    page.keyboard.press("Enter")

    # Check your answers: change one by its link, come back, then confirm and send.
    page.wait_for_url(re.compile("/en/register/check/"))
    assert not Registration.objects.exists()
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('href') || ''").endswith(
            "#id_contact_job_title"
        ):
            break
    else:
        pytest.fail("the Change link of the job title cannot be reached with the Tab key")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/en/register/#id_contact_job_title"))
    assert page.evaluate("document.activeElement.id") == "id_contact_job_title"
    page.keyboard.press("Control+A")
    page.keyboard.type("Managing director")
    tab_to_submit(page)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile("/en/register/check/"))
    assert "Managing director" in page.locator("main").inner_text()
    tab_to_submit(page)
    assert page.evaluate("document.activeElement.textContent").strip() == "Confirm and send"
    page.keyboard.press("Enter")

    page.wait_for_url(re.compile("/en/register/done/"))
    registration = Registration.objects.get()
    assert registration.organisation.legal_name == "UAB Klaviatūra"
    assert registration.contact_job_title == "Managing director"
    assert registration.participation.get().code == "use_compute"


def tab_to_submit(page):
    """Tab on to the page's submit button (the honeypot is not in the tab order)."""
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.type") == "submit":
            return
    pytest.fail("the submit button cannot be reached with the Tab key")
