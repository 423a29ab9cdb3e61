import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from registrations.models import ParticipationKind, Registration, Status
from tests.factories import RegistrationCallFactory, RegistrationFactory, registration_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    return RegistrationCallFactory()


def edit_link(message) -> str:
    return re.search(r"http://[^/]+(/\w+/register/edit/[^/\s]+/)", message.body).group(1)


def test_bare_path_redirects_to_a_language_prefixed_page(client, call):
    response = client.get("/register/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/en/register/"

    assert client.get("/register/")["Location"] == "/lt/register/"


def test_registration_journey_ends_on_a_confirmation_page(register, call):
    response = register(registration_form_data(call), follow=True)

    registration = Registration.objects.get()
    content = response.content.decode()
    assert response.redirect_chain == [(f"/en/register/done/{registration.reference}/", 302)]
    assert registration.reference in content
    assert "We have sent a confirmation to <strong>jonas@example.lt</strong>" in content
    assert "What happens next" in content
    assert registration.language == "en"
    assert len(mail.outbox) == 1


def test_confirmation_page_is_only_for_the_browser_that_submitted(client, call):
    registration = RegistrationFactory(call=call)

    assert client.get(f"/en/register/done/{registration.reference}/").status_code == 404


def test_failed_submit_shows_an_error_summary_linking_to_fields_and_saves_nothing(client, post, call):
    data = registration_form_data(call, legal_name="", contact_email="nope", privacy_consent=None)

    response = post("/en/register/", data)

    content = response.content.decode()
    assert response.status_code == 200
    assert "<title>Error: Register your organisation" in content
    assert "There is a problem" in content
    assert '<a href="#id_legal_name">Enter the organisation&#x27;s legal name.</a>' in content
    assert '<a href="#id_contact_email">Enter an email address in the form name@example.lt' in content
    assert '<a href="#id_privacy_consent">Accept the privacy notice to register.</a>' in content
    assert 'value="nope"' in content  # what was typed is kept, right or wrong
    assert 'value="Jonas Jonaitis"' in content
    assert not Registration.objects.exists()
    assert mail.outbox == []


def test_double_post_of_the_same_form_leads_to_the_same_reference(client, register, call):
    data = registration_form_data(call)

    first = register(data)
    second = register(data)

    assert first["Location"] == second["Location"]
    assert Registration.objects.count() == 1
    assert len(mail.outbox) == 1


def test_second_registration_of_an_organisation_reveals_nothing(client, register, call):
    register(registration_form_data(call))
    first = Registration.objects.get()
    other_browser = type(client)()

    response = register(
        registration_form_data(call, contact_email="other@example.com"), browser=other_browser, follow=True
    )

    content = response.content.decode()
    assert response.redirect_chain == [("/en/register/already-registered/", 302)]
    assert "We could not take this registration" in content
    assert "is already registered" not in content
    assert first.reference not in content
    assert "jonas@example.lt" not in content
    assert Registration.objects.count() == 1
    assert mail.outbox[-1].to == ["jonas@example.lt"]

    # Again the same day: the contact is not emailed again, and the visitor cannot tell.
    sent = len(mail.outbox)
    again = register(registration_form_data(call), browser=type(client)(), follow=True)
    assert len(mail.outbox) == sent
    assert again.content.decode() == content


def test_edit_link_lets_the_applicant_correct_the_registration(client, post, register, call):
    register(registration_form_data(call))
    link = edit_link(mail.outbox[0])

    page = client.get(link)
    data = registration_form_data(statement="Corrected statement", registration_code="110053842")
    data.pop("submission_key")
    response = post(link, data, follow=True)

    registration = Registration.objects.get()
    assert page.status_code == 200
    assert "Correct your registration" in page.content.decode()
    assert 'value="188621919"' in page.content.decode()
    assert registration.statement == "Corrected statement"
    assert registration.organisation.registration_code == "188621919"
    assert "Your changes have been saved." in response.content.decode()


def test_edit_link_stops_working_when_the_call_closes(client, post, register, call):
    register(registration_form_data(call))
    link = edit_link(mail.outbox[0])
    call.closes_at = timezone.now() - timedelta(seconds=1)
    call.save()

    page = client.get(link)
    data = registration_form_data(statement="Too late")
    response = post(link, data)

    assert "This registration can no longer be changed online." in page.content.decode()
    assert 'name="statement"' not in page.content.decode()
    assert "This registration can no longer be changed online." in response.content.decode()
    assert Registration.objects.get().statement == "We want to train models on the gigafactory."


def test_unknown_edit_token_is_not_found(client, call):
    RegistrationFactory(call=call)

    assert (
        client.get("/en/register/edit/not-a-real-token-but-long-enough-to-look-like-one/").status_code == 404
    )


def test_withdrawal_asks_for_confirmation_before_withdrawing(client, post, register, call):
    register(registration_form_data(call))
    link = edit_link(mail.outbox[0])

    confirm = client.get(link + "withdraw/")
    assert Registration.objects.get().status == Status.SUBMITTED
    response = post(link + "withdraw/", follow=True)

    assert "Do you want to withdraw the registration" in confirm.content.decode()
    assert Registration.objects.get().status == Status.WITHDRAWN
    assert "The registration has been withdrawn." in response.content.decode()
    assert "withdrawn" in mail.outbox[-1].subject


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({}, 200),
        ({"call": "no-such-call"}, 200),
        ({"participation": ["abc"], "submission_key": "not-a-uuid"}, 200),
        ({"country": "ZZ", "registration_code": "\x00"}, 400),
        ({"call": "call\x00"}, 400),
        ({"contact_phone": "+" + "9" * 200}, 200),
    ],
)
def test_odd_posts_never_fail_with_a_server_error(client, post, call, payload, status):
    response = post("/en/register/", payload)

    assert response.status_code == status
    assert not Registration.objects.exists()


