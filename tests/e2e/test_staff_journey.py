"""A staff member logs in with a password and a code, looks at the numbers and accepts a registration."""

import pytest
from django.core import mail
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from registrations.models import Registration, Status
from tests.factories import RegistrationFactory, StaffFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def test_staff_member_logs_in_with_two_factors_and_accepts_a_registration(
    page, settings, screenshot, assert_accessible
):
    settings.STAFF_REQUIRE_2FA = True
    staff = StaffFactory(username="ruta", groups=["Reviewer"])
    device = TOTPDevice.objects.create(user=staff, name="phone", confirmed=True)
    registration = RegistrationFactory(status=Status.UNDER_REVIEW, language="en")

    page.goto("/admin/")
    page.get_by_label("Username").fill("ruta")
    page.get_by_label("Password").fill("correct horse battery staple")
    page.get_by_role("button", name="Log in").click()
    page.get_by_label("Code from your authenticator app").fill(current_code(device))
    page.get_by_role("button", name="Confirm").click()

    assert page.get_by_role("heading", name="Registrations and meetings").is_visible()
    assert_accessible(page, "staff dashboard")
    screenshot(page, "admin-dashboard")

    page.goto(f"/admin/registrations/registration/{registration.pk}/change/")
    page.get_by_role("link", name="Accept").click()
    page.get_by_role("button", name="Accept").click()

    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED
    assert registration.status_changes.get().changed_by == staff
    assert mail.outbox[-1].to == [registration.contact_email]
    assert Registration.objects.get(pk=registration.pk).status == Status.ACCEPTED
