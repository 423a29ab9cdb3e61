"""The privacy feature works through whatever the apps declare: a new kind of personal data needs no change to it."""

from datetime import datetime

import pytest

from consortium import personal_data
from consortium.personal_data import PersonalData
from privacy.services import data_for_email, describe, erase_email, purge_expired
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db


class Badges(PersonalData):
    """An app's new kind of personal data: name badges printed for people, kept by address."""

    key = "badges"
    position = 30

    def __init__(self):
        self.held = {"ona@example.lt": ["Ona Onaitė, EIMIN"]}
        self.printed_before: list[datetime] = []

    def describe(self, count):
        return f"{count} badges"

    def export(self, *, email):
        return self.held.get(email.strip().lower(), [])

    def erase(self, *, email, now):
        return len(self.held.pop(email.strip().lower(), []))

    def purge(self, *, cutoff, now, apply):
        self.printed_before.append(cutoff)
        return 0


@pytest.fixture
def badges(monkeypatch):
    holder = Badges()
    monkeypatch.setattr(personal_data, "_registry", {**personal_data._registry, holder.key: holder})
    return holder


def test_a_new_kind_of_personal_data_is_exported_erased_purged_and_reported(badges):
    exported = data_for_email(email="Ona@example.lt")
    record = erase_email(email="Ona@example.lt", by=StaffFactory(is_superuser=True))
    purge_expired(months=24, apply=True)

    assert exported["badges"] == ["Ona Onaitė, EIMIN"]
    assert record.counts["badges"] == 1
    assert badges.held == {}
    assert len(badges.printed_before) == 1
    assert describe(record.counts) == "0 registrations, 0 meeting signups, 1 badges, 0 emails"


def test_every_app_with_personal_data_declares_it():
    assert [holder.key for holder in personal_data.registered()] == [
        "registrations",
        "meeting_signups",
        "emails",
    ]
