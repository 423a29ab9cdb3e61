import csv
import io
import re
from datetime import timedelta

import pytest
from django.contrib.auth.models import Permission, User
from django.core import mail
from django.utils import timezone

from events.exports import neutralise
from events.models import Meeting, Signup, SignupStatus
from tests.events.helpers import calendar_files, join
from tests.factories import MeetingFactory, RegistrationFactory, SignupFactory

pytestmark = pytest.mark.django_db

# The most queries each staff page may take, whatever the number of signups: more means an N+1 crept in.
MAX_QUERIES = {"meetings": 7, "signups": 8, "check_in": 4, "export": 7}


@pytest.fixture
def meeting():
    return MeetingFactory(title_lt="Gigafactory briefing", in_person_capacity=2)


def read_csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content if response.streaming else [response.content]).decode(
        "utf-8-sig"
    )
    return list(csv.reader(io.StringIO(text)))


def export(admin_client, signups):
    return admin_client.post(
        "/admin/events/signup/",
        {"action": "export_csv", "_selected_action": [s.pk for s in signups]},
        HTTP_ACCEPT_LANGUAGE="en",
    )


def test_meeting_list_shows_confirmed_waiting_and_capacity_per_mode(admin_client, meeting):
    for i in range(3):
        join(meeting, email=f"p{i}@example.lt")
    join(meeting, email="online@example.lt", mode="online")

    content = admin_client.get("/admin/events/meeting/").content.decode()

    row = next(line for line in content.split("<tr") if "Gigafactory briefing" in line)
    assert "2 / 1 / 2" in row
    assert "1 / 0 / ∞" in row


@pytest.mark.parametrize("count", [1, 50])
def test_meeting_list_query_count_does_not_grow_with_signups(
    admin_client, django_assert_max_num_queries, meeting, count
):
    SignupFactory.create_batch(count, meeting=meeting)
    MeetingFactory.create_batch(3)

    with django_assert_max_num_queries(MAX_QUERIES["meetings"]):
        response = admin_client.get("/admin/events/meeting/")

    assert f"{count} / 0 / 2" in response.content.decode()


@pytest.mark.parametrize("count", [1, 50])
def test_signup_list_query_count_does_not_grow_with_signups(
    admin_client, django_assert_max_num_queries, meeting, count
):
    SignupFactory.create_batch(count, meeting=meeting, registration=RegistrationFactory())

    with django_assert_max_num_queries(MAX_QUERIES["signups"]):
        response = admin_client.get(f"/admin/events/signup/?meeting__id__exact={meeting.pk}")

    assert response.status_code == 200
    assert response.content.decode().count('name="_selected_action"') == count


def test_signup_list_filters_by_status_mode_and_attendance_and_searches(admin_client, meeting):
    for i in range(3):
        join(meeting, email=f"p{i}@example.lt", organisation=f"UAB Org {i}")
    join(meeting, email="online@example.lt", mode="online", organisation="Online Institute")
    Signup.objects.filter(email="p0@example.lt").update(attended=True)

    def emails(query):
        content = admin_client.get(f"/admin/events/signup/?{query}").content.decode()
        return sorted(set(re.findall(r"[\w.]+@example\.lt", content)))

    assert emails("status__exact=waitlisted") == ["p2@example.lt"]
    assert emails("mode__exact=online") == ["online@example.lt"]
    assert emails("attended__exact=1") == ["p0@example.lt"]
    assert emails("q=Online+Institute") == ["online@example.lt"]


def test_csv_export_has_one_row_per_signup_and_neutralises_formulas(admin_client, meeting):
    dangerous = join(
        meeting,
        email="evil@example.lt",
        name='=HYPERLINK("http://evil.example")',
        organisation="+cmd|' /C calc'!A0",
        job_title="@SUM(1)",
    ).signup
    plain = join(meeting, email="ok@example.lt", name="-Ona", organisation="UAB Ona").signup

    response = export(admin_client, [dangerous, plain])

    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    header, *rows = read_csv(response)
    assert header[:5] == ["Meeting", "Name", "Email address", "Organisation", "Job title"]
    by_email = {row[2]: row for row in rows}
    assert by_email["evil@example.lt"][1] == '\'=HYPERLINK("http://evil.example")'
    assert by_email["evil@example.lt"][3] == "'+cmd|' /C calc'!A0"
    assert by_email["evil@example.lt"][4] == "'@SUM(1)"
    assert by_email["ok@example.lt"][1] == "'-Ona"
    assert by_email["ok@example.lt"][3] == "UAB Ona"


