"""Staff log-in: lock-out after repeated failures (django-axes) and the second factor (django-otp, TOTP)."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.core.management import CommandError, call_command
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from consortium.checks import staff_two_factor_check
from registrations.models import Status
from registrations.permissions import REVIEWER
from tests.factories import RegistrationFactory, StaffFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct horse battery staple"
LOGIN = "/admin/login/"


@pytest.fixture
def client(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def staff_member():
    return StaffFactory(username="ona", groups=[REVIEWER])


def log_in(client, username="ona", password=PASSWORD):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"})


def code_for(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def test_correct_password_logs_in(client, staff_member):
    response = log_in(client)

    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_repeated_failures_lock_the_login_with_a_clear_page(client, staff_member, settings):
    settings.AXES_FAILURE_LIMIT = 3

    for _ in range(2):
        assert log_in(client, password="wrong").status_code == 200
    locked = log_in(client, password="wrong")
    after = log_in(client)  # even the right password is refused while locked

    for response in (locked, after):
        content = response.content.decode()
        assert response.status_code == 429
        assert "Too many failed log-in attempts" in content
        assert "Logging in has failed 3 times in a row" in content
        assert "Try again in 30 minutes." in content
    assert SESSION_KEY not in client.session


def test_lock_out_is_per_person_not_per_office(client, staff_member, settings):
    settings.AXES_FAILURE_LIMIT = 2
    StaffFactory(username="jonas")

    for _ in range(2):
        log_in(client, password="wrong")

    assert log_in(client, username="jonas").status_code == 302


def test_a_successful_login_resets_the_count(client, staff_member, settings):
    settings.AXES_FAILURE_LIMIT = 3

    log_in(client, password="wrong")
    log_in(client, password="wrong")
    log_in(client)
    client.post("/admin/logout/")
    log_in(client, password="wrong")

    assert log_in(client).status_code == 302


@pytest.fixture
def two_factor(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.mark.usefixtures("two_factor")
def test_with_two_factor_on_the_password_alone_is_not_enough(client, staff_member):
    device = TOTPDevice.objects.create(user=staff_member, name="phone")

    log_in(client)
    response = client.get("/admin/")

    assert response.status_code == 302
    assert response["Location"] == "/admin/verify/?next=/admin/"
    page = client.get(response["Location"]).content.decode()
    assert "Code from your authenticator app" in page

    right = client.post("/admin/verify/", {"otp_token": code_for(device), "next": "/admin/"})
    assert right.status_code == 302
    assert right["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


@pytest.mark.usefixtures("two_factor")
def test_a_wrong_code_is_refused_and_repeated_wrong_codes_must_wait(client, staff_member):
    device = TOTPDevice.objects.create(user=staff_member, name="phone")
    wrong = "000000" if code_for(device) != "000000" else "111111"
    log_in(client)

    first = client.post("/admin/verify/", {"otp_token": wrong})
    second = client.post("/admin/verify/", {"otp_token": code_for(device)})

    assert "That code is not right or has expired." in first.content.decode()
    assert "Too many wrong codes in a row." in second.content.decode()
    assert client.get("/admin/").status_code == 302


@pytest.mark.usefixtures("two_factor")
def test_unconfirmed_staff_can_do_nothing_in_the_admin(client, staff_member):
    TOTPDevice.objects.create(user=staff_member, name="phone")
    registration = RegistrationFactory(status=Status.SUBMITTED)
    client.force_login(staff_member)

    pages = [
        "/admin/registrations/registration/",
        f"/admin/registrations/registration/{registration.pk}/change/",
        "/admin/registrations/registration/export/csv/",
    ]
    for path in pages:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/verify/")
    client.post(f"/admin/registrations/registration/{registration.pk}/status/under_review/", {})
    registration.refresh_from_db()
    assert registration.status == Status.SUBMITTED
    assert client.get(LOGIN)["Location"].startswith("/admin/verify/")


@pytest.mark.usefixtures("two_factor")
def test_staff_without_an_authenticator_are_told_how_to_get_one(client, staff_member):
    log_in(client)

    response = client.get("/admin/verify/")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Set up two-factor authentication" in content
    assert "python manage.py add_totp_device ona" in content
    assert client.get("/admin/").status_code == 302


@pytest.mark.usefixtures("two_factor")
def test_unconfirmed_staff_can_log_out(client, staff_member):
    log_in(client)

    response = client.post("/admin/logout/")

    assert response.status_code == 200
    assert SESSION_KEY not in client.session


@pytest.mark.usefixtures("two_factor")
def test_verification_does_not_redirect_off_site(client, staff_member):
    device = TOTPDevice.objects.create(user=staff_member, name="phone")
    log_in(client)

    response = client.post("/admin/verify/", {"otp_token": code_for(device), "next": "https://evil.example/"})

    assert response["Location"] == "/admin/"


def test_add_totp_device_prints_the_key_and_set_up_link(staff_member, capsys):
    call_command("add_totp_device", "ona")

    output = capsys.readouterr().out
    device = TOTPDevice.objects.get(user=staff_member)
    assert device.confirmed
    assert "otpauth://totp/Baltic%20AI%20Gigafactory%20portal%3Aona?secret=" in output
    assert "Secret key" in output
    with pytest.raises(CommandError, match="already has an authenticator"):
        call_command("add_totp_device", "ona")
    call_command("add_totp_device", "ona", "--replace")
    assert TOTPDevice.objects.filter(user=staff_member).count() == 1
    with pytest.raises(CommandError, match="no user"):
        call_command("add_totp_device", "nobody")


def test_deployment_check_warns_when_production_skips_the_second_factor(settings):
    settings.DEBUG = False
    settings.STAFF_REQUIRE_2FA = False
    assert [warning.id for warning in staff_two_factor_check(None)] == ["consortium.W001"]

    settings.STAFF_REQUIRE_2FA = True
    assert staff_two_factor_check(None) == []
