import re
from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from events.models import Signup, SignupStatus
from tests.events.helpers import cancel_path, join, to
from tests.factories import MeetingFactory, RegistrationFactory, signup_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(in_person_capacity=2, title_lt="Gigafactory briefing", slug="briefing")


@pytest.fixture
def post(client, django_capture_on_commit_callbacks):
    """POST as a browser would, with the emails queued on commit delivered before returning."""

    def _post(path, data=None, *, browser=None, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return (browser or client).post(path, data or {}, **kwargs)

    return _post


def test_bare_events_path_redirects_to_a_language_prefixed_page(client):
    assert client.get("/events/", HTTP_ACCEPT_LANGUAGE="en")["Location"] == "/en/events/"
    assert client.get("/events/")["Location"] == "/lt/events/"


def test_meeting_list_separates_upcoming_and_past_meetings(client, meeting):
    past = MeetingFactory(title_lt="Spring briefing", starts_at=timezone.now() - timedelta(days=30))

    content = client.get("/en/events/").content.decode()

    upcoming_part, past_part = content.split("Past meetings")
    assert 'href="/en/events/briefing/"' in upcoming_part
    assert past.title in past_part
    assert past.title not in upcoming_part


def test_meeting_page_shows_time_in_vilnius_seats_left_and_the_form(client):
    meeting = MeetingFactory(
        slug="august",
        starts_at=datetime(2099, 8, 1, 7, 0, tzinfo=UTC),
        ends_at=datetime(2099, 8, 1, 9, 0, tzinfo=UTC),
        in_person_capacity=100,
    )
    join(meeting)

    content = client.get("/en/events/august/").content.decode()

    assert "1 August 2099, 10:00–12:00 (Vilnius time)" in content
    assert "In person: 99 of 100 seats left" in content
    assert "Online: no limit" in content
    assert 'name="email"' in content
    assert content.count("<h1") == 1


def test_meeting_page_form_is_accessible(client, meeting):
    content = client.get("/en/events/briefing/").content.decode()

    for name, autocomplete in [
        ("name", "name"),
        ("email", "email"),
        ("organisation", "organization"),
        ("job_title", "organization-title"),
    ]:
        [tag] = re.findall(rf'<input[^>]*name="{name}"[^>]*>', content)
        assert f'autocomplete="{autocomplete}"' in tag, name
        assert f'for="id_{name}"' in content, name
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*How will you attend\?", content)
    assert re.search(r"<fieldset[^>]*>\s*<legend[^>]*>\s*Language of our emails", content)
    assert re.search(r'<input type="radio"[^>]*name="language" value="en"[^>]*checked>', content)
    assert "<script>" not in content
    assert 'style="' not in content


def test_language_defaults_to_the_pages_language(client, meeting):
    content = client.get("/lt/events/briefing/").content.decode()

    assert re.search(r'<input type="radio"[^>]*name="language" value="lt"[^>]*checked>', content)


def test_signing_up_redirects_to_check_your_email(post, meeting):
    response = post("/en/events/briefing/", signup_form_data(), follow=True)

    signup = Signup.objects.get()
    assert response.redirect_chain == [("/en/events/briefing/check-your-email/", 302)]
    assert "We have sent the details of your signup" in response.content.decode()
    assert "<strong>egle@example.lt</strong>" in response.content.decode()
    assert signup.status == SignupStatus.CONFIRMED
    assert signup.language == "en"
    assert mail.outbox[0].to == ["egle@example.lt"]


def test_duplicate_signup_reads_exactly_like_a_new_one(client, post, meeting):
    first = post("/en/events/briefing/", signup_form_data(), follow=True)
    other_browser = type(client)()

    second = post(
        "/en/events/briefing/",
        signup_form_data(name="Someone Else", mode="online"),
        browser=other_browser,
        follow=True,
    )

    assert second.redirect_chain == first.redirect_chain
    assert second.content == first.content
    assert Signup.objects.count() == 1
    assert [m.subject for m in to(mail.outbox, "egle@example.lt")] == [
        "Your seat is confirmed: Gigafactory briefing",
        "You are already signed up: Gigafactory briefing",
    ]


def test_the_page_after_signing_up_says_whether_there_is_a_seat_or_which_place_on_the_list(
    client, post, meeting
):
    confirmed = post("/en/events/briefing/", signup_form_data(email="a@example.lt"), follow=True)
    post("/en/events/briefing/", signup_form_data(email="b@example.lt"), browser=type(client)())

    waitlisted = post(
        "/en/events/briefing/", signup_form_data(email="c@example.lt"), browser=type(client)(), follow=True
    )

    assert Signup.objects.get(email="c@example.lt").waitlist_position == 1
    assert '<h1 class="h2 mb-0">You have a seat</h1>' in confirmed.content.decode()
    assert "<title>You have a seat" in confirmed.content.decode()
    page = waitlisted.content.decode()
    assert 'You are number <strong class="reference">1</strong> on the waiting list.' in page
    assert "<title>You are on the waiting list" in page
    [email] = to(mail.outbox, "c@example.lt")
    assert email.subject == "You are number 1 on the waiting list: Gigafactory briefing"
    assert "You are number 1." in email.body


def test_a_duplicate_signup_on_a_full_meeting_reads_like_a_new_one_would(client, post, meeting):
    for address in ["a@example.lt", "b@example.lt"]:
        post("/en/events/briefing/", signup_form_data(email=address), browser=type(client)())

    again = post(
        "/en/events/briefing/", signup_form_data(email="a@example.lt"), browser=type(client)(), follow=True
    )
    new = post(
        "/en/events/briefing/", signup_form_data(email="c@example.lt"), browser=type(client)(), follow=True
    )

    # The address already holds a seat; the page says what anyone signing up at that moment would get.
    assert again.content.decode().replace("a@example.lt", "c@example.lt") == new.content.decode()
    assert 'You are number <strong class="reference">1</strong> on the waiting list.' in new.content.decode()
    assert Signup.objects.get(email="a@example.lt").status == SignupStatus.CONFIRMED


def test_signup_links_its_contacts_own_registration_by_its_reference(post, meeting):
    registration = RegistrationFactory(reference="BAIGF-2025-0042", contact_email="Egle@Example.lt")

    post("/en/events/briefing/", signup_form_data(registration_reference=" baigf-2025-0042 "))

    signup = Signup.objects.get()
    assert signup.registration == registration
    assert signup.registration_reference == "BAIGF-2025-0042"


def test_the_signup_form_does_not_tell_whether_a_reference_exists(client, post, meeting):
    RegistrationFactory(reference="BAIGF-2025-0042", contact_email="someone@other.lt")

    known = post("/en/events/briefing/", signup_form_data(registration_reference="BAIGF-2025-0042"))
    unknown = post(
        "/en/events/briefing/",
        signup_form_data(email="b@example.lt", registration_reference="BAIGF-2025-9999"),
        browser=type(client)(),
    )

    assert (known.status_code, unknown.status_code) == (302, 302)
    assert known["Location"] == unknown["Location"]
    # Both references are kept for staff to check; someone else's registration is linked to neither.
    assert dict(Signup.objects.values_list("registration_reference", "registration")) == {
        "BAIGF-2025-0042": None,
        "BAIGF-2025-9999": None,
    }


def test_failed_signup_shows_an_error_summary_and_saves_nothing(post, meeting):
    response = post(
        "/en/events/briefing/", signup_form_data(name="", email="nope", mode=None, privacy_consent=None)
    )

    content = response.content.decode()
    assert "<title>Error: Gigafactory briefing" in content
    assert "There is a problem" in content
    assert '<a href="#id_name">Enter your full name.</a>' in content
    assert '<a href="#id_email">Enter an email address in the form name@example.lt' in content
    assert '<a href="#id_mode_0">Choose how you will attend.</a>' in content
    assert '<a href="#id_privacy_consent">Accept the privacy notice to sign up.</a>' in content
    assert 'value="nope"' in content
    assert not Signup.objects.exists()
    assert mail.outbox == []


def test_each_way_of_attending_is_described_by_its_seats_left_again_after_an_error(client, post, meeting):
    join(meeting, email="a@example.lt")
    page = client.get("/en/events/briefing/").content.decode()
    join(meeting, email="b@example.lt")

    refused = post("/en/events/briefing/", signup_form_data(email="nope")).content.decode()

    def described(content, mode):
        radio = re.search(rf'<input type="radio"[^>]*name="mode" value="{mode}"[^>]*>', content).group(0)
        [target] = re.findall(r'aria-describedby="([^"]+)"', radio)
        return " ".join(re.search(rf'<li id="{target}">(.*?)</li>', content, re.S).group(1).split())

    assert (described(page, "in_person"), described(page, "online")) == (
        "In person: 1 of 2 seat left",
        "Online: no limit",
    )
    assert (
        described(refused, "in_person") == "In person: every seat is taken; 0 people are on the waiting list."
    )
    assert re.search(r'name="mode" value="in_person"[^>]*checked', refused)
    assert Signup.objects.count() == 2


def test_signup_post_does_not_count_seats_for_a_page_it_does_not_show(post, meeting):
    join(meeting, email="a@example.lt")
    join(meeting, email="b@example.lt")

    with CaptureQueriesContext(connection) as queries:
        response = post("/en/events/briefing/", signup_form_data(email="c@example.lt"))

    assert response.status_code == 302
    assert Signup.objects.get(email="c@example.lt").waitlist_position == 1
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"].upper()]
    assert len(counts) == 1, counts  # the seats of the chosen way of attending, under the meeting's lock


def test_signup_after_closing_is_refused_with_a_clear_message(post, meeting):
    meeting.signup_closes_at = timezone.now() - timedelta(minutes=1)
    meeting.save()

    response = post("/en/events/briefing/", signup_form_data())

    content = response.content.decode()
    assert "Your signup was not saved." in content
    assert "Signups for this meeting closed on" in content
    assert 'name="email"' not in content
    assert not Signup.objects.exists()


def test_past_meeting_page_offers_no_form(client):
    MeetingFactory(slug="old", starts_at=timezone.now() - timedelta(days=2))

    content = client.get("/en/events/old/").content.decode()

    assert "This meeting took place on" in content
    assert 'name="email"' not in content


def test_join_link_never_appears_on_public_pages(client, post, meeting):
    secret = meeting.join_url
    post("/en/events/briefing/", signup_form_data(mode="online"))
    link = cancel_path(mail.outbox[0])
    assert secret in mail.outbox[0].body

    pages = [
        client.get("/en/events/"),
        client.get("/en/events/briefing/"),
        client.get("/en/events/briefing/check-your-email/"),
        client.get(link),
        client.get("/en/"),
    ]

    for page in pages:
        assert page.status_code == 200
        assert secret not in page.content.decode()


def test_cancel_link_get_shows_the_signup_and_cancels_nothing(client, post, meeting):
    post("/en/events/briefing/", signup_form_data())
    link = cancel_path(mail.outbox[0])

    response = client.get(link)

    content = response.content.decode()
    assert response.status_code == 200
    assert "Gigafactory briefing" in content
    assert "Eglė Petraitytė" in content
    assert "Yes, cancel my signup" in content
    assert Signup.objects.get().status == SignupStatus.CONFIRMED
    assert len(mail.outbox) == 1


def test_cancel_page_mentions_the_waiting_list_only_where_seats_are_limited(client, post, meeting):
    post("/en/events/briefing/", signup_form_data(email="a@example.lt", mode="in_person"))
    post("/en/events/briefing/", signup_form_data(email="b@example.lt", mode="online"))
    in_person = client.get(cancel_path(to(mail.outbox, "a@example.lt")[0])).content.decode()
    online = client.get(cancel_path(to(mail.outbox, "b@example.lt")[0])).content.decode()

    assert "Your seat will go to the first person on the waiting list" in in_person
    assert "waiting list" not in online.split("<main")[1]
    assert "someone on the waiting list can have your seat" in to(mail.outbox, "a@example.lt")[0].body
    assert "waiting list" not in to(mail.outbox, "b@example.lt")[0].body


def test_cancel_post_cancels_promotes_and_redirects(client, post, meeting):
    for address in ("a@example.lt", "b@example.lt", "c@example.lt"):
        post("/en/events/briefing/", signup_form_data(email=address))
    link = cancel_path(to(mail.outbox, "a@example.lt")[0])

    response = post(link, follow=True)

    content = response.content.decode()
    assert response.redirect_chain == [(link, 302)]
    assert "Your signup has been cancelled." in content
    assert "This signup has been cancelled." in content
    statuses = dict(Signup.objects.values_list("email", "status"))
    assert statuses == {"a@example.lt": "cancelled", "b@example.lt": "confirmed", "c@example.lt": "confirmed"}
    assert to(mail.outbox, "c@example.lt")[-1].subject.startswith("A seat has become free")


def test_signing_up_again_leaves_the_owners_cancel_link_working(client, post, meeting):
    post("/en/events/briefing/", signup_form_data())
    old_link = cancel_path(mail.outbox[0])
    post("/en/events/briefing/", signup_form_data(), browser=type(client)())
    new_link = cancel_path(mail.outbox[1])

    assert new_link != old_link
    assert client.get(old_link).status_code == 200
    assert client.get(new_link).status_code == 200


def test_a_made_up_cancel_link_is_explained(client, meeting):
    response = client.get("/en/events/signup/not-a-real-token-at-all/cancel/")

    assert response.status_code == 404
    assert "This link does not work" in response.content.decode()


def test_cancel_after_the_meeting_started_is_explained(client, post, meeting):
    post("/en/events/briefing/", signup_form_data())
    link = cancel_path(mail.outbox[0])
    meeting.starts_at = timezone.now() - timedelta(minutes=5)
    meeting.save()

    response = post(link)

    assert response.status_code == 200
    assert "can no longer be cancelled" in response.content.decode()
    assert Signup.objects.get().status == SignupStatus.CONFIRMED


@pytest.mark.parametrize(
    "overrides",
    [
        {"mode": "teleport"},
        {"mode": ["in_person", "online"]},
        {"language": "xx"},
        {"email": "a@b@c"},
        {"email": "x" * 300 + "@example.lt"},
        {"name": "x" * 5000},
        {"registration_reference": "' OR 1=1 --"},
        {"registration_reference": "R" * 500},
        {"privacy_consent": "maybe"},
        {"csrfmiddlewaretoken": "x"},
    ],
)
def test_signup_form_never_fails_on_odd_input(post, meeting, overrides):
    response = post("/en/events/briefing/", signup_form_data(**overrides))

    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert "There is a problem" in response.content.decode()
        assert not Signup.objects.exists()


@pytest.mark.parametrize("overrides", [{"name": "Nul\x00byte"}, {"organisation": "\x00"}])
def test_nul_characters_are_a_bad_request_that_saves_nothing(post, meeting, overrides):
    response = post("/en/events/briefing/", signup_form_data(**overrides))

    assert response.status_code == 400
    assert "The request could not be understood" in response.content.decode()
    assert not Signup.objects.exists()


def test_online_only_meeting_refuses_an_in_person_signup_with_a_message(post):
    MeetingFactory(slug="webinar", format="online")

    response = post("/en/events/webinar/", signup_form_data(mode="in_person"))

    assert "Choose one of the ways of attending shown." in response.content.decode()
    assert not Signup.objects.exists()


@pytest.mark.parametrize(
    "path",
    [
        "/en/events/no-such-meeting/",
        "/en/events/signup/not-a-token/cancel/",
        "/en/events/signup/" + "a" * 2000 + "/cancel/",
        "/en/events/no-such-meeting/check-your-email/",
    ],
)
def test_unknown_addresses_are_not_found(client, path):
    assert client.get(path).status_code == 404
    assert client.post(path).status_code in (404, 405)


def test_empty_post_shows_errors_not_a_blank_form(post, meeting):
    response = post("/en/events/briefing/", {})

    assert "There is a problem" in response.content.decode()


def test_list_page_rejects_post(client):
    assert client.post("/en/events/").status_code == 405


def test_check_your_email_page_without_a_signup_names_no_address(client, meeting):
    content = client.get("/en/events/briefing/check-your-email/").content.decode()

    assert "to the address you gave" in content


def test_demo_meeting_puts_the_demonstration_banner_on_every_page(client):
    MeetingFactory(slug="demo", is_demo=True)

    for path in ["/en/events/demo/", "/en/events/", "/en/privacy/", "/en/no-such-page/"]:
        content = client.get(path).content.decode()
        header = content.split("</header>")[0]
        assert "Demonstration data: calls and meetings marked as demonstrations are not real" in header, path


def test_public_pages_have_one_h1_and_no_inline_script_or_style(client, post, meeting):
    post("/en/events/briefing/", signup_form_data())
    for path in [
        "/en/events/",
        "/en/events/briefing/",
        "/en/events/briefing/check-your-email/",
        cancel_path(mail.outbox[0]),
    ]:
        content = client.get(path).content.decode()
        assert content.count("<h1") == 1, path
        assert "<script>" not in content, path
        assert 'style="' not in content, path


def test_past_meeting_page_shows_no_seat_counts(client):
    MeetingFactory(slug="old", starts_at=timezone.now() - timedelta(days=2))

    content = client.get("/en/events/old/").content.decode()

    assert "seats left" not in content
    assert "no limit" not in content


def test_languages_are_offered_each_in_its_own_name(client, meeting):
    content = client.get("/en/events/briefing/").content.decode()

    # Each name is marked with its own language (WCAG 3.1.2): "Lietuviškai" is Lithuanian on an English page.
    assert re.search(
        r'value="lt"[^>]*>\s*<label[^>]*>\s*<span lang="lt">Lietuviškai</span>\s*</label>', content
    )
    assert re.search(r'value="en"[^>]*>\s*<label[^>]*>\s*<span lang="en">English</span>\s*</label>', content)
    assert re.search(r'value="pl"[^>]*>\s*<label[^>]*>\s*<span lang="pl">Polski</span>\s*</label>', content)