def test_csv_export_with_semicolons_for_excel_in_lithuanian(admin_client, meeting):
    signup = join(meeting, email="ona@example.lt", organisation="UAB Ona; ir partneriai").signup

    response = admin_client.post(
        "/admin/events/signup/",
        {"action": "export_csv_semicolons", "_selected_action": [signup.pk]},
        HTTP_ACCEPT_LANGUAGE="en",
    )

    assert response.content.startswith("\ufeffMeeting;Name;Email address;".encode())
    text = response.content.decode("utf-8-sig")
    [header, row] = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert row[header.index("Organisation")] == "UAB Ona; ir partneriai"


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-1", "'-1"),
        ("@x", "'@x"),
        ("\tx", "'\tx"),
        ("a=b", "a=b"),
        (None, ""),
    ],
)
def test_neutralise_prefixes_only_cells_a_spreadsheet_would_evaluate(value, cell):
    assert neutralise(value) == cell


@pytest.mark.parametrize("count", [1, 50])
def test_csv_export_query_count_does_not_grow_with_signups(
    admin_client, django_assert_max_num_queries, meeting, count
):
    signups = SignupFactory.create_batch(count, meeting=meeting, registration=RegistrationFactory())

    with django_assert_max_num_queries(MAX_QUERIES["export"]):
        response = export(admin_client, signups)

    assert len(read_csv(response)) == count + 1


def test_check_in_sheet_lists_confirmed_attendees_alphabetically_with_organisation(admin_client, meeting):
    meeting.in_person_capacity = 3
    meeting.save()
    join(meeting, email="z@example.lt", name="Žygimantas Zabiela", organisation="UAB Zeta")
    join(meeting, email="a@example.lt", name="aistė Adomaitė", organisation="VU")
    join(meeting, email="b@example.lt", name="Bronius Baltrus", organisation="KTU")
    join(meeting, email="w@example.lt", name="Waiting Person", organisation="Late Org")
    join(meeting, email="o@example.lt", name="Online Person", mode="online")

    response = admin_client.get(f"/admin/events/meeting/{meeting.pk}/check-in/")

    content = response.content.decode()
    names = re.findall(r"<td>([^<]+)</td>\s*<td>([^<]+)</td>", content)
    assert names == [("aistė Adomaitė", "VU"), ("Bronius Baltrus", "KTU"), ("Žygimantas Zabiela", "UAB Zeta")]
    assert "Waiting Person" not in content
    assert "Online Person" not in content
    assert "<script>" not in content
    assert 'style="' not in content
    assert "check-in.css" in content

    online = admin_client.get(f"/admin/events/meeting/{meeting.pk}/check-in/?mode=online").content.decode()
    assert "Online Person" in online
    assert "Bronius Baltrus" not in online


@pytest.mark.parametrize("count", [1, 50])
def test_check_in_sheet_query_count_does_not_grow_with_signups(
    admin_client, django_assert_max_num_queries, meeting, count
):
    SignupFactory.create_batch(count, meeting=meeting, registration=RegistrationFactory())

    with django_assert_max_num_queries(MAX_QUERIES["check_in"]):
        response = admin_client.get(f"/admin/events/meeting/{meeting.pk}/check-in/")

    assert response.content.decode().count('<td class="number">') == count


def test_check_in_sheet_is_for_staff_with_permission_only(client, meeting):
    url = f"/admin/events/meeting/{meeting.pk}/check-in/"
    assert client.get(url)["Location"].startswith("/admin/login/")

    staff = User.objects.create_user("staff", password="a-long-password-1", is_staff=True)
    client.force_login(staff)
    assert client.get(url).status_code == 403

    staff.user_permissions.add(Permission.objects.get(codename="view_signup"))
    assert client.get(url).status_code == 200


def test_mark_attendance_action_marks_confirmed_signups(admin_client, meeting):
    confirmed = join(meeting, email="a@example.lt").signup
    join(meeting, email="b@example.lt")
    waiting = join(meeting, email="c@example.lt").signup

    admin_client.post(
        "/admin/events/signup/", {"action": "mark_attended", "_selected_action": [confirmed.pk, waiting.pk]}
    )

    assert list(Signup.objects.filter(attended=True)) == [confirmed]


def test_cancel_action_frees_seats_for_the_waiting_list(
    admin_client, meeting, django_capture_on_commit_callbacks
):
    first = join(meeting, email="a@example.lt").signup
    join(meeting, email="b@example.lt")
    join(meeting, email="c@example.lt")

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            "/admin/events/signup/", {"action": "cancel_signups", "_selected_action": [first.pk]}
        )

    assert Signup.objects.get(email="a@example.lt").status == SignupStatus.CANCELLED
    assert Signup.objects.get(email="c@example.lt").status == SignupStatus.CONFIRMED
    assert sorted(m.to[0] for m in mail.outbox) == ["a@example.lt", "c@example.lt"]


