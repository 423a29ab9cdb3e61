"""The review desk in the admin: the list, the registration page, status moves one by one and in bulk."""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from registrations.admin.forms import vilnius_today
from registrations.models import (
    EditLink,
    Note,
    OrganisationSize,
    OrganisationType,
    ParticipationKind,
    Status,
    StatusChange,
)
from registrations.services import add_note, change_status, withdraw_registration
from tests.factories import (
    NoteFactory,
    OrganisationFactory,
    RegistrationCallFactory,
    RegistrationFactory,
    StaffFactory,
)
from tests.registrations.helpers import unchanged_form_data

pytestmark = pytest.mark.django_db

LIST = "/admin/registrations/registration/"
VILNIUS = ZoneInfo("Europe/Vilnius")


def page(registration, suffix="change/"):
    return f"{LIST}{registration.pk}/{suffix}"


@pytest.fixture
def staff(client):
    """Log `user` in to the admin, which then speaks English."""

    def _login(user):
        client.force_login(user)
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
        return client

    return _login


def references(response) -> set[str]:
    return {registration.reference for registration in response.context["cl"].result_list}


def messages_of(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_list_shows_the_review_columns_compactly(staff, reviewer):
    organisation = OrganisationFactory(
        legal_name="UAB Skaičiuoklė", country="LV", registration_code="40003000000"
    )
    registration = RegistrationFactory(
        organisation=organisation,
        organisation_type=OrganisationType.STARTUP,
        size=OrganisationSize.MICRO,
        status=Status.NEEDS_INFORMATION,
        assignee=reviewer,
        participation=ParticipationKind.objects.filter(code__in=["invest", "use_compute"]),
        submitted_at=datetime(2025, 7, 30, 9, 15, tzinfo=VILNIUS),
    )

    response = staff(reviewer).get(LIST)

    content = response.content.decode()
    headers = ("Reference", "Organisation", "Country", "Type", "Status", "Assigned to", "Submitted")
    for header in headers:
        assert f">{header}</a>" in content or f"<span>{header}</span>" in content, header
    for left_out in ("Size", "Taking part by"):
        assert f">{left_out}</a>" not in content
    row = content[
        content.index(registration.reference) : content.index("</tr>", content.index(registration.reference))
    ]
    for value in ("UAB Skaičiuoklė", "Latvia", '<span title="Startup">Startup</span>', "30/07/2025"):
        assert value in row
    assert reviewer.get_full_name() in row
    assert (
        '<span class="review-status review-status--needs_information" title="Needs information">'
        "Needs info</span>" in row
    )
    assert "Use computing capacity" not in row


def test_list_filters_narrow_the_registrations(staff, reviewer):
    call = RegistrationCallFactory()
    startup_lv = RegistrationFactory(
        call=call,
        status=Status.ACCEPTED,
        organisation=OrganisationFactory(country="LV"),
        organisation_type=OrganisationType.STARTUP,
        size=OrganisationSize.LARGE,
        participation=ParticipationKind.objects.filter(code="invest"),
    )
    mine = RegistrationFactory(assignee=reviewer)
    other = RegistrationFactory(assignee=StaffFactory())
    unassigned = RegistrationFactory()
    client = staff(reviewer)
    invest = ParticipationKind.objects.get(code="invest")

    assert references(client.get(LIST, {"status__exact": "accepted"})) == {startup_lv.reference}
    assert references(client.get(LIST, {"country": "LV"})) == {startup_lv.reference}
    assert references(client.get(LIST, {"organisation_type__exact": "startup"})) == {startup_lv.reference}
    assert references(client.get(LIST, {"size__exact": "large"})) == {startup_lv.reference}
    assert references(client.get(LIST, {"participation__id__exact": invest.pk})) == {startup_lv.reference}
    assert references(client.get(LIST, {"call__id__exact": call.pk})) == {startup_lv.reference}
    assert references(client.get(LIST, {"assignee": "mine"})) == {mine.reference}
    assert references(client.get(LIST, {"assignee": "nobody"})) == {
        startup_lv.reference,
        unassigned.reference,
    }
    assert references(client.get(LIST, {"assignee": str(other.assignee_id)})) == {other.reference}


@pytest.mark.parametrize(
    "query",
    ["UAB Paieška", "LT100001919017", "paieska@example.lt", "TEST-SEARCH-1", "188621919"],
)
def test_list_search_finds_by_name_codes_email_and_reference(staff, reviewer, query):
    wanted = RegistrationFactory(
        reference="TEST-SEARCH-1",
        contact_email="paieska@example.lt",
        organisation=OrganisationFactory(legal_name="UAB Paieška", registration_code="188621919"),
        vat_code="LT100001919017",
    )
    RegistrationFactory()

    assert references(staff(reviewer).get(LIST, {"q": query})) == {wanted.reference}


def test_list_has_a_date_hierarchy_on_submission(staff, reviewer):
    RegistrationFactory(submitted_at=datetime(2025, 7, 29, 10, 0, tzinfo=VILNIUS))
    RegistrationFactory(submitted_at=datetime(2025, 8, 2, 10, 0, tzinfo=VILNIUS))

    response = staff(reviewer).get(LIST, {"submitted_at__year": 2025, "submitted_at__month": 8})

    assert len(response.context["cl"].result_list) == 1
    assert 'class="date-back"' in response.content.decode()  # the date hierarchy bar, back to 2025


def _queries(client, path, **params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


def _many_registrations(count, reviewer):
    call = RegistrationCallFactory()
    kinds = ParticipationKind.objects.filter(code__in=["invest", "develop_ai"])
    return [
        RegistrationFactory(
            call=call,
            assignee=reviewer,
            participation=kinds,
            organisation=OrganisationFactory(country=["LT", "LV", "EE"][n % 3]),
        )
        for n in range(count)
    ]


def test_list_runs_in_a_constant_number_of_queries(staff, reviewer, django_assert_max_num_queries):
    client = staff(reviewer)
    _many_registrations(1, reviewer)
    with django_assert_max_num_queries(20):
        one = _queries(client, LIST)

    _many_registrations(49, reviewer)
    with django_assert_max_num_queries(20):
        fifty = _queries(client, LIST)

    assert fifty == one


def test_registration_page_shows_review_panel_history_and_notes(staff, reviewer):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW, assignee=reviewer)
    change_status(registration=registration, to=Status.ACCEPTED, by=reviewer, comment="Strong partner.")
    NoteFactory(registration=registration, author=reviewer, text="Called the director.")

    response = staff(reviewer).get(page(registration))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Status history" in content
    assert "Under review → <strong>Accepted</strong>" in content
    assert "Strong partner." in content
    assert "Internal notes (staff only)" in content
    assert "Called the director." in content
    assert reviewer.get_full_name() in content
    assert "Add an internal note" in content
    # Accepted is final: no moves are offered.
    assert "/status/" not in content


def test_registration_page_shows_the_organisations_answers(staff, reviewer):
    organisation = OrganisationFactory(legal_name="UAB Skaičiavimai")
    registration = RegistrationFactory(
        organisation=organisation,
        vat_code="LT100001919017",
        organisation_type=OrganisationType.INVESTOR,
        statement="We invest in compute.",
    )

    content = staff(reviewer).get(page(registration)).content.decode()

    assert "UAB Skaičiavimai" in content
    assert "LT100001919017" in content
    assert '<div class="readonly">Investor</div>' in content
    assert "We invest in compute." in content
    assert f'<option value="{reviewer.pk}">{reviewer.get_full_name()}</option>' in content


def test_registration_page_offers_only_allowed_moves(staff, reviewer):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW)

    content = staff(reviewer).get(page(registration)).content.decode()

    assert f"{page(registration, 'status/needs_information/')}" in content
    assert f"{page(registration, 'status/accepted/')}" in content
    assert f"{page(registration, 'status/declined/')}" in content
    assert f"{page(registration, 'status/under_review/')}" not in content


