"""The staff site's frame: what the index lists first, the favicon, the heading of the login page."""

import pytest

pytestmark = pytest.mark.django_db


def test_index_lists_registrations_first_then_meetings(admin_client):
    response = admin_client.get("/admin/")

    apps = response.context["app_list"]
    assert [app["app_label"] for app in apps[:2]] == ["registrations", "events"]
    names = [app["name"].lower() for app in apps[2:]]
    assert names == sorted(names)  # the others alphabetically, as Django lists them
    assert {"auth", "axes", "post_office"} <= {app["app_label"] for app in apps[2:]}


def test_pages_have_no_app_sidebar_taking_a_laptops_width(admin_client):
    content = admin_client.get("/admin/registrations/registration/").content.decode()

    assert 'id="nav-sidebar"' not in content


def test_staff_pages_have_a_favicon(admin_client, client):
    for content in (
        admin_client.get("/admin/").content.decode(),
        client.get("/admin/login/").content.decode(),
    ):
        assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in content


def test_the_login_page_has_a_heading(client):
    content = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "<h1>Log in</h1>" in content


def test_each_box_of_a_date_and_time_field_has_a_name_of_its_own(admin_client):
    content = admin_client.get("/admin/registrations/registrationcall/add/").content.decode()

    assert 'aria-label="Opens at: date"' in content
    assert 'aria-label="Opens at: time"' in content
    assert '<label for="id_closes_at_1">Time:</label>' in content
