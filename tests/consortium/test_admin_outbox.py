"""Sending an email again from the admin: only on a POST, and never a copy whose private link is gone."""

import pytest
from django.core import mail as sent_mail
from post_office.models import STATUS, Email

from consortium import mail
from tests.consortium.test_mail import POISONED, queue

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def resend_page(email) -> str:
    return f"/admin/post_office/email/{email.pk}/resend/"


@pytest.fixture
def delivered(django_capture_on_commit_callbacks):
    email = queue()
    mail.deliver(email_id=email.pk)
    sent_mail.outbox.clear()
    return email


def test_following_a_link_to_send_again_sends_nothing(admin_client, delivered):
    response = admin_client.get(resend_page(delivered))

    assert response.status_code == 200
    assert "Send this email again?" in response.content.decode()
    assert 'method="post"' in response.content.decode()
    assert Email.objects.get(pk=delivered.pk).status == STATUS.sent
    assert sent_mail.outbox == []


def test_a_post_puts_the_email_back_in_the_outbox(
    admin_client, delivered, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(resend_page(delivered), follow=True)

    assert "1 email is back in the outbox." in response.content.decode()
    assert len(sent_mail.outbox) == 1
    assert Email.objects.get(pk=delivered.pk).status == STATUS.sent


def test_a_confirmation_sent_again_is_rendered_again_with_a_working_link(
    admin_client, client, register, django_capture_on_commit_callbacks
):
    from tests.factories import RegistrationCallFactory, registration_form_data

    register(registration_form_data(RegistrationCallFactory()))
    confirmation = Email.objects.get()
    assert "/register/edit/…/" in confirmation.message  # the stored copy has no secret left
    sent_mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(resend_page(confirmation), follow=True)

    [again] = sent_mail.outbox
    link = again.body.split("http://127.0.0.1:8000")[1].split()[0]
    assert link.startswith("/en/register/edit/")
    assert client.get(link).status_code == 200


def test_a_message_stored_whole_whose_private_link_was_removed_is_not_sent_again(
    admin_client, django_capture_on_commit_callbacks
):
    stored = Email.objects.create(
        from_email="portal@example.lt",
        to=["ona@example.lt"],
        subject="Registration received",
        message="Correct it at https://portal.example.org/en/register/edit/…/",
        status=STATUS.sent,
    )

    page = admin_client.get(resend_page(stored)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(resend_page(stored), follow=True)

    assert "cannot be sent again" in page
    assert "Not sent again" in response.content.decode()
    assert sent_mail.outbox == []


def test_the_pages_of_a_poisoned_email_answer(admin_client):
    poisoned = queue(to=POISONED)

    assert admin_client.get(f"/admin/post_office/email/{poisoned.pk}/change/").status_code == 200
    assert admin_client.get(resend_page(poisoned)).status_code == 200


def test_staff_who_may_only_read_the_outbox_cannot_send_again(client, delivered):
    from tests.factories import StaffFactory

    client.force_login(StaffFactory(groups=["Coordinator"]))

    assert client.get(resend_page(delivered)).status_code == 403
    assert client.post(resend_page(delivered)).status_code == 403
    assert sent_mail.outbox == []
