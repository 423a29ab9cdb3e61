"""Browser tests: Playwright for Python driving Debian's Chromium against a live server."""

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make are still sync.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(
    os.environ.get("SCREENSHOT_DIR", Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots")
)
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def pytest_collection_modifyitems(config, items):
    if Path(CHROMIUM).exists():
        return
    skip = pytest.mark.skip(reason=f"browser tests need Chromium at {CHROMIUM} (Debian package chromium)")
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(skip)


def pytest_terminal_summary(terminalreporter):
    if SCREENSHOTS.exists() and any(SCREENSHOTS.iterdir()):
        terminalreporter.write_line(f"browser screenshots: {SCREENSHOTS}")


@pytest.fixture(scope="session")
def browser(django_db_setup, django_db_blocker):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    serialized = {
        alias: getattr(connections[alias], "_test_serialized_contents", None) for alias in connections
    }
    with sync_playwright() as playwright:
        # Playwright's sync API runs the rest of the session in a greenlet with its own context, where Django
        # opens new connection objects: hand them the serialized database that transactional tests restore.
        for alias, contents in serialized.items():
            if contents is not None:
                connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/Vilnius")
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems = []
    # Failed resources are reported by URL below; the console's own line for them says only "404".
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and not message.text.startswith("Failed to load resource")
            and problems.append(message.text)
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"  # a page's own status is the test's business
            and problems.append(f"{response.status} {response.url}")
        ),
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.console_problems = problems
    yield page
    context.close()
    # A page that works only with a relaxed Content Security Policy, or throws, is a broken page.
    assert problems == [], problems


@pytest.fixture
def screenshot(request):
    def take(page, name: str):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)

    return take


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture
def assert_accessible(axe):
    """No violation of the WCAG 2.0/2.1 A and AA rules that axe-core checks."""

    def check(page, label: str):
        results = axe.run(
            page, options={"runOnly": {"type": "tag", "values": WCAG_AA}, "resultTypes": ["violations"]}
        )
        violations = results.response["violations"]
        summary = [
            f"{v['id']} ({v['impact']}): {v['help']} — {[node['target'] for node in v['nodes']][:5]}"
            for v in violations
        ]
        assert violations == [], f"{label}: " + "\n".join(summary)

    return check


@pytest.fixture
def register_in_browser():
    """Register an organisation in the browser, through "check your answers"; returns its reference."""

    def register(page, *, language: str = "en") -> str:
        from registrations.models import Registration

        page.goto(f"/{language}/register/")
        for field_id, value in {
            "id_legal_name": "UAB Spausdinimas",
            "id_registration_code": "188621919",
            "id_address": "Gedimino pr. 38, Vilnius",
            "id_description": "Printing.",
            "id_contact_name": "Ona Onaitė",
            "id_contact_job_title": "Director",
            "id_contact_email": "ona@example.lt",
            "id_contact_phone": "+37061234567",
            "id_statement": "We want to join.",
        }.items():
            page.locator(f"#{field_id}").fill(value)
        page.locator("#id_organisation_type").select_option("startup")
        page.locator("#id_size_0").check()
        page.locator("#id_participation_0").check()
        page.locator("#id_privacy_consent").check()
        page.locator("main button[type=submit]").click()
        page.wait_for_url(f"**/{language}/register/check/")
        page.locator("main button[type=submit]").click()
        page.wait_for_url(f"**/{language}/register/done/**")
        return Registration.objects.get().reference

    return register


def ask_for_more_information(registration, question: str = "Please send the company register extract."):
    """A coordinator asks the applicant for more information, by email with the private link."""
    from datetime import timedelta

    from django.utils import timezone

    from registrations.models import Status
    from registrations.permissions import COORDINATOR
    from registrations.services import change_status
    from tests.factories import StaffFactory

    coordinator = StaffFactory(groups=[COORDINATOR], email="coordinator@eimin.example")
    change_status(registration=registration, to=Status.UNDER_REVIEW, by=coordinator)
    change_status(
        registration=registration,
        to=Status.NEEDS_INFORMATION,
        by=coordinator,
        subject="More information, please",
        message=question,
        reopened_until=timezone.now() + timedelta(days=7),
    )
    return coordinator