def test_signups_cannot_be_added_in_the_admin(admin_client):
    assert admin_client.get("/admin/events/signup/add/").status_code == 403


def meeting_form(meeting: Meeting, **changes) -> dict:
    local_start = timezone.localtime(changes.pop("starts_at", meeting.starts_at))
    local_end = timezone.localtime(changes.pop("ends_at", meeting.ends_at))
    data = {
        # What staff write in every language.
        **{
            f"{field}_{language}": getattr(meeting, f"{field}_{language}") or ""
            for field in ("title", "description", "venue", "online_instructions")
            for language in ("lt", "en", "lv", "et", "pl")
        },
        "slug": meeting.slug,
        "starts_at_0": local_start.strftime("%Y-%m-%d"),
        "starts_at_1": local_start.strftime("%H:%M:%S"),
        "ends_at_0": local_end.strftime("%Y-%m-%d"),
        "ends_at_1": local_end.strftime("%H:%M:%S"),
        "format": meeting.format,
        "join_url": meeting.join_url,
        "in_person_capacity": meeting.in_person_capacity or "",
        "online_capacity": meeting.online_capacity or "",
        "signup_closes_at_0": "",
        "signup_closes_at_1": "",
    }
    data.update(changes)
    return data


def test_saving_a_new_time_in_the_admin_emails_attendees_a_higher_sequence(
    admin_client, meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        join(meeting, email="a@example.lt")
    [old_event] = calendar_files(mail.outbox[0])[0].walk("VEVENT")
    new_start = meeting.starts_at + timedelta(days=1)

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            f"/admin/events/meeting/{meeting.pk}/change/",
            meeting_form(meeting, starts_at=new_start, ends_at=new_start + timedelta(hours=2)),
            follow=True,
        )

    meeting.refresh_from_db()
    assert meeting.starts_at == new_start
    assert meeting.sequence == 1
    assert "1 attendee is being emailed the change" in response.content.decode()
    update = mail.outbox[-1]
    [event] = calendar_files(update)[0].walk("VEVENT")
    assert event["UID"] == old_event["UID"]
    assert int(event["SEQUENCE"]) == int(old_event["SEQUENCE"]) + 1


def test_saving_a_new_title_in_the_admin_emails_nobody(
    admin_client, meeting, django_capture_on_commit_callbacks
):
    join(meeting, email="a@example.lt")

    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            f"/admin/events/meeting/{meeting.pk}/change/", meeting_form(meeting, title_lt="Renamed")
        )

    meeting.refresh_from_db()
    assert meeting.title_lt == "Renamed"
    assert meeting.sequence == 0
    assert mail.outbox == []


def test_admin_refuses_a_format_that_drops_signed_up_attendees(admin_client, meeting):
    join(meeting, email="online@example.lt", mode="online")

    response = admin_client.post(
        f"/admin/events/meeting/{meeting.pk}/change/", meeting_form(meeting, format="in_person")
    )

    assert response.status_code == 200
    assert "no longer offers" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.format == "hybrid"


def test_admin_creates_a_meeting(admin_client):
    template = MeetingFactory.build(slug="new-meeting")

    response = admin_client.post("/admin/events/meeting/add/", meeting_form(template))

    assert response.status_code == 302
    created = Meeting.objects.get(slug="new-meeting")
    assert created.starts_at == template.starts_at
    assert created.sequence == 0


def test_live_signup_of_a_meeting_to_come_is_cancelled_not_deleted(admin_client, meeting):
    live = join(meeting, email="a@example.lt").signup
    past = SignupFactory(meeting=MeetingFactory(starts_at=timezone.now() - timedelta(days=2)))

    assert admin_client.get(f"/admin/events/signup/{live.pk}/delete/").status_code == 403
    assert admin_client.get(f"/admin/events/signup/{past.pk}/delete/").status_code == 200
    changelist = admin_client.get("/admin/events/signup/").content.decode()
    assert 'value="delete_selected"' not in changelist
    assert 'value="cancel_signups"' in changelist


def test_meeting_form_labels_are_capitalised(admin_client, meeting):
    content = admin_client.get(f"/admin/events/meeting/{meeting.pk}/change/", HTTP_ACCEPT_LANGUAGE="en")

    assert "Online join link" in content.content.decode()