SUBMISSION_KEY = re.compile(r'<input type="hidden" name="submission_key" value="([0-9a-f-]{36})"[^>]*>')


def form_markup(response) -> tuple[str, str]:
    """The page's form without the CSRF token, and its submission key."""
    content = response.content.decode()
    form = content[content.index("<form") : content.index("</form>")]
    [key] = SUBMISSION_KEY.findall(form)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", SUBMISSION_KEY.sub("", form)), key


def test_the_empty_form_is_the_same_for_everyone_but_its_submission_key(client, call):
    first, first_key = form_markup(client.get("/en/register/"))
    again, again_key = form_markup(client.get("/en/register/"))
    lithuanian, _key = form_markup(client.get("/lt/register/"))

    assert first == again
    assert first_key != again_key
    assert "Legal name" in first
    assert "Legal name" not in lithuanian
    assert 'href="/lt/privacy/"' in lithuanian


def test_the_empty_form_follows_the_ways_of_taking_part(client, call):
    def order(response):
        return re.findall(r'name="participation" value="(\d+)"', response.content.decode())

    before = order(client.get("/en/register/"))
    kinds = list(ParticipationKind.objects.all())
    for position, kind in enumerate(reversed(kinds)):
        kind.position = position
        kind.save()

    assert order(client.get("/en/register/")) == list(reversed(before))


def test_a_form_with_errors_keeps_its_answers_and_submission_key(client, call):
    data = registration_form_data(call, legal_name="")
    response = client.post("/en/register/", data)

    form, key = form_markup(response)
    assert key == str(data["submission_key"])
    assert f'value="{data["contact_email"]}"' in form
    assert Registration.objects.count() == 0


def test_a_valid_form_leads_to_check_your_answers_and_registers_nothing_yet(client, post, call):
    data = registration_form_data(call, address="Gedimino pr. 38\r\nLT-01104 Vilnius")

    response = post("/en/register/", data, follow=True)

    content = response.content.decode()
    assert response.redirect_chain == [("/en/register/check/", 302)]
    assert "<h1>Check your answers before sending them</h1>" in content
    assert not Registration.objects.exists()
    assert mail.outbox == []
    for shown in [
        "UAB Dirbtinis Intelektas",
        "Lithuania",
        "188621919",
        "Technology provider",
        "Gedimino pr. 38, LT-01104 Vilnius",
        "Jonas Jonaitis",
        "+370 612 34567",
        "Develop and offer AI solutions; Use computing capacity",
        "Not answered",
    ]:
        assert shown in content, shown
    assert (
        'href="/en/register/#id_legal_name">Change<span class="visually-hidden"> legal name</span>' in content
    )
    assert 'href="/en/register/#id_size_0">Change' in content
    assert f'name="submission_key" value="{data["submission_key"]}"' in content


