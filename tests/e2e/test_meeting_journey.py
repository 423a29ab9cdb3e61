"""A person signs up for the information meeting and cancels, in a real browser."""

import re

import pytest
from django.core import mail

from events.models import Signup, SignupStatus
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_person_signs_up_for_the_meeting_and_cancels(page, screenshot, assert_accessible):
    meeting = MeetingFactory(title_lt="Information meeting on the Baltic AI Gigafactory")

    page.goto("/en/events/")
    assert_accessible(page, "meeting list")
    screenshot(page, "events-list-en")
    page.get_by_role("link", name="Information meeting on the Baltic AI Gigafactory").click()
    assert page.get_by_role("heading", level=1).inner_text() == meeting.title
    assert meeting.join_url not in page.content()  # sent to confirmed online attendees only
    page.get_by_role("button", name="Sign up").click()
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page, "signup form with errors")
    screenshot(page, "events-signup-errors-en")

    page.get_by_label("Full name").fill("Eglė Petraitytė")
    page.get_by_label("Email address").fill("egle@example.lt")
    page.get_by_label(re.compile(r"^\s*Organisation\s*\*?\s*$")).fill("Vilnius University")
    page.get_by_label("Job title").fill("Researcher")
    page.get_by_label(re.compile("In person")).check()
    page.get_by_label(re.compile("I have read the privacy notice")).check()
    page.get_by_role("button", name="Sign up").click()

    assert "egle@example.lt" in page.locator("main").inner_text()
    assert_accessible(page, "signed-up page")
    screenshot(page, "events-signed-up-en")
    signup = Signup.objects.get()
    assert signup.status == SignupStatus.CONFIRMED
    message = mail.outbox[-1]
    assert [
        attachment[0] for attachment in message.attachments if isinstance(attachment, tuple)
    ] or message.attachments

    link = re.search(r"http://[^/]+(/en/events/signup/\S+/cancel/)", message.body).group(1)
    page.goto(link)
    assert_accessible(page, "cancel page")
    screenshot(page, "events-cancel-en")
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CONFIRMED  # opening the link cancels nothing
    page.get_by_role("button", name="Yes, cancel my signup").click()

    assert page.get_by_text("Your signup has been cancelled.").first.is_visible()
    signup.refresh_from_db()
    assert signup.status == SignupStatus.CANCELLED