def test_registration_page_hints_at_possible_duplicates(staff, reviewer):
    registration = RegistrationFactory(contact_email="ona@company.lt", vat_code="LT100001919017")
    same_vat = RegistrationFactory(vat_code="LT100001919017")
    same_domain = RegistrationFactory(contact_email="jonas@company.lt")
    RegistrationFactory(contact_email="someone@other.lt")

    content = staff(reviewer).get(page(registration)).content.decode()

    assert "Possible duplicates" in content
    assert same_vat.reference in content
    assert "same VAT code" in content
    assert same_domain.reference in content
    assert "same email domain" in content
    assert content.count("/admin/registrations/registration/") >= 2


def test_registration_page_runs_in_a_constant_number_of_queries(
    staff, reviewer, django_assert_max_num_queries
):
    registration = RegistrationFactory(status=Status.SUBMITTED, contact_email="a@firm.lt")
    client = staff(reviewer)

    def grow(count):
        for n in range(count):
            NoteFactory(registration=registration, author=reviewer)
            StatusChange.objects.create(
                registration=registration,
                from_status=Status.SUBMITTED,
                to_status=Status.UNDER_REVIEW,
                changed_by=StaffFactory() if n % 2 else None,
                changed_at=timezone.now(),
            )
            RegistrationFactory(contact_email=f"b{n}@firm.lt")

    grow(1)
    with django_assert_max_num_queries(30):
        one = _queries(client, page(registration))
    grow(49)
    with django_assert_max_num_queries(30):
        fifty = _queries(client, page(registration))

    assert fifty == one


