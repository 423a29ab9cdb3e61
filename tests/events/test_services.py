from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone
from post_office.models import Email

from consortium.tokens import hash_token
from events.models import Meeting, Signup, SignupStatus
from events.services import (
    CancellationRefused,
    ModeNotOffered,
    SignupClosed,
    cancel_signup,
    mark_attendance,
    notify_meeting_changes,
    update_meeting,
)
from events.tasks import sweep_meeting_changes
from tests.events.helpers import calendar_files, cancel_path, cancel_token, html_of, join, only_event, to
from tests.factories import MeetingFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def meeting():
    return MeetingFactory(in_person_capacity=2)


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    """Run a service and deliver what it queued; returns the messages that reached the mail server."""

    def _sent(service, *args, **kwargs):
        before = len(mail.outbox)
        with django_capture_on_commit_callbacks(execute=True):
            result = service(*args, **kwargs)
        return result, mail.outbox[before:]

    return _sent


def fill(meeting, count, mode="in_person"):
    return [join(meeting, email=f"p{i}@example.lt", mode=mode).signup for i in range(count)]


def test_sign_up_confirms_while_seats_last_then_waitlists_in_order(meeting):
    first, second, third, fourth = fill(meeting, 4)

    assert [s.status for s in (first, second)] == [SignupStatus.CONFIRMED] * 2
    assert [s.status for s in (third, fourth)] == [SignupStatus.WAITLISTED] * 2
    assert [third.waitlist_position, fourth.waitlist_position] == [1, 2]
    assert first.confirmed_at is not None
    assert third.confirmed_at is None


def test_sign_up_counts_seats_per_mode(meeting):
    fill(meeting, 2)

    online = join(meeting, email="online@example.lt", mode="online")

    assert online.outcome == "confirmed"


def test_sign_up_online_with_a_limit_waitlists_when_full():
    meeting = MeetingFactory(online_capacity=1)
    join(meeting, email="a@example.lt", mode="online")

    assert join(meeting, email="b@example.lt", mode="online").outcome == "waitlisted"


def test_sign_up_records_consent_language_and_registration(meeting, settings):
    registration = RegistrationFactory(contact_email="egle@example.lt")

    signup = join(meeting, language="lt", registration_reference=registration.reference).signup

    signup.refresh_from_db()
    assert signup.language == "lt"
    assert signup.registration == registration
    assert signup.privacy_notice_version == settings.PRIVACY_NOTICE_VERSION
    assert signup.privacy_consented_at == signup.created_at


def test_sign_up_after_signups_close_is_refused_and_saves_nothing(meeting, english):
    meeting.signup_closes_at = meeting.starts_at - timedelta(days=1)
    meeting.save()

    with pytest.raises(SignupClosed, match="Signups for this meeting closed on"):
        join(meeting, now=meeting.signup_closes_at)

    assert not Signup.objects.exists()
    assert not Email.objects.exists()


def test_sign_up_is_accepted_until_the_last_moment_before_closing(meeting):
    meeting.signup_closes_at = meeting.starts_at - timedelta(days=1)
    meeting.save()

    result = join(meeting, now=meeting.signup_closes_at - timedelta(microseconds=1))

    assert result.outcome == "confirmed"


def test_sign_up_closes_at_the_start_by_default(meeting):
    with pytest.raises(SignupClosed):
        join(meeting, now=meeting.starts_at)


def test_sign_up_for_a_past_meeting_says_it_took_place(english):
    meeting = MeetingFactory(starts_at=timezone.now() - timedelta(days=3))

    with pytest.raises(SignupClosed, match="This meeting took place on"):
        join(meeting)

    assert not Signup.objects.exists()


def test_sign_up_for_a_mode_the_meeting_does_not_offer_is_refused():
    meeting = MeetingFactory(format="in_person")

    with pytest.raises(ModeNotOffered):
        join(meeting, mode="online")

    assert not Signup.objects.exists()


def test_confirmation_email_has_the_calendar_file_and_a_working_cancel_link(meeting, sent):
    result, [message] = sent(join, meeting)

    assert message.to == ["egle@example.lt"]
    assert message.subject == f"Your seat is confirmed: {meeting.title}"
    assert "Gedimino pr. 38, Vilnius" in message.body
    assert len(calendar_files(message)) == 1
    token = cancel_token(message)
    assert Signup.objects.get(cancel_links__token_hash=hash_token(token)) == result.signup
    link = result.signup.cancel_links.get()
    assert token not in (link.token_hash, link.nonce)  # the secret itself is not stored
    assert cancel_path(message).startswith("/en/events/signup/")


def test_confirmation_goes_out_in_the_persons_language(meeting, sent):
    _result, [message] = sent(join, meeting, language="lt")

    assert message.extra_headers["Content-Language"] == "lt"
    assert cancel_path(message).startswith("/lt/events/signup/")


