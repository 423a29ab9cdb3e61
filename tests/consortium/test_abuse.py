"""Bad input, robots and guessers: never a server error, never a partial write, nobody let in."""

import re

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from hypothesis.extra.django import from_form, register_field_strategy
from phonenumber_field.formfields import PhoneNumberField
from post_office.models import Email

from consortium.email_address import DeliverableEmailFormField
from consortium.text import AddressField, MultiLineField, SingleLineField
from events.forms import SignupForm
from events.models import Signup
from registrations.forms import RegistrationForm
from registrations.models import Organisation, Registration
from tests.factories import (
    MeetingFactory,
    RegistrationCallFactory,
    RegistrationFactory,
    registration_form_data,
    signup_form_data,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

register_field_strategy(SingleLineField, st.text(max_size=300))
register_field_strategy(MultiLineField, st.text(max_size=1000))
register_field_strategy(AddressField, st.text(max_size=300))
register_field_strategy(DeliverableEmailFormField, st.emails() | st.text(max_size=80))
# Phone numbers: valid ones, national ones and junk.
register_field_strategy(
    PhoneNumberField, st.sampled_from(["+37061234567", "861234567"]) | st.text(max_size=40)
)

FUZZ = hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture
def call():
    return RegistrationCallFactory()


@pytest.fixture
def unlimited(settings):
    """Fuzzing sends hundreds of posts from one client: the rate limit has its own tests."""
    settings.RATELIMIT_PUBLIC_POSTS = ""


@pytest.fixture
def meeting():
    return MeetingFactory()


@pytest.fixture
def public_post_urls(call, meeting):
    registration = RegistrationFactory(call=call)
    urls = [
        "/en/register/",
        "/lt/register/",
        "/en/register/check/",
        "/en/register/edit/not-a-token/",
        "/en/register/edit/x/withdraw/",
        f"/en/events/{meeting.slug}/",
        f"/lt/events/{meeting.slug}/",
        "/en/events/signup/not-a-token/cancel/",
    ]
    return urls, registration


def nothing_written(before: tuple[int, int, int]) -> bool:
    return (Registration.objects.count(), Organisation.objects.count(), Email.objects.count()) == before


def counts() -> tuple[int, int, int, int]:
    return (
        Registration.objects.count(),
        Organisation.objects.count(),
        Signup.objects.count(),
        Email.objects.count(),
    )


@FUZZ
@given(data=st.data())
def test_any_registration_form_input_is_answered_without_a_server_error(client, call, unlimited, data):
    form = data.draw(from_form(RegistrationForm, form_kwargs={"call": call}))
    payload = {**{name: value for name, value in form.data.items() if value is not None}, "call": call.slug}
    before = (Registration.objects.count(), Organisation.objects.count(), Email.objects.count())

    response = client.post("/en/register/", payload)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert nothing_written(before)
    else:  # answers that pass the form's checks can be sent from "check your answers"
        confirmed = client.post("/en/register/check/", {"submission_key": payload.get("submission_key", "")})
        assert confirmed.status_code == 302


@FUZZ
@given(data=st.data())
def test_any_signup_form_input_is_answered_without_a_server_error(client, meeting, unlimited, data):
    form = data.draw(from_form(SignupForm, form_kwargs={"modes": meeting.modes}))
    payload = {name: value for name, value in form.data.items() if value is not None}
    before = counts()

    response = client.post(f"/en/events/{meeting.slug}/", payload)

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert counts() == before


@FUZZ
@given(body=st.binary(max_size=2000))
def test_raw_post_bodies_never_cause_a_server_error(client, public_post_urls, unlimited, body):
    urls, _registration = public_post_urls
    before = counts()

    for url in urls:
        response = client.generic("POST", url, body, content_type="application/x-www-form-urlencoded")
        assert response.status_code in (200, 302, 400, 404, 429), url
    assert counts() == before


@pytest.mark.parametrize(
    "content_type",
    ["application/x-www-form-urlencoded; charset=latin-1", "multipart/form-data; boundary=xyz", "text/plain"],
)
def test_odd_encodings_and_content_types_get_a_clear_answer(client, call, content_type):
    body = "legal_name=\xe9\xff&country=LT".encode("latin-1")

    response = client.generic("POST", "/en/register/", body, content_type=content_type)

    assert response.status_code in (200, 400)
    assert not Registration.objects.exists()


def test_oversized_post_is_refused_with_400_and_saves_nothing(client, call):
    response = client.post("/en/register/", registration_form_data(call, statement="x" * 3_000_000))

    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()
    assert not Registration.objects.exists()


def test_overlong_fields_are_form_errors_not_failures(client, call):
    response = client.post("/en/register/", registration_form_data(call, legal_name="x" * 100_000))

    assert response.status_code == 200
    assert "Shorten this answer to 255 characters or fewer; it has 100000." in response.content.decode()
    assert not Registration.objects.exists()


def test_post_without_csrf_token_gets_a_clear_page_and_saves_nothing(call):
    browser = Client(enforce_csrf_checks=True)

    response = browser.post("/en/register/", registration_form_data(call))

    assert response.status_code == 403
    assert "Your form has expired" in response.content.decode()
    assert not Registration.objects.exists()


def test_honeypot_filled_in_is_refused_and_saves_nothing(client, call, meeting):
    registration = client.post("/en/register/", registration_form_data(call, contact_fax="+1 555 0100"))
    signup = client.post(f"/en/events/{meeting.slug}/", signup_form_data(contact_fax="+1 555 0100"))

    for response in (registration, signup):
        assert response.status_code == 200
        assert "This form could not be accepted." in response.content.decode()
    assert not Registration.objects.exists()
    assert not Signup.objects.exists()


def test_honeypot_is_hidden_from_people_and_assistive_technology(client, call):
    content = client.get("/en/register/").content.decode()

    honeypot = re.search(r'<div\s+class="honeypot"\s+aria-hidden="true">(.*?)</div>\s*</div>', content, re.S)
    assert honeypot
    assert 'name="contact_fax"' in honeypot.group(1)
    assert 'tabindex="-1"' in honeypot.group(1)


def test_too_many_posts_from_one_client_get_a_clear_429_page(client, call, meeting, settings):
    settings.RATELIMIT_PUBLIC_POSTS = "3/h"
    for _ in range(3):
        assert client.post("/en/register/", {"call": call.slug}).status_code == 200

    response = client.post("/en/register/", registration_form_data(call))
    signup = client.post(f"/en/events/{meeting.slug}/", signup_form_data())  # all forms share the budget

    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    assert "Too many attempts" in response.content.decode()
    assert signup.status_code == 429
    assert not Registration.objects.exists()
    assert not Signup.objects.exists()
    assert client.get("/en/register/").status_code == 200  # reading is never limited


def test_limits_are_counted_per_client(client, call, settings):
    settings.RATELIMIT_PUBLIC_POSTS = "1/h"
    client.post("/en/register/", {"call": call.slug}, REMOTE_ADDR="10.0.0.1")

    assert client.post("/en/register/", {"call": call.slug}, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert client.post("/en/register/", {"call": call.slug}, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_guessed_and_real_edit_tokens_cost_the_same_single_lookup(
    client, register, call, django_assert_num_queries
):
    register(registration_form_data(call))
    token = mail.outbox[0].body.split("/en/register/edit/")[1].split("/")[0]
    guess = token[:-1] + ("A" if token[-1] != "A" else "B")

    # The token is hashed and looked up by its hash: no comparison in Python leaks how much of a guess was right.
    with django_assert_num_queries(1):
        assert client.get(f"/en/register/edit/{guess}/").status_code == 404
    assert client.get(f"/en/register/edit/{token}/").status_code == 200


def test_an_edit_token_opens_only_its_own_registration(client, register, call):
    register(registration_form_data(call))
    register(registration_form_data(call, registration_code="110053842", contact_email="b@example.lt"))
    first_token = mail.outbox[0].body.split("/en/register/edit/")[1].split("/")[0]

    page = client.get(f"/en/register/edit/{first_token}/").content.decode()

    first, second = Registration.objects.order_by("pk")
    assert first.reference in page
    assert second.reference not in page
    assert "b@example.lt" not in page


@pytest.mark.parametrize("field", ["legal_name", "statement", "contact_name", "address", "description"])
def test_markup_in_answers_is_shown_escaped_in_pages_and_emails(client, register, call, field):
    script = '<script>alert("x")</script>'
    register(registration_form_data(call, **{field: script}))
    message = mail.outbox[0]
    token = message.body.split("/en/register/edit/")[1].split("/")[0]

    page = client.get(f"/en/register/edit/{token}/").content.decode()
    html_email = message.alternatives[0][0]

    for rendered in (page, html_email):
        assert script not in rendered
        assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in rendered
    assert script in message.body  # plain text is not HTML: shown as typed