def test_status_page_offers_the_default_text_in_the_applicants_language(staff, reviewer):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW, language="lt", contact_name="Ona Onaitė")

    response = staff(reviewer).get(page(registration, "status/accepted/"))

    content = response.content.decode()
    assert response.status_code == 200
    assert f"Jūsų registracija priimta ({registration.reference})" in content
    assert "Gerb. Ona Onaitė," in content
    assert "Subject (Lithuanian)" in content


def test_status_page_moves_and_emails_the_text_staff_approved(
    staff, reviewer, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(
        status=Status.UNDER_REVIEW, language="en", contact_email="ona@example.lt"
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = staff(reviewer).post(
            page(registration, "status/accepted/"),
            {
                "comment": "Board approved on Monday.",
                "send_email": "on",
                "subject_en": "Welcome, {organisation}",
                "message_en": "Dear {contact_name},\n\nYou are in.",
            },
        )

    assert response.status_code == 302
    assert response["Location"] == page(registration)
    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED
    change = StatusChange.objects.get()
    assert change.comment == "Board approved on Monday."
    assert change.changed_by == reviewer
    [message] = mail.outbox
    assert message.to == ["ona@example.lt"]
    assert message.subject == f"Welcome, {registration.organisation.legal_name}"
    assert f"Dear {registration.contact_name},\n\nYou are in." in message.body
    assert "Board approved" not in message.body


def test_status_page_can_move_without_emailing(staff, reviewer, django_capture_on_commit_callbacks):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW)

    with django_capture_on_commit_callbacks(execute=True):
        staff(reviewer).post(page(registration, "status/declined/"), {"subject_en": "x", "message_en": "y"})

    registration.refresh_from_db()
    assert registration.status == Status.DECLINED
    assert mail.outbox == []


def test_asking_for_information_in_the_admin_reopens_to_the_end_of_the_chosen_day(
    staff, reviewer, django_capture_on_commit_callbacks
):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW)
    day = vilnius_today() + timedelta(days=10)

    with django_capture_on_commit_callbacks(execute=True):
        response = staff(reviewer).post(
            page(registration, "status/needs_information/"),
            {
                "reopened_until": day.isoformat(),
                "send_email": "on",
                "question": "Please add your VAT code.",
                "subject_en": "More information, please",
                "message_en": "Dear Ona,\n\n{question}\n\nThank you.",
            },
        )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Status.NEEDS_INFORMATION
    assert registration.reopened_until == datetime.combine(day + timedelta(days=1), time(0), tzinfo=VILNIUS)
    assert "Dear Ona,\n\nPlease add your VAT code.\n\nThank you." in mail.outbox[0].body
    assert "/en/register/edit/" in mail.outbox[0].body


def test_asking_for_information_needs_the_question(staff, reviewer):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW)

    response = staff(reviewer).get(page(registration, "status/needs_information/"))
    content = response.content.decode()
    assert "Your question" in content
    assert "{question}" in content  # where the default text quotes it
    response = staff(reviewer).post(
        page(registration, "status/needs_information/"),
        {
            "reopened_until": (vilnius_today() + timedelta(days=3)).isoformat(),
            "send_email": "on",
            "subject_en": "More information",
            "message_en": "Dear Ona,\n{question}",
        },
    )

    assert response.status_code == 200
    assert "Write the question to the applicants." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW


