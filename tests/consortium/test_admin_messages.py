"""The admin in Lithuanian: titles, buttons, actions, confirmations and success messages read grammatically.

Django's and the add-ons' own catalogues put Lithuanian model names where another case is needed ("Pakeisti
registracija") or leave texts in English; the portal's catalogues (consortium/admin_messages.py) override them.
"""

import re
from html import unescape

import pytest
from django.test import Client

from events.models import Meeting
from registrations.models import MessageTemplate, RegistrationCall
from tests.factories import MeetingFactory, RegistrationCallFactory, RegistrationFactory, SignupFactory

pytestmark = pytest.mark.django_db

# model admin path: (Lithuanian name, plural, an object of it)
MODELS = {
    "registrations/registrationcall": (
        "registracijos kvietimas",
        "registracijos kvietimai",
        RegistrationCallFactory,
    ),
    "registrations/registration": ("registracija", "registracijos", RegistrationFactory),
    "registrations/messagetemplate": ("laiško tekstas", "laiškų tekstai", None),
    "events/meeting": ("susitikimas", "susitikimai", MeetingFactory),
    "events/signup": ("registracija į susitikimą", "registracijos į susitikimus", SignupFactory),
}


@pytest.fixture
def lithuanian_admin(admin_user):
    client = Client(HTTP_ACCEPT_LANGUAGE="lt")
    client.force_login(admin_user)
    return client


def text(response) -> str:
    """The page's text as a reader sees it, one space between words."""
    html = re.sub(r"<(script|style|svg)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    html = re.sub(r"</?(a|span|strong|em)\b[^>]*>", "", html)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def an_object(path: str):
    factory = MODELS[path][2]
    return factory() if factory else MessageTemplate.objects.get(status="accepted")


@pytest.mark.parametrize("path", MODELS)
def test_admin_list_and_change_pages_name_the_model_in_a_grammatical_label(lithuanian_admin, path):
    name = MODELS[path][0]
    obj = an_object(path)

    listing = text(lithuanian_admin.get(f"/admin/{path}/"))
    change = text(lithuanian_admin.get(f"/admin/{path}/{obj.pk}/change/"))

    assert f"Pasirinkite, ką keisti: {name}" in listing
    assert "Pasirinkite " + name not in listing
    assert " By " not in listing
    assert "Show counts" not in listing
    assert f"Keisti: {name}" in change
    assert "Pakeisti " + name not in change


@pytest.mark.parametrize(
    "path", ["registrations/registrationcall", "events/meeting", "registrations/messagetemplate"]
)
def test_admin_add_page_and_button_say_pridėti_with_a_colon(lithuanian_admin, path):
    name = MODELS[path][0]

    assert f"Pridėti: {name}" in text(lithuanian_admin.get(f"/admin/{path}/add/"))
    assert f"Pridėti: {name}" in text(lithuanian_admin.get(f"/admin/{path}/"))


def test_admin_filters_and_delete_action_are_lithuanian(lithuanian_admin):
    RegistrationCallFactory()

    listing = text(lithuanian_admin.get("/admin/registrations/registration/"))
    calls = text(lithuanian_admin.get("/admin/registrations/registrationcall/"))

    assert "Filtras: būsena" in listing
    assert "Pagal būsena" not in listing
    assert "Rodyti skaičius" in listing
    assert "Ištrinti pasirinktus įrašus (registracijos kvietimai)" in calls


def test_admin_delete_confirmation_and_success_message_are_lithuanian(lithuanian_admin):
    call = RegistrationCallFactory(title_lt="Bandomasis kvietimas")
    url = f"/admin/registrations/registrationcall/{call.pk}/delete/"

    confirmation = text(lithuanian_admin.get(url))
    done = text(lithuanian_admin.post(url, {"post": "yes"}, follow=True))

    assert "Ištrinti: registracijos kvietimas „Bandomasis kvietimas“. Ar tikrai?" in confirmation
    assert "Ištrinta: registracijos kvietimas „Bandomasis kvietimas“." in done
    assert not RegistrationCall.objects.filter(pk=call.pk).exists()


def test_admin_change_and_add_success_messages_are_lithuanian(lithuanian_admin):
    template = MessageTemplate.objects.get(status="declined")
    data = {"status": "declined"}
    for language in ("lt", "en", "lv", "et", "pl"):
        data[f"subject_{language}"] = getattr(template, f"subject_{language}")
        data[f"body_{language}"] = getattr(template, f"body_{language}")

    changed = text(
        lithuanian_admin.post(
            f"/admin/registrations/messagetemplate/{template.pk}/change/", data, follow=True
        )
    )

    assert "Pakeista: laiško tekstas „Atmesta“." in changed
    assert "was changed successfully" not in changed


def test_meeting_added_in_the_admin_is_confirmed_in_lithuanian(lithuanian_admin):
    data = {
        "slug": "naujas",
        "title_lt": "Naujas susitikimas",
        "starts_at_0": "2099-05-04",
        "starts_at_1": "10:00:00",
        "ends_at_0": "2099-05-04",
        "ends_at_1": "12:00:00",
        "format": "online",
    }

    added = text(lithuanian_admin.post("/admin/events/meeting/add/", data, follow=True))

    assert "Pridėta: susitikimas „Naujas susitikimas“." in added
    assert Meeting.objects.get(slug="naujas").title_lt == "Naujas susitikimas"


def test_admin_frame_and_add_ons_are_lithuanian(lithuanian_admin):
    index = text(lithuanian_admin.get("/admin/"))

    for english in (
        "Toggle theme",
        "Access attempts",
        "Email Templates",
        "TOTP devices",
        "Otp_Totp",
        "Model name",
    ):
        assert english not in index
    assert "Perjungti temą (dabartinė tema: automatinė)" in index
    assert "Prisijungimo bandymai" in index
    assert "Laiškų šablonai" in index
    assert "Autentifikatoriai" in index
    assert "Siunčiami laiškai" in index