def test_stored_copy_of_a_sent_email_has_the_cancel_link_removed(meeting, sent):
    _result, [message] = sent(join, meeting)

    stored = Email.objects.get()
    token = cancel_token(message)
    assert token not in stored.message
    assert token not in stored.html_message
    assert "/events/signup/…/cancel/" in stored.message


def test_waiting_list_email_gives_the_position_and_no_calendar_file(meeting, sent):
    fill(meeting, 3)

    _result, [message] = sent(join, meeting, email="late@example.lt")

    assert message.subject == f"You are number 2 on the waiting list: {meeting.title}"
    assert "You are number 2." in message.body
    assert calendar_files(message) == []
    assert cancel_token(message)


def test_confirmation_follows_the_meeting_as_it_is_when_the_seat_is_given(meeting, sent):
    """The confirmation is rendered before the meeting is locked; if staff changed the meeting in between (here:
    after the page read it), it is rendered again from the meeting as it is."""
    page_read = Meeting.objects.get(pk=meeting.pk)
    Meeting.objects.filter(pk=meeting.pk).update(venue="Gedimino pr. 38, Vilnius", in_person_capacity=0)

    _result, [message] = sent(join, page_read, email="late@example.lt")

    # The page offered seats; by the time of the lock there were none: the waiting list, as the meeting says.
    assert message.subject == f"You are number 1 on the waiting list: {meeting.title}"
    assert calendar_files(message) == []
    Meeting.objects.filter(pk=meeting.pk).update(in_person_capacity=5)
    _result, [message] = sent(join, page_read, email="next@example.lt")
    assert str(only_event(message)["LOCATION"]) == "Gedimino pr. 38, Vilnius"


def test_join_link_is_only_in_emails_to_confirmed_online_attendees(sent):
    meeting = MeetingFactory(online_capacity=1)
    join_url = meeting.join_url

    _r, [online_confirmed] = sent(join, meeting, email="online@example.lt", mode="online")
    _r, [online_waiting] = sent(join, meeting, email="waiting@example.lt", mode="online")
    _r, [in_person] = sent(join, meeting, email="room@example.lt", mode="in_person")

    assert join_url in online_confirmed.body
    assert join_url in html_of(online_confirmed)
    assert join_url in calendar_files(online_confirmed)[0].to_ical().decode()
    for message in (online_waiting, in_person):
        assert join_url not in message.body
        assert join_url not in html_of(message)
        assert all(join_url not in c.to_ical().decode() for c in calendar_files(message))


def test_same_address_gets_no_second_seat_and_is_emailed_its_existing_signup(meeting, sent):
    _first, [confirmation] = sent(join, meeting, email="egle@example.lt")

    again, [message] = sent(join, meeting, email=" EGLE@example.LT ", name="Somebody else", mode="online")

    assert again.outcome == "duplicate"
    assert again.signup is None
    assert Signup.objects.count() == 1
    signup = Signup.objects.get()
    assert (signup.name, signup.mode) == ("Eglė Petraitytė", "in_person")
    # A new link, and the one from the confirmation keeps working.
    for email in (confirmation, message):
        assert Signup.objects.get(cancel_links__token_hash=hash_token(cancel_token(email))) == signup
    assert cancel_token(message) != cancel_token(confirmation)
    assert message.to == ["egle@example.lt"]
    assert message.subject == f"You are already signed up: {meeting.title}"
    assert len(calendar_files(message)) == 1


def test_duplicate_of_a_waitlisted_signup_repeats_the_position(meeting, sent):
    fill(meeting, 3)

    _result, [message] = sent(join, meeting, email="p2@example.lt")

    assert "You are number 1 on the waiting list." in message.body
    assert calendar_files(message) == []


def test_cancelling_a_seat_promotes_the_first_waiting_person_and_emails_both(meeting, sent):
    first, _second, third, fourth = fill(meeting, 4)

    cancellation, messages = sent(cancel_signup, signup=first)

    third.refresh_from_db()
    fourth.refresh_from_db()
    first.refresh_from_db()
    assert cancellation.promoted == [third]
    assert first.status == SignupStatus.CANCELLED
    assert first.cancelled_at is not None
    assert (third.status, third.waitlist_position) == (SignupStatus.CONFIRMED, None)
    assert (fourth.status, fourth.waitlist_position) == (SignupStatus.WAITLISTED, 1)
    [receipt] = to(messages, "p0@example.lt")
    [promotion] = to(messages, "p2@example.lt")
    assert len(messages) == 2
    assert receipt.subject == f"Your signup has been cancelled: {meeting.title}"
    assert promotion.subject == f"A seat has become free and it is yours: {meeting.title}"
    assert len(calendar_files(promotion)) == 1
    assert Signup.objects.get(cancel_links__token_hash=hash_token(cancel_token(promotion))) == third