def test_status_page_keeps_the_form_when_the_text_still_has_instructions(staff, reviewer):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW)

    response = staff(reviewer).post(
        page(registration, "status/needs_information/"),
        {
            "reopened_until": (vilnius_today() + timedelta(days=3)).isoformat(),
            "send_email": "on",
            "question": "The annual report, please.",
            "subject_en": "More information",
            "message_en": "Dear Ona,\n[[Describe here what is missing or needs correcting.]]",
        },
    )

    assert response.status_code == 200
    assert "replace the instructions in [[double square brackets]]" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.UNDER_REVIEW


def test_status_page_refuses_a_move_the_rules_do_not_allow(staff, reviewer):
    registration = RegistrationFactory(status=Status.WITHDRAWN)

    response = staff(reviewer).post(page(registration, "status/accepted/"), {}, follow=True)

    assert response.redirect_chain == [(page(registration), 302)]
    assert "cannot be moved that way" in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Status.WITHDRAWN


def _bulk(client, action, registrations, **data):
    return client.post(
        LIST,
        {"action": action, "_selected_action": [r.pk for r in registrations], **data},
    )


def test_bulk_action_asks_for_confirmation_first(staff, reviewer):
    movable = RegistrationFactory(status=Status.UNDER_REVIEW)
    withdrawn = RegistrationFactory(status=Status.WITHDRAWN)

    response = _bulk(staff(reviewer), "move_to_accepted", [movable, withdrawn], index="0")

    content = response.content.decode()
    assert response.status_code == 200
    assert "Registrations to move to “Accepted”" in content
    assert movable.reference in content
    assert withdrawn.reference in content
    assert "cannot be moved" in content
    movable.refresh_from_db()
    assert movable.status == Status.UNDER_REVIEW


def test_bulk_action_moves_each_registration_and_reports_refusals(
    staff, reviewer, django_capture_on_commit_callbacks
):
    in_english = RegistrationFactory(status=Status.UNDER_REVIEW, language="en", contact_name="Ann")
    in_lithuanian = RegistrationFactory(status=Status.NEEDS_INFORMATION, language="lt", contact_name="Ona")
    withdrawn = RegistrationFactory(status=Status.WITHDRAWN)

    with django_capture_on_commit_callbacks(execute=True):
        response = _bulk(
            staff(reviewer),
            "move_to_declined",
            [in_english, in_lithuanian, withdrawn],
            confirm="yes",
            comment="Out of scope.",
            send_email="on",
            subject_en="Decision ({reference})",
            message_en="Dear {contact_name}, no.",
            subject_lt="Sprendimas ({reference})",
            message_lt="Gerb. {contact_name}, ne.",
        )

    assert response.status_code == 302
    for registration, expected in ((in_english, Status.DECLINED), (in_lithuanian, Status.DECLINED)):
        registration.refresh_from_db()
        assert registration.status == expected
    withdrawn.refresh_from_db()
    assert withdrawn.status == Status.WITHDRAWN
    sent = {message.to[0]: message for message in mail.outbox}
    assert sent[in_english.contact_email].subject == f"Decision ({in_english.reference})"
    assert "Dear Ann, no." in sent[in_english.contact_email].body
    assert sent[in_lithuanian.contact_email].subject == f"Sprendimas ({in_lithuanian.reference})"
    assert "Gerb. Ona, ne." in sent[in_lithuanian.contact_email].body
    assert withdrawn.contact_email not in sent
    notices = messages_of(response)
    assert any(withdrawn.reference in notice and "cannot be moved" in notice for notice in notices)
    assert "2 registrations moved to “Declined”; the applicants will be emailed." in notices
    assert StatusChange.objects.filter(comment="Out of scope.").count() == 2