def test_change_link_returns_to_the_form_with_every_answer_kept(client, post, call):
    data = registration_form_data(call, statement="Our first statement.")
    post("/en/register/", data)

    form, key = form_markup(client.get("/en/register/"))

    assert key == data["submission_key"]
    assert 'value="UAB Dirbtinis Intelektas"' in form
    assert "Our first statement." in form
    assert "There is a problem" not in form


def test_confirm_and_send_registers_once_and_the_back_button_leads_to_the_confirmation(client, post, call):
    data = registration_form_data(call)
    post("/en/register/", data)

    sent = post("/en/register/check/", {"submission_key": data["submission_key"]})
    again = post("/en/register/check/", {"submission_key": data["submission_key"]})

    registration = Registration.objects.get()
    assert sent["Location"] == again["Location"] == f"/en/register/done/{registration.reference}/"
    assert len(mail.outbox) == 1
    assert client.get("/en/register/check/")["Location"] == "/en/register/"
    assert 'value="UAB Dirbtinis Intelektas"' not in client.get("/en/register/").content.decode()


def test_check_page_without_answers_sends_back_to_the_form(client, call):
    response = client.post("/en/register/check/", {"submission_key": "00000000-0000-0000-0000-000000000000"})

    assert response["Location"] == "/en/register/"
    assert not Registration.objects.exists()


def test_form_offers_exactly_the_calls_countries_after_an_empty_choice(client, call):
    call.countries = ["LT", "LV", "EE", "PL"]
    call.save()

    content = client.get("/en/register/").content.decode()

    select = content[
        content.index('<select name="country"') : content.index("</select>", content.index('name="country"'))
    ]
    assert re.findall(r'<option value="([^"]*)"', select) == ["", "EE", "LV", "LT", "PL"]
    assert ">Select a country</option>" in select
    assert "──" not in select


def test_a_country_outside_the_call_is_refused_with_a_clear_message(client, post, call):
    call.countries = ["LT", "LV"]
    call.save()

    response = post("/en/register/", registration_form_data(call, country="EE", registration_code="10137319"))

    content = response.content.decode()
    assert "This call accepts organisations registered in these countries: Latvia, Lithuania." in content
    assert '<a href="#id_country">' in content
    assert not Registration.objects.exists()


def test_long_answers_have_a_counter_and_no_browser_limit_that_cuts_text(client, call):
    content = client.get("/en/register/").content.decode()

    [statement] = re.findall(r'<textarea[^>]*name="statement"[^>]*>', content)
    assert 'data-maxlength="3000"' in statement
    assert 'data-count-left="Characters left: {count} of {limit}"' in statement
    assert "maxlength=" not in statement.replace("data-maxlength=", "")
    assert not re.search(r"<input[^>]* maxlength=", content)


def test_too_long_an_answer_is_refused_with_how_much_too_long(client, post, call):
    response = post("/en/register/", registration_form_data(call, statement="x" * 3010))

    content = response.content.decode()
    assert "Shorten the statement of interest to 3000 characters or fewer; it has 3010." in content
    assert "x" * 3010 in content  # kept whole, for the person to shorten
    assert not Registration.objects.exists()


def test_address_is_a_text_area_for_the_whole_address(client, call):
    content = client.get("/en/register/").content.decode()

    assert re.search(
        r'<textarea[^>]*name="address"[^>]*autocomplete="street-address"|<textarea[^>]*autocomplete="street-address"[^>]*name="address"',
        content,
    )
    assert 'autocomplete="street-address"' not in "".join(re.findall(r"<input[^>]*>", content))
