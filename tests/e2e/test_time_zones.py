"""The registration deadline in the visitor's own time zone, added by the browser when it differs."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from tests.factories import RegistrationCallFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def call():
    opens = datetime(2099, 7, 28, tzinfo=ZoneInfo("Europe/Vilnius"))
    return RegistrationCallFactory(opens_at=datetime(2020, 1, 1, tzinfo=ZoneInfo("UTC")), closes_at=opens)


def test_visitor_elsewhere_sees_the_deadline_in_their_own_time_zone(browser, live_server, call):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="America/New_York")
    page = context.new_page()

    page.goto("/en/register/")

    local = page.locator(".local-deadline")
    assert local.is_visible()
    # 27 July 2099 23:59 in Vilnius (UTC+3) is 16:59 in New York (UTC-4).
    assert local.inner_text() == "In your time zone (America/New_York) that is July 27, 2099 at 4:59 PM."
    context.close()


def test_visitor_in_vilnius_sees_no_second_time(page, call):
    page.goto("/en/register/")

    assert page.locator(".local-deadline").is_hidden()
    assert "(Vilnius time)" in page.locator("main").inner_text()