def test_bulk_email_texts_are_asked_for_only_in_the_languages_of_movable_registrations(
    staff, reviewer, django_capture_on_commit_callbacks
):
    movable = RegistrationFactory(status=Status.UNDER_REVIEW, language="en")
    final = RegistrationFactory(status=Status.DECLINED, language="lt")
    client = staff(reviewer)

    confirmation = _bulk(client, "move_to_accepted", [movable, final], index="0").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = _bulk(
            client,
            "move_to_accepted",
            [movable, final],
            confirm="yes",
            send_email="on",
            subject_en="Accepted",
            message_en="Welcome.",
        )

    assert 'name="subject_en"' in confirmation
    assert 'name="subject_lt"' not in confirmation
    movable.refresh_from_db()
    assert movable.status == Status.ACCEPTED
    assert [message.to for message in mail.outbox] == [[movable.contact_email]]
    assert any(final.reference in notice and "cannot be moved" in notice for notice in messages_of(response))


def test_bulk_action_with_nothing_movable_changes_nothing(staff, reviewer):
    withdrawn = RegistrationFactory(status=Status.WITHDRAWN)

    response = _bulk(staff(reviewer), "move_to_under_review", [withdrawn], confirm="yes")

    assert response.status_code == 302
    assert not StatusChange.objects.exists()
    assert any("cannot be moved" in notice for notice in messages_of(response))


def test_assign_to_me_action(staff, reviewer):
    registrations = [RegistrationFactory(), RegistrationFactory()]

    response = _bulk(staff(reviewer), "assign_to_me", registrations, index="0")

    assert response.status_code == 302
    assert {r.assignee for r in (r.__class__.objects.get(pk=r.pk) for r in registrations)} == {reviewer}


def test_staff_can_assign_a_registration_on_its_page(staff, reviewer):
    colleague = StaffFactory(first_name="Rūta", last_name="Rutkauskienė")
    registration = RegistrationFactory()

    response = staff(reviewer).post(page(registration, "assign/"), {"assignee": colleague.pk}, follow=True)

    registration.refresh_from_db()
    assert registration.assignee == colleague
    assert "Assigned to Rūta Rutkauskienė." in response.content.decode()


def test_staff_can_add_an_internal_note_on_the_registration_page(staff, reviewer):
    registration = RegistrationFactory()

    response = staff(reviewer).post(
        page(registration, "note/"), {"note-text": "Asked for the annual report."}
    )

    assert response.status_code == 302
    note = Note.objects.get()
    assert (note.registration, note.author, note.text) == (
        registration,
        reviewer,
        "Asked for the annual report.",
    )
    assert "Asked for the annual report." in staff(reviewer).get(page(registration)).content.decode()


def test_empty_note_is_refused_with_a_message(staff, reviewer):
    registration = RegistrationFactory()

    response = staff(reviewer).post(page(registration, "note/"), {"note-text": ""}, follow=True)

    assert not Note.objects.exists()
    assert "Write the note before saving it." in response.content.decode()


def test_notes_are_not_shown_to_the_applicant(client, reviewer):
    registration = RegistrationFactory()
    add_note(registration=registration, author=reviewer, text="Internal: check their funding.")
    _link, token = EditLink.issue(registration=registration)

    response = client.get(f"/en/register/edit/{token}/")

    assert response.status_code == 200
    assert "check their funding" not in response.content.decode()


