"""The review desk in a browser at 1280 by 800 pixels, a laptop's screen: what fits, what axe finds, what is kept."""

import pytest

from registrations.models import Criterion, Note, Status
from registrations.permissions import COORDINATOR
from registrations.services.assessment import Mark, submit_assessment
from registrations.services.decisions import propose_decision
from tests.factories import (
    MeetingFactory,
    NoteFactory,
    OrganisationFactory,
    RegistrationCallFactory,
    RegistrationFactory,
    SignupFactory,
    StaffFactory,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LAPTOP = {"width": 1280, "height": 800}
LIST = "/admin/registrations/registration/"
# The system's setting (emulated) and the admin's own theme toggle (kept in localStorage by Django's theme.js).
THEMES = {
    "light": {"color_scheme": "light", "toggle": None},
    "dark": {"color_scheme": "dark", "toggle": None},
    "dark-by-toggle": {"color_scheme": "light", "toggle": "dark"},
    "light-by-toggle": {"color_scheme": "dark", "toggle": "light"},
}


@pytest.fixture
def desk():
    """A call with a list's worth of registrations, long names and every status, and a meeting."""
    staff = StaffFactory(
        username="ruta",
        first_name="Rūta",
        last_name="Rutkauskienė",
        is_superuser=True,
        email="ruta@eimin.example",
    )
    call = RegistrationCallFactory(reference_prefix="BAIGF", four_eyes=True)
    statuses = list(Status)
    registrations = [
        RegistrationFactory(
            call=call,
            reference=f"BAIGF-2025-{n:04d}",
            organisation=OrganisationFactory(
                legal_name=f"Vilniaus Gedimino technikos universiteto Dirbtinio intelekto centras {n}"
            ),
            status=statuses[n % len(statuses)],
            assignee=staff if n % 2 else None,
            contact_email=f"ona{n}@centras.example.lt",
        )
        for n in range(40)
    ]
    NoteFactory(registration=registrations[0], author=staff)
    for position, title in enumerate(["Relevance to the gigafactory", "Readiness"]):
        Criterion.objects.create(
            call=call, position=position, title_lt=title, description_lt="What the applicant can show."
        )
    colleague = StaffFactory(groups=[COORDINATOR], first_name="Jonas", last_name="Jonaitis")
    for registration in registrations[1:3]:
        marks = {criterion.pk: Mark(4, "Convincing plan.") for criterion in call.criteria.all()}
        submit_assessment(registration=registration, reviewer=colleague, marks=marks)
    propose_decision(
        registration=registrations[1], to=Status.ACCEPTED, by=colleague, subject="Welcome", message="Hi."
    )
    submit_assessment(
        registration=registrations[2],
        reviewer=staff,
        marks={criterion.pk: Mark(3) for criterion in call.criteria.all()},
    )
    meeting = MeetingFactory(
        title_lt="Informacinis susitikimas apie Baltijos dirbtinio intelekto gigagamyklą"
    )
    for n in range(10):
        SignupFactory(
            meeting=meeting,
            name=f"Ona Onaitė-Petraitienė {n}",
            email=f"ona.onaite.petraitiene{n}@ministerija.example.lt",
            organisation="Vilniaus universiteto Matematikos ir informatikos fakultetas",
        )
    return {"staff": staff, "registrations": registrations, "meeting": meeting}


def staff_page(browser, live_server, staff, *, locale="en-GB", theme="light"):
    settings = THEMES[theme]
    context = browser.new_context(
        base_url=live_server.url,
        locale=locale,
        timezone_id="Europe/Vilnius",
        viewport=LAPTOP,
        color_scheme=settings["color_scheme"],
    )
    if settings["toggle"]:
        context.add_init_script(f"window.localStorage.setItem('theme', '{settings['toggle']}')")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto("/admin/login/")
    page.locator("#id_username").fill(staff.username)
    page.locator("#id_password").fill("correct horse battery staple")
    page.locator("input[type=submit]").click()
    page.wait_for_url("**/admin/")
    return page


def in_view(page, locator) -> bool:
    box = locator.bounding_box()
    return box is not None and box["x"] >= 0 and box["x"] + box["width"] <= LAPTOP["width"]


@pytest.mark.parametrize("locale", ["en-GB", "lt-LT"])
def test_the_list_fits_a_laptop_without_scrolling_sideways(browser, live_server, desk, locale, screenshot):
    page = staff_page(browser, live_server, desk["staff"], locale=locale)
    page.goto(LIST)

    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    results = page.locator("#changelist .results")
    assert page.evaluate("(el) => el.scrollWidth <= el.clientWidth", results.element_handle())
    for column in ("status_label", "assignee_name", "submitted"):
        assert in_view(page, page.locator(f"#result_list th.column-{column}")), column
        assert in_view(page, page.locator(f"#result_list td.field-{column}").first), column
    reference = page.locator("#result_list th.field-reference a").first
    assert reference.bounding_box()["height"] < 25  # one line
    screenshot(page, f"admin-registrations-1280-{locale}")
    page.context.close()


def test_the_signups_list_fits_a_laptop(browser, live_server, desk, screenshot):
    page = staff_page(browser, live_server, desk["staff"], locale="lt-LT")
    page.goto("/admin/events/signup/")

    assert page.evaluate("document.documentElement.scrollWidth") <= LAPTOP["width"]
    assert in_view(page, page.locator("#result_list th.column-status_label"))
    page.context.close()


def test_the_header_reflows_at_320_pixels(browser, live_server, desk):
    page = staff_page(browser, live_server, desk["staff"], locale="lt-LT")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/admin/", LIST):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 320, path
    page.context.close()


@pytest.mark.parametrize("theme", list(THEMES))
def test_staff_pages_pass_axe(browser, live_server, desk, theme, assert_accessible, screenshot):
    registration = desk["registrations"][1]
    page = staff_page(browser, live_server, desk["staff"], theme=theme)
    expected = "dark" if theme.startswith("dark") else "light"
    pages = {
        "index": "/admin/",
        "registrations": LIST,
        "registration": f"{LIST}{registration.pk}/change/",
        "registration scored": f"{LIST}{desk['registrations'][2].pk}/change/",
        "meeting form": f"/admin/events/meeting/{desk['meeting'].pk}/change/",
    }
    for name, path in pages.items():
        page.goto(path)
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert (background == "rgb(18, 18, 18)") == (expected == "dark"), (name, background)
        assert page.locator("h1").count() == 1, name
        assert_accessible(page, f"{name} ({theme})")
        screenshot(page, f"admin-{name.replace(' ', '-')}-{theme}")
    page.context.close()


def test_the_login_page_passes_axe(page, assert_accessible):
    page.goto("/admin/login/")

    assert page.get_by_role("heading", level=1).inner_text() == "Log in"
    assert_accessible(page, "login")


def test_a_note_typed_then_saved_with_the_main_button_is_stored(browser, live_server, desk):
    registration = desk["registrations"][2]
    page = staff_page(browser, live_server, desk["staff"])
    page.goto(f"{LIST}{registration.pk}/change/")

    page.get_by_label("New internal note").fill("Phoned the applicant: the annual report comes on Monday.")
    page.locator("input[name=_save]").click()

    page.wait_for_url(f"**{LIST}")
    note = Note.objects.get(registration=registration)
    assert note.text == "Phoned the applicant: the annual report comes on Monday."
    assert note.author == desk["staff"]
    page.context.close()
