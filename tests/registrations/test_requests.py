"""One request for more information to applicants in four languages: the question written once, each email
in the applicant's own language, quoting it."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from registrations.admin.forms import vilnius_today
from registrations.models import Registration, Status, StatusChange
from registrations.services.requests import request_information
from registrations.services.review import ReviewRefused
from tests.factories import RegistrationCallFactory, RegistrationFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

LIST = "/admin/registrations/registration/"
QUESTION = "Please send the 2024 annual report and name the person responsible for compute."
# The default email text for "needs information" in each language: its subject and a sentence of its frame.
FRAMES = {
    "lt": ("Reikia daugiau informacijos apie jūsų registraciją", "Papildykite registraciją"),
    "lv": ("Nepieciešama papildu informācija par jūsu reģistrāciju", "Lūdzu, papildiniet reģistrāciju"),
    "et": ("Vajame teie registreeringu kohta lisateavet", "Palun lisage see alloleva lingi kaudu."),
    "pl": (
        "Potrzebujemy dodatkowych informacji dotyczących Państwa zgłoszenia",
        "Prosimy o ich uzupełnienie",
    ),
}


@pytest.fixture
def applicants():
    call = RegistrationCallFactory()
    return {
        language: RegistrationFactory(
            call=call, status=Status.UNDER_REVIEW, language=language, contact_email=f"{language}@example.org"
        )
        for language in FRAMES
    }


def ask(registrations, by, **kwargs):
    return request_information(
        registrations=list(registrations),
        by=by,
        question=kwargs.pop("question", QUESTION),
        reopened_until=timezone.now() + timedelta(days=7),
        **kwargs,
    )


def sent_to(email):
    [message] = [message for message in mail.outbox if message.to == [email]]
    return message


def test_one_question_reaches_four_languages_each_framed_in_its_own(
    applicants, reviewer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        asked = ask(applicants.values(), reviewer)

    assert all(result.change and not result.refusal for result in asked)
    assert len(mail.outbox) == 4
    for language, registration in applicants.items():
        subject, sentence = FRAMES[language]
        message = sent_to(registration.contact_email)
        assert message.subject == f"{subject} ({registration.reference})"
        assert sentence in message.body
        assert f"\n\n{QUESTION}\n\n" in message.body  # quoted as written, a paragraph of its own
        assert f"/{language}/register/edit/" in message.body
        assert message.extra_headers["Content-Language"] == language
        registration.refresh_from_db()
        assert registration.status == Status.NEEDS_INFORMATION
    assert StatusChange.objects.filter(email_body__contains=QUESTION).count() == 4


def test_a_version_in_an_applicants_language_is_quoted_to_them(
    applicants, reviewer, django_capture_on_commit_callbacks
):
    lithuanian = "Atsiųskite 2024 m. metinę ataskaitą."

    with django_capture_on_commit_callbacks(execute=True):
        ask(applicants.values(), reviewer, translations={"lt": lithuanian, "pl": "  "})

    assert lithuanian in sent_to("lt@example.org").body
    assert QUESTION not in sent_to("lt@example.org").body
    assert QUESTION in sent_to("pl@example.org").body  # a blank version is no version


def test_the_question_is_quoted_literally(applicants, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask([applicants["et"]], reviewer, question="What does {reference} stand for in your plan?")

    assert "What does {reference} stand for in your plan?" in sent_to("et@example.org").body


def test_a_registration_that_cannot_be_asked_is_named_and_the_others_are_asked(
    applicants, reviewer, django_capture_on_commit_callbacks
):
    withdrawn = RegistrationFactory(status=Status.WITHDRAWN, language="lt")

    with django_capture_on_commit_callbacks(execute=True):
        asked = ask([*applicants.values(), withdrawn], reviewer)

    refused = [result for result in asked if result.refusal]
    assert [result.registration for result in refused] == [withdrawn]
    assert withdrawn.reference in refused[0].refusal
    assert len(mail.outbox) == 4


def test_a_request_without_its_question_is_refused_and_moves_nothing(applicants, reviewer):
    with pytest.raises(ReviewRefused, match="Write the question"):
        ask(applicants.values(), reviewer, question="  ")

    assert not StatusChange.objects.exists()


def test_a_request_may_move_without_emailing(applicants, reviewer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ask(applicants.values(), reviewer, question="", send_email=False)

    assert mail.outbox == []
    assert set(Registration.objects.values_list("status", flat=True)) == {Status.NEEDS_INFORMATION}


def test_the_bulk_request_page_asks_for_the_question_once(
    as_staff, applicants, reviewer, django_capture_on_commit_callbacks
):
    selected = {
        "action": "move_to_needs_information",
        "_selected_action": [r.pk for r in applicants.values()],
    }
    client = as_staff(reviewer)
    confirmation = client.post(LIST, {**selected, "index": "0"})
    page = confirmation.content.decode()
    assert page.count('name="question"') == 1
    for language, name in (("lt", "Lithuanian"), ("lv", "Latvian"), ("et", "Estonian"), ("pl", "Polish")):
        assert f'name="question_{language}"' in page
        assert f"The question in {name}" in page
    texts = {field.html_name: field.value() for field in confirmation.context["form"].message_fields()}
    data = {
        **selected,
        **texts,
        "confirm": "yes",
        "send_email": "on",
        "question": QUESTION,
        "question_lv": "Lūdzu, atsūtiet pārskatu.",
        "reopened_until": (vilnius_today() + timedelta(days=7)).isoformat(),
    }

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(LIST, data)

    assert response.status_code == 302
    assert len(mail.outbox) == 4
    assert "Lūdzu, atsūtiet pārskatu." in sent_to("lv@example.org").body
    assert QUESTION in sent_to("pl@example.org").body