def test_history_of_a_registration_is_visible(staff, reviewer):
    registration = RegistrationFactory(status=Status.SUBMITTED)
    change_status(registration=registration, to=Status.UNDER_REVIEW, by=reviewer)

    response = staff(reviewer).get(page(registration, "history/"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "<strong>Status:</strong> Submitted → Under review" in content
    assert reviewer.get_full_name() in content
    assert "not a staff member (the applicant or the portal)" in content
    assert 'style="' not in content[content.index('id="change-history"') :]


def test_an_earlier_version_cannot_be_restored(staff, superuser):
    registration = RegistrationFactory(status=Status.UNDER_REVIEW)
    first = registration.history.earliest("history_date")
    registration.status = Status.ACCEPTED
    registration.save()

    response = staff(superuser).post(page(registration, f"history/{first.history_id}/"), {})

    assert response.status_code == 403
    registration.refresh_from_db()
    assert registration.status == Status.ACCEPTED


def test_status_and_assignment_cannot_be_edited_in_the_form(staff, superuser):
    registration = RegistrationFactory(status=Status.SUBMITTED)

    content = staff(superuser).get(page(registration)).content.decode()

    assert 'name="status"' not in content
    assert 'name="assignee"' in content  # only in the assignment form, which goes through the service
    assert content.count('name="assignee"') == 1


def test_admin_speaks_lithuanian_by_default(client, reviewer):
    client.force_login(reviewer)
    RegistrationFactory(status=Status.SUBMITTED)

    response = client.get(LIST, HTTP_ACCEPT_LANGUAGE="lt")

    content = response.content.decode()
    assert '<html lang="lt"' in content
    assert "Registracijos" in content
    assert "Pateikta" in content


def test_admin_language_can_be_switched(client, reviewer):
    client.force_login(reviewer)

    response = client.post(
        "/admin-language/", {"language": "en", "next": "/admin/"}, HTTP_ACCEPT_LANGUAGE="lt"
    )
    assert response.status_code == 302
    content = client.get("/admin/", HTTP_ACCEPT_LANGUAGE="lt").content.decode()

    assert '<html lang="en"' in content
    assert "Registrations at a glance" in content


def test_status_history_shows_the_applicants_own_moves(staff, reviewer):
    registration = RegistrationFactory(status=Status.SUBMITTED)

    withdraw_registration(registration=registration)

    content = staff(reviewer).get(page(registration)).content.decode()
    assert "the applicant" in content
    assert "Submitted → <strong>Withdrawn</strong>" in content


def test_a_change_made_in_the_admin_enters_the_history_once_with_who_made_it(staff, superuser):
    registration = RegistrationFactory(status=Status.SUBMITTED)
    NoteFactory(registration=registration)  # inlines on the page, posted back unchanged
    entries = registration.history.count()
    client = staff(superuser)
    data = unchanged_form_data(client.get(page(registration)))
    data["contact_name"] = "Ona Onaitė"
    data["participation"] = [
        str(kind.pk) for kind in ParticipationKind.objects.filter(code__in=["use_compute", "provide_data"])
    ]

    response = client.post(page(registration), data)

    assert response.status_code == 302
    assert registration.history.count() == entries + 1
    latest = registration.history.order_by("history_date", "history_id").last()
    assert latest.history_type == "~"
    assert latest.history_user == superuser
    assert latest.contact_name == "Ona Onaitė"
    kinds = set(latest.participation.values_list("participationkind__code", flat=True))
    assert kinds == {"use_compute", "provide_data"}


def test_bulk_move_includes_an_organisation_whose_name_looks_like_an_instruction(
    staff, reviewer, django_capture_on_commit_callbacks
):
    beta = RegistrationFactory(status=Status.UNDER_REVIEW, language="en", legal_name="[[Beta]] UAB")
    plain = RegistrationFactory(status=Status.UNDER_REVIEW, language="en")

    with django_capture_on_commit_callbacks(execute=True):
        _bulk(
            staff(reviewer),
            "move_to_accepted",
            [beta, plain],
            confirm="yes",
            send_email="on",
            subject_en="Welcome, {organisation}",
            message_en="Dear {contact_name}, {organisation} is accepted.",
        )

    for registration in (beta, plain):
        registration.refresh_from_db()
        assert registration.status == Status.ACCEPTED
    assert {message.subject for message in mail.outbox} == {
        "Welcome, [[Beta]] UAB",
        f"Welcome, {plain.legal_name}",
    }


def test_review_moves_assignment_and_export_work_for_erased_registrations(
    client, coordinator, reviewer, django_capture_on_commit_callbacks
):
    from privacy.services import erase_email

    registration = RegistrationFactory(status=Status.UNDER_REVIEW, contact_email="gone@example.lt")
    erase_email(email="gone@example.lt", by=coordinator)
    client.force_login(coordinator)

    with django_capture_on_commit_callbacks(execute=True):
        assign = client.post(page(registration, "assign/"), {"assignee": reviewer.pk})
        move = client.post(
            page(registration, "status/accepted/"),
            {"send_email": "on", "subject_en": "Accepted", "message_en": "Dear {contact_name}, welcome."},
        )
    export = client.get(LIST + "export/csv/")

    assert (assign.status_code, move.status_code, export.status_code) == (302, 302, 200)
    registration.refresh_from_db()
    assert (registration.status, registration.assignee) == (Status.ACCEPTED, reviewer)
    assert mail.outbox == []  # nobody left to write to
    assert registration.reference in b"".join(export.streaming_content).decode("utf-8-sig")