def test_cancelling_a_waiting_place_moves_the_people_behind_up(meeting):
    signups = fill(meeting, 6)

    cancel_signup(signup=signups[3])

    positions = dict(
        Signup.objects.filter(status=SignupStatus.WAITLISTED).values_list("email", "waitlist_position")
    )
    assert positions == {"p2@example.lt": 1, "p4@example.lt": 2, "p5@example.lt": 3}
    assert Signup.objects.filter(status=SignupStatus.CONFIRMED).count() == 2


def test_cancelling_with_nobody_waiting_frees_the_seat_for_the_next_signup(meeting):
    first, _second = fill(meeting, 2)

    cancellation = cancel_signup(signup=first)

    assert cancellation.promoted == []
    assert join(meeting, email="new@example.lt").outcome == "confirmed"


def test_cancelling_twice_changes_nothing_the_second_time(meeting, sent):
    [signup] = fill(meeting, 1)
    cancel_signup(signup=signup)

    again, messages = sent(cancel_signup, signup=signup)

    assert again.already_cancelled
    assert messages == []


def test_cancelling_after_the_meeting_started_is_refused(meeting):
    first, _second, third = fill(meeting, 3)

    with pytest.raises(CancellationRefused):
        cancel_signup(signup=first, now=meeting.starts_at)

    first.refresh_from_db()
    third.refresh_from_db()
    assert first.status == SignupStatus.CONFIRMED
    assert third.status == SignupStatus.WAITLISTED


def test_cancelled_address_may_sign_up_again(meeting):
    [signup] = fill(meeting, 1)
    cancel_signup(signup=signup)

    again = join(meeting, email="p0@example.lt")

    assert again.outcome == "confirmed"
    assert Signup.objects.filter(email="p0@example.lt").count() == 2


def test_changing_the_time_emails_confirmed_attendees_a_new_calendar_version(meeting, sent):
    result, [first_confirmation] = sent(join, meeting, email="online@example.lt", mode="online")
    online = result.signup
    in_person, _second, waiting = fill(meeting, 3)
    new_start = meeting.starts_at + timedelta(hours=3)

    result, messages = sent(
        update_meeting,
        meeting=meeting,
        data={"starts_at": new_start, "ends_at": new_start + timedelta(hours=2)},
    )

    assert result.meeting.sequence == meeting.sequence + 1
    assert result.notified == 3
    assert {m.to[0] for m in messages} == {online.email, in_person.email, "p1@example.lt"}
    assert waiting.email not in {m.to[0] for m in messages}
    message = to(messages, in_person.email)[0]
    assert message.subject == f"Changed: {meeting.title}"
    assert "What changed: date and time." in message.body
    [event] = calendar_files(message)[0].walk("VEVENT")
    [old_event] = calendar_files(first_confirmation)[0].walk("VEVENT")
    assert event["UID"] == old_event["UID"]
    assert int(event["SEQUENCE"]) > int(old_event["SEQUENCE"])
    assert event.decoded("DTSTART") == new_start


def test_adding_the_join_link_tells_online_attendees_only(sent):
    meeting = MeetingFactory(join_url="")
    online = join(meeting, email="online@example.lt", mode="online").signup
    join(meeting, email="room@example.lt", mode="in_person")

    result, [message] = sent(
        update_meeting, meeting=meeting, data={"join_url": "https://meet.example.org/new"}
    )

    assert result.changed == {"join_url"}
    assert message.to == [online.email]
    assert "https://meet.example.org/new" in message.body
    assert "link to join online" in message.body


def test_new_venue_tells_in_person_attendees_only(meeting, sent):
    join(meeting, email="online@example.lt", mode="online")
    join(meeting, email="room@example.lt", mode="in_person")

    _result, [message] = sent(
        update_meeting, meeting=meeting, data={"venue_lt": "Konstitucijos pr. 7, Vilnius"}
    )

    assert message.to == ["room@example.lt"]
    assert "Konstitucijos pr. 7, Vilnius" in message.body


def test_changing_only_the_description_emails_nobody_and_keeps_the_sequence(meeting, sent):
    fill(meeting, 1)

    result, messages = sent(update_meeting, meeting=meeting, data={"description": "Agenda attached."})

    assert messages == []
    assert result.meeting.sequence == meeting.sequence
    assert Meeting.objects.get(pk=meeting.pk).description == "Agenda attached."


def test_changes_to_a_past_meeting_email_nobody(sent):
    meeting = MeetingFactory(in_person_capacity=2)
    fill(meeting, 1)
    later = meeting.ends_at + timedelta(days=1)

    result, messages = sent(update_meeting, meeting=meeting, data={"venue_lt": "Elsewhere"}, now=later)

    assert messages == []
    assert result.meeting.venue == "Elsewhere"


