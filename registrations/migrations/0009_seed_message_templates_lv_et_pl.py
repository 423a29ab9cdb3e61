"""Seed the default email texts for status moves in Latvian, Estonian and Polish.

Until now applicants writing in these languages got the English text; coordinators may edit these in the admin.
"""

from django.db import migrations

TEMPLATES = {
    ('needs_information', 'lv'): (
        'Nepieciešama papildu informācija par jūsu reģistrāciju ({reference})',
        'Labdien, {contact_name}!\n\nPaldies, ka reģistrējāt organizāciju {organisation} uzaicinājumā "{call}". Lai izskatītu reģistrāciju ({reference}), mums nepieciešama papildu informācija.\n\n[[Šeit aprakstiet, kas trūkst vai kas ir jālabo.]]\n\nLūdzu, papildiniet reģistrāciju, izmantojot tālāk norādīto saiti.\n\nAr cieņu\nLietuvas Republikas Ekonomikas un inovāciju ministrija',
    ),
    ('accepted', 'lv'): (
        'Jūsu reģistrācija ir pieņemta ({reference})',
        'Labdien, {contact_name}!\n\nAr prieku informējam, ka organizācijas {organisation} reģistrācija ({reference}) dalībai Baltijas mākslīgā intelekta gigarūpnīcas konsorcijā ir pieņemta. Mēs ar jums sazināsimies par turpmākajiem soļiem.\n\nAr cieņu\nLietuvas Republikas Ekonomikas un inovāciju ministrija',
    ),
    ('declined', 'lv'): (
        'Lēmums par jūsu reģistrāciju ({reference})',
        'Labdien, {contact_name}!\n\nPaldies par organizācijas {organisation} interesi par Baltijas mākslīgā intelekta gigarūpnīcas konsorciju. Izskatot reģistrāciju ({reference}), diemžēl šajā posmā to nevaram pieņemt.\n\nAr cieņu\nLietuvas Republikas Ekonomikas un inovāciju ministrija',
    ),
    ('needs_information', 'et'): (
        'Vajame teie registreeringu kohta lisateavet ({reference})',
        'Lugupeetud {contact_name}\n\nTäname, et registreerisite organisatsiooni {organisation} registreerimisvoorus „{call}“. Registreeringu ({reference}) läbivaatamiseks vajame lisateavet.\n\n[[Kirjeldage siin, mis on puudu või vajab parandamist.]]\n\nPalun lisage see alloleva lingi kaudu.\n\nLugupidamisega\nLeedu Vabariigi Majandus- ja Innovatsiooniministeerium',
    ),
    ('accepted', 'et'): (
        'Teie registreering on heaks kiidetud ({reference})',
        'Lugupeetud {contact_name}\n\nMeil on hea meel teatada, et organisatsiooni {organisation} registreering ({reference}) Balti tehisintellekti gigatehase konsortsiumiga liitumiseks on heaks kiidetud. Võtame teiega ühendust, et anda teada järgmistest sammudest.\n\nLugupidamisega\nLeedu Vabariigi Majandus- ja Innovatsiooniministeerium',
    ),
    ('declined', 'et'): (
        'Otsus teie registreeringu kohta ({reference})',
        'Lugupeetud {contact_name}\n\nTäname organisatsiooni {organisation} huvi eest Balti tehisintellekti gigatehase konsortsiumi vastu. Pärast registreeringu ({reference}) läbivaatamist peame kahjuks teatama, et me ei saa seda praeguses etapis heaks kiita.\n\nLugupidamisega\nLeedu Vabariigi Majandus- ja Innovatsiooniministeerium',
    ),
    ('needs_information', 'pl'): (
        'Potrzebujemy dodatkowych informacji dotyczących Państwa zgłoszenia ({reference})',
        'Dzień dobry, {contact_name},\n\nDziękujemy za zarejestrowanie organizacji {organisation} w naborze „{call}”. Aby rozpatrzyć zgłoszenie ({reference}), potrzebujemy dodatkowych informacji.\n\n[[Opisz tutaj, czego brakuje lub co wymaga poprawienia.]]\n\nProsimy o ich uzupełnienie za pomocą poniższego linku.\n\nZ poważaniem\nMinisterstwo Gospodarki i Innowacji Republiki Litewskiej',
    ),
    ('accepted', 'pl'): (
        'Państwa zgłoszenie zostało przyjęte ({reference})',
        'Dzień dobry, {contact_name},\n\nZ przyjemnością informujemy, że zgłoszenie organizacji {organisation} ({reference}) dotyczące przystąpienia do Konsorcjum Bałtyckiej Gigafabryki Sztucznej Inteligencji zostało przyjęte. Skontaktujemy się z Państwem w sprawie dalszych kroków.\n\nZ poważaniem\nMinisterstwo Gospodarki i Innowacji Republiki Litewskiej',
    ),
    ('declined', 'pl'): (
        'Decyzja w sprawie Państwa zgłoszenia ({reference})',
        'Dzień dobry, {contact_name},\n\nDziękujemy za zainteresowanie organizacji {organisation} udziałem w Konsorcjum Bałtyckiej Gigafabryki Sztucznej Inteligencji. Po rozpatrzeniu zgłoszenia ({reference}) informujemy, że na obecnym etapie nie możemy go przyjąć.\n\nZ poważaniem\nMinisterstwo Gospodarki i Innowacji Republiki Litewskiej',
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
    dependencies = [("registrations", "0008_anonymised_at")]

    operations = [migrations.RunPython(seed, unseed)]
