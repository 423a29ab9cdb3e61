"""An organisation registers in a real browser: a failed submit, a fix, the email's link, a correction."""

import re

import pytest
from django.core import mail

from registrations.models import Registration
from tests.factories import RegistrationCallFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def fill_registration(page, *, legal_name="UAB Dirbtinis Intelektas"):
    page.get_by_label("Legal name").fill(legal_name)
    page.get_by_label("Registration code").fill("188 621 919")
    page.get_by_label("Type of organisation").select_option("research_institute")
    page.get_by_label(re.compile(r"Medium \(fewer than 250")).check()
    page.get_by_label("Registered address").fill("Gedimino pr. 38, Vilnius")
    page.get_by_label("Short description").fill("Applied research in language technology.")
    page.get_by_label("Full name").fill("Jonas Jonaitis")
    page.get_by_label("Job title").fill("Director")
    page.get_by_label("Email address").fill("jonas@example.lt")
    page.get_by_label("Phone number").fill("+370 612 34567")
    page.get_by_label("Research and training").check()
    page.get_by_label("Use computing capacity").check()
    page.get_by_label("Statement of interest").fill("We train speech models for Lithuanian.")
    page.get_by_label(re.compile("I have read the privacy notice")).check()


def test_organisation_registers_after_fixing_errors_and_corrects_it_by_email(
    page, screenshot, assert_accessible
):
    RegistrationCallFactory(title_lt="Baltic AI Gigafactory Consortium")

    page.goto("/en/register/")
    statement = page.get_by_label("Statement of interest")
    statement.fill("x" * 3005)  # pasted, too long: kept whole, and the counter says by how much
    assert statement.input_value() == "x" * 3005
    assert page.locator("#id_statement-count").inner_text() == "Too long by 5 characters: the limit is 3,000"
    assert "id_statement-count" in statement.get_attribute("aria-describedby")
    assert_accessible(page, "empty form")
    screenshot(page, "register-empty-en")
    fill_registration(page, legal_name="")
    page.get_by_label("Email address").fill("jonas@")
    page.get_by_role("button", name="Continue").click()

    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert summary.evaluate("element => element === document.activeElement")  # focus moved to the summary
    assert page.title().startswith("Error:")
    assert_accessible(page, "form with errors")
    screenshot(page, "register-errors-en")
    summary.get_by_role("link", name="Enter the organisation's legal name.").click()
    assert page.evaluate("document.activeElement.id") == "id_legal_name"

    page.get_by_label("Legal name").fill("UAB Dirbtinis Intelektas")
    page.get_by_label("Email address").fill("jonas@example.lt")
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Continue").click()

    assert page.get_by_role("heading", level=1).inner_text() == "Check your answers before sending them"
    assert_accessible(page, "check your answers")
    screenshot(page, "register-check-en")
    page.get_by_role("button", name="Confirm and send").click()

    registration = Registration.objects.get()
    assert page.get_by_role("heading", level=1).inner_text() == "Registration complete"
    assert registration.reference in page.locator(".reference").inner_text()
    assert_accessible(page, "confirmation page")
    screenshot(page, "register-done-en")

    link = re.search(r"http://[^/]+(/en/register/edit/\S+/)", mail.outbox[0].body).group(1)
    page.goto(link)
    page.get_by_label("Statement of interest").fill("We train speech and language models.")
    page.get_by_role("button", name="Save changes").click()
    assert page.get_by_text("Your changes have been saved.").is_visible()
    assert_accessible(page, "edit page")
    screenshot(page, "register-edit-en")
    registration.refresh_from_db()
    assert registration.statement == "We train speech and language models."
