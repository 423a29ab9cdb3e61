"""The focus ring, measured in screenshots, and the confirmation page as it prints."""

import re

import pytest

from tests.e2e.pixels import contrast, decode
from tests.factories import RegistrationCallFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAD = 10  # CSS pixels around the element that the screenshot takes in


def ring(page, selector: str) -> dict[str, int]:
    """For each side of the element: how many pixels thick the band is whose colour changed on focus with a
    contrast of at least 3:1 against what was there before (WCAG 2.4.13's way of measuring an indicator)."""
    element = page.locator(selector)
    element.scroll_into_view_if_needed()
    page.evaluate("document.activeElement && document.activeElement.blur()")
    box = element.bounding_box()
    clip = {
        "x": round(box["x"]) - PAD,
        "y": round(box["y"]) - PAD,
        "width": round(box["width"]) + 2 * PAD,
        "height": round(box["height"]) + 2 * PAD,
    }
    before = decode(page.screenshot(clip=clip))
    element.focus()
    assert element.evaluate("e => e.matches(':focus-visible')"), selector
    after = decode(page.screenshot(clip=clip))
    width, height = round(box["width"]), round(box["height"])
    middle_x, middle_y = PAD + width // 2, PAD + height // 2
    lines = {
        "left": [(middle_y, x) for x in range(PAD, -1, -1)],
        "right": [(middle_y, x) for x in range(PAD + width - 1, 2 * PAD + width)],
        "top": [(y, middle_x) for y in range(PAD, -1, -1)],
        "bottom": [(y, middle_x) for y in range(PAD + height - 1, 2 * PAD + height)],
    }
    return {side: _thickest(before, after, points) for side, points in lines.items()}


def _thickest(before, after, points) -> int:
    best = run = 0
    for y, x in points:
        run = run + 1 if contrast(before[y][x], after[y][x]) >= 3 else 0
        best = max(best, run)
    return best


@pytest.fixture
def call():
    return RegistrationCallFactory()


@pytest.mark.parametrize(
    "selector",
    [
        "#id_legal_name",  # an input
        "#id_size_0",  # a radio button
        "#id_participation_0",  # a checkbox
        "#id_organisation_type",  # a select
        "main button[type=submit]",  # a button
        "footer a[href^='mailto:']",  # a link
    ],
)
def test_focus_ring_is_at_least_2px_at_3_to_1_on_every_side(page, call, selector):
    page.goto("/en/register/")

    thickness = ring(page, selector)

    assert min(thickness.values()) >= 2, thickness


def test_confirmation_page_prints_as_one_clean_page_with_the_reference(page, call, register_in_browser):
    reference = register_in_browser(page)
    page.emulate_media(media="print")

    pdf = page.pdf(format="A4")

    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
    assert page.locator(".reference").is_visible()
    assert page.locator(".reference").inner_text() == reference
    assert page.locator(".language-switcher").is_hidden()
    assert page.locator(".footer-links").is_hidden()
