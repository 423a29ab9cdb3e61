"""A registration's confirmation on the real stack: PostgreSQL, Redis, a Celery worker process and an SMTP server."""

import pytest
from post_office.models import STATUS, Email

from registrations.models import Registration
from tests.factories import RegistrationCallFactory, registration_form_data
from tests.registering import register
from tests.workers import celery_worker, wait_for

pytestmark = [pytest.mark.needs_services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_confirmation_goes_through_redis_and_a_worker_to_the_smtp_server(client, smtp_sink):
    call = RegistrationCallFactory()

    with celery_worker(email_port=smtp_sink.port) as worker:
        response = register(client, registration_form_data(call), language="lt")
        registration = Registration.objects.get()
        assert response["Location"] == f"/lt/register/done/{registration.reference}/"
        delivered = wait_for(lambda: smtp_sink.messages)
    if not delivered:
        pytest.fail("no email delivered; the worker said:\n" + worker.output[-3000:])

    [message] = smtp_sink.messages
    assert message["To"] == "jonas@example.lt"
    assert registration.reference in message["Subject"]
    assert message["Content-Language"] == "lt"
    text = message.get_body(("plain",)).get_content()
    assert "/lt/register/edit/" in text
    assert Email.objects.get().status == STATUS.sent
