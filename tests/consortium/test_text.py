"""Text as people meant it: what the forms keep of control, invisible and bidirectional characters."""

import pytest
from django.core import mail

from events.models import Signup
from registrations.models import Registration
from tests.factories import MeetingFactory, RegistrationCallFactory, registration_form_data, signup_form_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def call():
    return RegistrationCallFactory()


def test_single_line_answers_lose_line_breaks_escape_sequences_and_direction_overrides(register, call):
    register(
        registration_form_data(
            call,
            legal_name="UAB\r\nAlfa \x1b[31mRed\x1b[0m",
            contact_name="Ona \u202eetiavanO",
            address="Gedimino pr.\t38,\n Vilnius",
        ),
    )

    registration = Registration.objects.get()
    assert registration.legal_name == "UAB Alfa [31mRed [0m"
    assert registration.contact_name == "Ona etiavanO"
    assert registration.address == "Gedimino pr. 38, Vilnius"
    assert "\x1b" not in mail.outbox[0].body


def test_paragraphs_keep_their_line_breaks_but_not_other_controls(register, call):
    register(registration_form_data(call, statement="First.\r\n\r\nSecond\x07 \u2066line\u2069."))

    assert Registration.objects.get().statement == "First.\n\nSecond line."


@pytest.mark.parametrize("invisible", ["\u200b", "\u3164\u3164", "\u00a0 \u00a0", "\u200d\ufeff", "\u2800"])
def test_an_answer_made_only_of_invisible_characters_is_refused(post, call, invisible):
    response = post("/en/register/", registration_form_data(call, legal_name=invisible, statement=invisible))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Enter the organisation&#x27;s legal name." in content
    assert "Tell us why the organisation wants to join." in content
    assert not Registration.objects.exists()


def test_the_signup_form_cleans_its_answers_the_same_way(post):
    meeting = MeetingFactory(slug="briefing")

    blank = post(f"/en/events/{meeting.slug}/", signup_form_data(name="\u3164"))
    post(f"/en/events/{meeting.slug}/", signup_form_data(name="Eglė\n\u202ePetraitytė", job_title="Head\x1b"))

    assert "Enter your full name." in blank.content.decode()
    signup = Signup.objects.get()
    assert (signup.name, signup.job_title) == ("Eglė Petraitytė", "Head")
