"""An applicant answers a request for more information with a file, and staff open it on the registration."""

import re

import pytest
from django.core import mail
from django.test import Client

from registrations.models import Registration, Status
from tests.documents import pdf
from tests.e2e.conftest import ask_for_more_information
from tests.factories import RegistrationCallFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_reply_with_an_attachment_reaches_staff(
    page, live_server, register_in_browser, assert_accessible, screenshot
):
    RegistrationCallFactory()
    register_in_browser(page)
    registration = Registration.objects.get()
    coordinator = ask_for_more_information(registration, question="How many GPUs do you operate?")
    link = re.search(r"http://[^/]+(/en/register/edit/\S+/)", mail.outbox[-1].body).group(1)

    page.goto(link)
    page.get_by_role("link", name="Answer the request, with files if needed").click()
    assert "How many GPUs do you operate?" in page.locator("main").inner_text()
    page.get_by_label("Your answer").fill("Forty, listed in the attached inventory.")
    page.get_by_label("Attach files (optional)").set_input_files(
        [{"name": "inventory.pdf", "mimeType": "application/pdf", "buffer": pdf()}]
    )
    assert_accessible(page, "reply page, filled in")
    page.get_by_role("button", name="Send the reply").click()
    assert page.get_by_text("Your reply has been sent.").is_visible()
    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW
    assert any(
        m.to == ["coordinator@eimin.example"] and registration.reference in m.subject for m in mail.outbox
    )

    staff = Client()
    staff.force_login(coordinator)
    page.context.add_cookies(
        [{"name": "sessionid", "value": staff.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"/admin/registrations/registration/{registration.pk}/change/")
    replies = page.locator("#replies")
    assert "Forty, listed in the attached inventory." in replies.inner_text()
    screenshot(page, "admin-registration-replies")
    with page.expect_download() as downloading:
        replies.get_by_role("link", name="inventory.pdf").click()
    download = downloading.value
    assert download.suggested_filename == "inventory.pdf"
    with open(download.path(), "rb") as handle:
        assert handle.read() == pdf()