def test_more_seats_go_to_the_people_waiting(meeting, sent):
    fill(meeting, 5)

    result, messages = sent(update_meeting, meeting=meeting, data={"in_person_capacity": 4})

    assert result.promoted == 2
    statuses = dict(Signup.objects.values_list("email", "status"))
    assert [statuses[f"p{i}@example.lt"] for i in range(5)] == ["confirmed"] * 4 + ["waitlisted"]
    assert Signup.objects.get(email="p4@example.lt").waitlist_position == 1
    assert sorted(m.to[0] for m in messages) == ["p2@example.lt", "p3@example.lt"]


def test_invalid_change_saves_nothing(meeting):
    with pytest.raises(ValidationError):
        update_meeting(meeting=meeting, data={"ends_at": meeting.starts_at - timedelta(hours=1)})

    assert Meeting.objects.get(pk=meeting.pk).ends_at == meeting.ends_at


def test_format_cannot_drop_a_mode_people_signed_up_for(meeting):
    join(meeting, mode="online")

    with pytest.raises(ValidationError):
        update_meeting(meeting=meeting, data={"format": "in_person"})

    assert Meeting.objects.get(pk=meeting.pk).format == "hybrid"


def test_mark_attendance_records_confirmed_attendees_only(meeting):
    confirmed, _second, waiting = fill(meeting, 3)

    count = mark_attendance(signup_ids=[confirmed.pk, waiting.pk], attended=True)

    assert count == 1
    assert list(Signup.objects.filter(attended=True)) == [confirmed]
    assert mark_attendance(signup_ids=[confirmed.pk], attended=False) == 1
    assert not Signup.objects.filter(attended=True).exists()


def test_a_change_is_announced_by_a_task_after_commit_not_in_the_staff_members_request(
    meeting, django_capture_on_commit_callbacks
):
    fill(meeting, 2)
    join(meeting, email="online@example.lt", mode="online")
    before = Email.objects.count()
    new_start = meeting.starts_at + timedelta(hours=1)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = update_meeting(
            meeting=meeting, data={"starts_at": new_start, "ends_at": new_start + timedelta(hours=2)}
        )
        written_in_the_request = Email.objects.count() - before

    assert written_in_the_request == 0
    assert result.notified == 3
    for callback in callbacks:
        callback()
    assert Email.objects.count() - before == 3


def test_each_attendee_hears_of_a_change_once_however_often_it_is_announced(
    meeting, django_capture_on_commit_callbacks
):
    signups = fill(meeting, 2)
    with django_capture_on_commit_callbacks(execute=False):
        update_meeting(meeting=meeting, data={"venue_lt": "Konstitucijos pr. 7, Vilnius"})

    told = [notify_meeting_changes(meeting_id=meeting.pk) for _ in range(3)]

    assert told == [2, 0, 0]
    assert Email.objects.filter(context__template="events/email/updated").count() == 2
    assert {signup.calendar_sequence for signup in Signup.objects.filter(pk__in=[s.pk for s in signups])} == {
        1
    }


def test_changes_whose_task_was_lost_are_announced_together_by_the_periodic_sweep(
    meeting, django_capture_on_commit_callbacks
):
    join(meeting, email="room@example.lt")
    new_start = meeting.starts_at + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=False):  # the broker was down: no task ran
        update_meeting(meeting=meeting, data={"venue_lt": "Konstitucijos pr. 7, Vilnius"})
        update_meeting(
            meeting=meeting, data={"starts_at": new_start, "ends_at": new_start + timedelta(hours=2)}
        )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        sweep_meeting_changes.delay()

    [message] = mail.outbox
    assert message.to == ["room@example.lt"]
    assert "What changed: date and time, venue." in message.body
    [event] = calendar_files(message)[0].walk("VEVENT")
    assert int(event["SEQUENCE"]) == 2


def test_a_waitlisted_signup_is_told_its_place_and_a_duplicate_is_told_what_a_new_one_would_get(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(in_person_capacity=1)
    seat = join(meeting, email="a@example.lt")

    with django_capture_on_commit_callbacks(execute=True):
        waiting = join(meeting, email="b@example.lt")
    duplicate = join(meeting, email="A@example.lt")
    online = join(meeting, email="c@example.lt", mode="online")

    assert (seat.placement.status, seat.placement.waitlist_position) == ("confirmed", None)
    assert (waiting.placement.status, waiting.placement.waitlist_position) == ("waitlisted", 1)
    assert duplicate.outcome == "duplicate"
    assert duplicate.signup is None
    assert (duplicate.placement.status, duplicate.placement.waitlist_position) == ("waitlisted", 2)
    assert online.placement.status == "confirmed"  # online places have no limit here
    [email] = to(mail.outbox, "b@example.lt")
    assert email.subject.startswith("You are number 1 on the waiting list")
