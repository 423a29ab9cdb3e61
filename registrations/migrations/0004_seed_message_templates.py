"""Seed the default email texts for status moves, in Lithuanian and English (0009 adds lv, et, pl).

Coordinators edit them in the admin (Registrations → Email texts); staff may still change each message before it
goes. Latvian, Estonian and Polish applicants get the English text until texts in their language are added.
"""

from django.db import migrations

TEMPLATES = {
    ("needs_information", "en"): (
        "We need more information about your registration ({reference})",
        "Dear {contact_name},\n\n"
        "Thank you for registering {organisation} for \"{call}\". To review the registration ({reference}) we "
        "need more information.\n\n"
        "[[Describe here what is missing or needs correcting.]]\n\n"
        "Please add it using the link below.\n\n"
        "Kind regards,\n"
        "Ministry of the Economy and Innovation of the Republic of Lithuania",
    ),
    ("accepted", "en"): (
        "Your registration has been accepted ({reference})",
        "Dear {contact_name},\n\n"
        "We are pleased to tell you that the registration of {organisation} ({reference}) to join the Baltic AI "
        "Gigafactory Consortium has been accepted. We will contact you about the next steps.\n\n"
        "Kind regards,\n"
        "Ministry of the Economy and Innovation of the Republic of Lithuania",
    ),
    ("declined", "en"): (
        "Decision on your registration ({reference})",
        "Dear {contact_name},\n\n"
        "Thank you for the interest of {organisation} in the Baltic AI Gigafactory Consortium. After reviewing "
        "the registration ({reference}) we are unable to accept it at this stage.\n\n"
        "Kind regards,\n"
        "Ministry of the Economy and Innovation of the Republic of Lithuania",
    ),
    ("needs_information", "lt"): (
        "Reikia daugiau informacijos apie jūsų registraciją ({reference})",
        "Gerb. {contact_name},\n\n"
        "dėkojame, kad užregistravote {organisation} kvietimui „{call}“. Kad galėtume įvertinti registraciją "
        "({reference}), mums reikia daugiau informacijos.\n\n"
        "[[Čia aprašykite, ko trūksta arba ką reikia pataisyti.]]\n\n"
        "Papildykite registraciją naudodamiesi toliau pateikta nuoroda.\n\n"
        "Pagarbiai\n"
        "Lietuvos Respublikos ekonomikos ir inovacijų ministerija",
    ),
    ("accepted", "lt"): (
        "Jūsų registracija priimta ({reference})",
        "Gerb. {contact_name},\n\n"
        "maloniai pranešame, kad {organisation} registracija ({reference}) prisijungti prie Baltijos dirbtinio "
        "intelekto gigagamyklos konsorciumo priimta. Dėl tolesnių žingsnių su jumis susisieksime.\n\n"
        "Pagarbiai\n"
        "Lietuvos Respublikos ekonomikos ir inovacijų ministerija",
    ),
    ("declined", "lt"): (
        "Sprendimas dėl jūsų registracijos ({reference})",
        "Gerb. {contact_name},\n\n"
        "dėkojame už {organisation} susidomėjimą Baltijos dirbtinio intelekto gigagamyklos konsorciumu. "
        "Įvertinę registraciją ({reference}), šiuo metu negalime jos priimti.\n\n"
        "Pagarbiai\n"
        "Lietuvos Respublikos ekonomikos ir inovacijų ministerija",
    ),
}


def seed(apps, schema_editor):
    MessageTemplate = apps.get_model("registrations", "MessageTemplate")
    for (status, language), (subject, body) in TEMPLATES.items():
        MessageTemplate.objects.get_or_create(
            status=status, language=language, defaults={"subject": subject, "body": body}
        )


def unseed(apps, schema_editor):
    MessageTemplate = apps.get_model("registrations", "MessageTemplate")
    for status, language in TEMPLATES:
        MessageTemplate.objects.filter(status=status, language=language).delete()


class Migration(migrations.Migration):
    dependencies = [("registrations", "0003_review")]

    operations = [migrations.RunPython(seed, unseed)]
