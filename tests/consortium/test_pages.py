from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from tests.factories import RegistrationCallFactory

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")


def test_landing_page_explains_the_consortium_and_the_window(client):
    with time_machine.travel(datetime(2025, 8, 1, 12, tzinfo=VILNIUS)):
        response = client.get("/en/")

    content = response.content.decode()
    assert "Lithuania, Poland, Latvia and Estonia" in content
    assert "about EUR 3 billion, 65% of which is expected to come from private investment" in content
    assert "Registration is open: 28 July 2025, 00:00 – 10 August 2025, 23:59 (Vilnius time)." in content
    assert 'href="/en/register/"' in content


def test_landing_page_after_the_window_says_it_closed_and_offers_no_form(client):
    with time_machine.travel(datetime(2025, 8, 11, 0, 0, tzinfo=VILNIUS)):
        content = client.get("/en/").content.decode()

    assert "– 10 August 2025, 23:59 (Vilnius time). It is now closed." in content
    assert 'href="/en/register/"' not in content


def test_demo_call_is_marked_as_demonstration_data(client):
    RegistrationCallFactory(is_demo=True)

    content = client.get("/en/").content.decode()

    assert "Demonstration data: this call is not real" in content


def test_every_page_has_a_skip_link_one_h1_and_both_languages(client):
    for path in ["/en/", "/en/privacy/", "/en/accessibility/", "/en/register/"]:
        content = client.get(path).content.decode()
        assert '<a class="skip-link" href="#main">' in content, path
        assert content.count("<h1") == 1, path
        assert f'href="/lt{path[3:]}"' in content, path


def test_privacy_notice_names_controller_and_version(client, settings):
    content = client.get("/en/privacy/").content.decode()

    assert "188621919" in content
    assert f"Version {settings.PRIVACY_NOTICE_VERSION}." in content
    assert f"{settings.PERSONAL_DATA_RETENTION_MONTHS} months" in content


def test_lithuanian_is_the_default_language(client):
    response = client.get("/", follow=True)

    assert response.redirect_chain == [("/lt/", 302)]
    assert '<html lang="lt">' in response.content.decode()
