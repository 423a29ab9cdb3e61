from datetime import date, datetime
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


def test_landing_page_says_who_may_apply_what_joining_means_and_what_comes_when(client):
    call = RegistrationCallFactory(
        countries=["LT", "LV", "EE", "PL"], title_lt="Kvietimas", description_lt="Apie kvietimą."
    )
    call.decisions_expected_by = date(2099, 10, 31)
    call.save()

    content = client.get("/en/").content.decode()

    assert (
        "Organisations registered in these countries may register for this call: Estonia, Latvia, Lithuania, Poland."
        in content
    )
    assert '<div lang="lt"><p>Apie kvietimą.</p></div>' in content
    for heading in [
        "What joining means",
        "How registrations are assessed",
        "What happens next, and when",
        "Questions and answers",
    ]:
        assert f"<h2>{heading}</h2>" in content, heading
    assert "does not oblige the organisation to invest or to take part" in content
    assert "<li>Provide data</li>" in content
    timeline = content.split('<dl class="timeline">')[1].split("</dl>")[0]
    assert "<dt>31 October 2099</dt>" in timeline
    assert "By this date every applicant is told the outcome by email." in timeline
    assert "Lithuanian organisations" not in content


def test_landing_page_after_the_window_says_it_closed_and_offers_no_form(client):
    with time_machine.travel(datetime(2025, 8, 11, 0, 0, tzinfo=VILNIUS)):
        content = client.get("/en/").content.decode()

    assert "– 10 August 2025, 23:59 (Vilnius time). It is now closed." in content
    assert 'href="/en/register/"' not in content


def test_demo_call_is_marked_as_demonstration_data_on_every_page(client):
    RegistrationCallFactory(is_demo=True)

    for path in ["/en/", "/en/register/", "/en/events/", "/en/accessibility/"]:
        header = client.get(path).content.decode().split("</header>")[0]
        assert "Demonstration data: calls and meetings marked as demonstrations are not real" in header, path


def test_no_demonstration_banner_without_demonstration_data(client):
    RegistrationCallFactory()

    assert "Demonstration data" not in client.get("/en/").content.decode()


def test_every_page_names_the_ministrys_contact_in_its_footer(client, settings):
    settings.CONTACT_EMAIL = "info@eimin.example"
    settings.CONTACT_PHONE = "+370 5 000 0000"

    for path in ["/en/", "/en/register/", "/en/events/", "/en/privacy/", "/en/no-such-page/"]:
        footer = client.get(path).content.decode().split('<footer class="portal-footer">')[1]
        assert '<a href="mailto:info@eimin.example">info@eimin.example</a>' in footer, path
        assert '<a href="tel:+37050000000">+370 5 000 0000</a>' in footer, path


def test_footer_leaves_out_the_phone_when_none_is_set(client, settings):
    settings.CONTACT_PHONE = ""

    footer = client.get("/en/").content.decode().split('<footer class="portal-footer">')[1]

    assert "mailto:" in footer
    assert "tel:" not in footer


def test_every_page_has_a_skip_link_one_h1_and_both_languages(client):
    for path in ["/en/", "/en/privacy/", "/en/accessibility/", "/en/register/"]:
        content = client.get(path).content.decode()
        assert '<a class="skip-link" href="#main">' in content, path
        assert content.count("<h1") == 1, path
        assert f'href="/lt{path[3:]}"' in content, path


def test_privacy_notice_names_controller_and_version(client, settings):
    settings.DATA_PROTECTION_OFFICER_EMAIL = "dpo@eimin.example"
    settings.DATA_PROTECTION_OFFICER_PHONE = "+370 706 00000"

    content = client.get("/en/privacy/").content.decode()

    assert "188621919" in content
    assert '<a href="mailto:dpo@eimin.example">dpo@eimin.example</a>' in content
    assert '<a href="tel:+37070600000">+370 706 00000</a>' in content
    assert f"Version {settings.PRIVACY_NOTICE_VERSION}." in content
    assert f"{settings.PERSONAL_DATA_RETENTION_MONTHS} months" in content


def test_lithuanian_is_the_default_language(client):
    response = client.get("/", follow=True)

    assert response.redirect_chain == [("/lt/", 302)]
    assert '<html lang="lt">' in response.content.decode()


def test_accessibility_statement_follows_the_eu_model_and_its_dates_are_configurable(client, settings):
    settings.ACCESSIBILITY_STATEMENT_PREPARED = "2026-11-23"
    settings.ACCESSIBILITY_STATEMENT_REVIEWED = "2027-01-15"
    settings.CONTACT_PHONE = "+370 5 000 0000"

    content = client.get("/en/accessibility/").content.decode()

    for heading in [
        "Compliance status",
        "Non-accessible content",
        "Asking for an accessible alternative",
        "Preparation of this statement",
        "Feedback and contact information",
        "Enforcement procedure",
    ]:
        assert f"<h2>{heading}</h2>" in content, heading
    assert "partially compliant with the harmonised European standard EN 301 549" in content
    assert "live audio and video, which the accessibility requirements exempt" in content
    assert "This statement was prepared on 23 November 2026." in content
    assert "The statement was last reviewed on 15 January 2027." in content
    assert "Information Society Development Committee (Informacinės visuomenės plėtros komitetas)" in content
    assert '<a href="tel:+37050000000">+370 5 000 0000</a>' in content.split("<main")[1]
    assert "Directive (EU) 2016/2102" in content
