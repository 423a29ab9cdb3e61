"""Internal notes are never lost: saved with the page, or with their own button by staff who only view it."""

import re

import pytest

from registrations.models import Note
from tests.factories import RegistrationFactory
from tests.registrations.helpers import unchanged_form_data

pytestmark = pytest.mark.django_db

LIST = "/admin/registrations/registration/"


def test_a_note_typed_on_the_page_is_saved_with_the_page(as_staff, superuser):
    registration = RegistrationFactory(contact_name="Ona Onaitė")
    client = as_staff(superuser)
    data = unchanged_form_data(client.get(f"{LIST}{registration.pk}/change/"))
    data["note-text"] = "Called the director: the VAT code follows."
    data["contact_name"] = "Ona Petraitienė"

    response = client.post(f"{LIST}{registration.pk}/change/", data, follow=True)

    note = Note.objects.get()
    assert (note.registration, note.author, note.text) == (
        registration,
        superuser,
        "Called the director: the VAT code follows.",
    )
    registration.refresh_from_db()
    assert registration.contact_name == "Ona Petraitienė"
    assert "The note has been saved." in response.content.decode()


def test_saving_the_page_without_a_note_adds_none(as_staff, superuser):
    registration = RegistrationFactory()
    client = as_staff(superuser)

    response = client.post(
        f"{LIST}{registration.pk}/change/",
        unchanged_form_data(client.get(f"{LIST}{registration.pk}/change/")),
    )

    assert response.status_code == 302
    assert not Note.objects.exists()


def test_a_page_sent_back_with_errors_keeps_the_typed_note(as_staff, superuser):
    registration = RegistrationFactory()
    client = as_staff(superuser)
    data = unchanged_form_data(client.get(f"{LIST}{registration.pk}/change/"))
    data["note-text"] = "Waiting for the annual report."
    data["contact_email"] = "not an address"

    response = client.post(f"{LIST}{registration.pk}/change/", data)

    assert response.status_code == 200
    assert not Note.objects.exists()
    textarea = re.search(r'<textarea name="note-text"[^>]*>([^<]*)</textarea>', response.content.decode())
    assert textarea.group(1).strip() == "Waiting for the annual report."


def test_staff_who_may_only_view_the_page_save_a_note_with_its_own_button(as_staff, reviewer, superuser):
    registration = RegistrationFactory()
    note_url = f"{LIST}{registration.pk}/note/"

    for_reviewer = as_staff(reviewer).get(f"{LIST}{registration.pk}/change/").content.decode()
    for_superuser = as_staff(superuser).get(f"{LIST}{registration.pk}/change/").content.decode()

    assert f'formaction="{note_url}"' in for_reviewer
    assert f'formaction="{note_url}"' not in for_superuser
    assert "A note written here is saved when you save the page." in for_superuser
    # The note box is inside the page's form, after its buttons: Enter in a field saves the page, not a note.
    start = for_superuser.index('id="registration_form"')
    form = for_superuser[start : for_superuser.index("</form>", start)]
    assert form.index('name="_save"') < form.index('name="note-text"')


def test_the_note_box_describes_itself_with_an_element_that_exists(as_staff, reviewer):
    registration = RegistrationFactory()

    content = as_staff(reviewer).get(f"{LIST}{registration.pk}/change/").content.decode()

    textarea = re.search(r'<textarea name="note-text"[^>]*>', content).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', textarea).group(1)
    assert f'id="{described_by}"' in content
