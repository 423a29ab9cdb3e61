import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from consortium.db import validated_save
from events.models import Meeting, Signup
from tests.factories import MeetingFactory, SignupFactory

pytestmark = pytest.mark.django_db


def meeting_lookups(queries) -> list[str]:
    table = Meeting._meta.db_table
    return [query["sql"] for query in queries if query["sql"].startswith("SELECT") and table in query["sql"]]


def test_a_meeting_held_as_an_object_is_not_looked_up_again():
    signup = SignupFactory.build(meeting=MeetingFactory())

    with CaptureQueriesContext(connection) as saving:
        validated_save(signup)

    assert meeting_lookups(saving.captured_queries) == []
    assert Signup.objects.get().meeting == signup.meeting


def test_a_foreign_key_to_nothing_is_refused_by_the_database():
    meeting = MeetingFactory()
    missing = SignupFactory.build(meeting=None, meeting_id=meeting.pk + 1000)

    with transaction.atomic():
        validated_save(missing)
        with pytest.raises(IntegrityError):
            connection.check_constraints()  # as at commit
        transaction.set_rollback(True)

    assert not Signup.objects.exists()


def test_fields_are_still_checked_and_nothing_invalid_is_saved():
    signup = SignupFactory.build(meeting=MeetingFactory(), email="not an address", mode="by pigeon")

    with pytest.raises(ValidationError) as refused:
        validated_save(signup)

    assert set(refused.value.message_dict) == {"email", "mode"}
    assert not Signup.objects.exists()
