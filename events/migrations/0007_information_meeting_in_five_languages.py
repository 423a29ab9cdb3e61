"""The information meeting of 1 August 2025 in all five languages, with nothing addressed to staff.

The seed (0002) wrote English only, and its description ended with a note to staff. A field is rewritten only
while it still holds the seeded text, so what staff have since written stays.
"""

from django.db import migrations

MEETING_SLUG = "information-meeting-2025-08-01"
SEEDED = {
    "title": "Baltic AI Gigafactory Consortium: information meeting",
    "description": (
        "The Ministry of the Economy and Innovation presents the Baltic AI Gigafactory project and the "
        "consortium, and answers questions from organisations interested in joining.\n\n"
        "To staff: confirm the time and the venue, then replace this description in the admin."
    ),
    "venue": "Ministry of the Economy and Innovation, Gedimino pr. 38, Vilnius",
    "online_instructions": "",
}
TEXTS = {
    "title": {
        "lt": "Baltijos dirbtinio intelekto gigagamyklos konsorciumas: informacinis susitikimas",
        "en": "Baltic AI Gigafactory Consortium: information meeting",
        "lv": "Baltijas mākslīgā intelekta gigarūpnīcas konsorcijs: informatīvā sanāksme",
        "et": "Balti tehisintellekti gigatehase konsortsium: infokohtumine",
        "pl": "Konsorcjum Bałtyckiej Gigafabryki Sztucznej Inteligencji: spotkanie informacyjne",
    },
    "description": {
        "lt": (
            "Lietuvos Respublikos ekonomikos ir inovacijų ministerija pristato Baltijos dirbtinio intelekto "
            "gigagamyklą – bendrą Lietuvos, Lenkijos, Latvijos ir Estijos projektą, kurio vertė – apie "
            "3 mlrd. eurų (65 proc. šios sumos tikimasi gauti iš privačių investicijų, o pagrindinį centrą "
            "planuojama įkurti Lenkijoje), ir jam įgyvendinti kuriamą konsorciumą.\n\n"
            "Paaiškinsime, kas gali prisijungti prie konsorciumo ir kaip užsiregistruoti (registracija vyksta "
            "2025 m. liepos 28 d. – rugpjūčio 10 d.), ir atsakysime į įmonių, mokslinių tyrimų institutų, "
            "universitetų, startuolių, investuotojų, debesijos ir skaičiavimo infrastruktūros paslaugų teikėjų "
            "bei viešojo sektoriaus institucijų klausimus."
        ),
        "en": (
            "The Ministry of the Economy and Innovation of the Republic of Lithuania presents the Baltic AI "
            "Gigafactory, a joint project of Lithuania, Poland, Latvia and Estonia estimated at about "
            "EUR 3 billion (65% of it expected to come from private investment, with the main centre planned in "
            "Poland), and the consortium being formed to carry it out.\n\n"
            "We explain who can join the consortium and how to register (registration is open from 28 July to "
            "10 August 2025), and answer questions from companies, research institutes, universities, startups, "
            "investors, cloud and computing-infrastructure providers and public-sector institutions."
        ),
        "lv": (
            "Lietuvas Republikas Ekonomikas un inovāciju ministrija iepazīstina ar Baltijas mākslīgā intelekta "
            "gigarūpnīcu – Lietuvas, Polijas, Latvijas un Igaunijas kopīgu projektu, kura vērtība ir aptuveni "
            "3 miljardi eiro (65 % no šīs summas paredzēts piesaistīt privātu investīciju veidā, bet galveno "
            "centru plānots izveidot Polijā), un ar konsorciju, kas tiek veidots tā īstenošanai.\n\n"
            "Paskaidrosim, kas var pievienoties konsorcijam un kā pieteikties (pieteikšanās laiks: 2025. gada "
            "28. jūlijs – 10. augusts), un atbildēsim uz uzņēmumu, pētniecības institūtu, universitāšu, "
            "jaunuzņēmumu, investoru, mākoņpakalpojumu un skaitļošanas infrastruktūras nodrošinātāju un "
            "publiskā sektora iestāžu jautājumiem."
        ),
        "et": (
            "Leedu Vabariigi Majandus- ja Innovatsiooniministeerium tutvustab Balti tehisintellekti gigatehast – "
            "Leedu, Poola, Läti ja Eesti ühisprojekti, mille maksumuseks hinnatakse umbes 3 miljardit eurot "
            "(65% sellest loodetakse saada erainvesteeringutest ja peakeskus on kavas rajada Poolasse) – ning "
            "selle elluviimiseks loodavat konsortsiumi.\n\n"
            "Selgitame, kes saavad konsortsiumiga liituda ja kuidas registreeruda (registreerimisaeg: "
            "28. juuli – 10. august 2025), ning vastame ettevõtete, teadusasutuste, ülikoolide, idufirmade, "
            "investorite, pilve- ja andmetöötlustaristu teenuste pakkujate ning avaliku sektori asutuste "
            "küsimustele."
        ),
        "pl": (
            "Ministerstwo Gospodarki i Innowacji Republiki Litewskiej przedstawia Bałtycką Gigafabrykę Sztucznej "
            "Inteligencji – wspólny projekt Litwy, Polski, Łotwy i Estonii o szacowanej wartości około 3 mld euro "
            "(65% tej kwoty ma pochodzić z inwestycji prywatnych, a główne centrum planowane jest w Polsce) – "
            "oraz konsorcjum tworzone w celu jego realizacji.\n\n"
            "Wyjaśnimy, kto może przystąpić do konsorcjum i jak się zgłosić (nabór trwa od 28 lipca do "
            "10 sierpnia 2025 r.), oraz odpowiemy na pytania przedsiębiorstw, instytutów badawczych, uczelni, "
            "startupów, inwestorów, dostawców usług chmurowych i infrastruktury obliczeniowej oraz instytucji "
            "sektora publicznego."
        ),
    },
    "venue": {
        "lt": "Lietuvos Respublikos ekonomikos ir inovacijų ministerija, Gedimino pr. 38, Vilnius",
        "en": "Ministry of the Economy and Innovation of the Republic of Lithuania, Gedimino pr. 38, Vilnius",
        "lv": "Lietuvas Republikas Ekonomikas un inovāciju ministrija, Gedimino pr. 38, Viļņa",
        "et": "Leedu Vabariigi Majandus- ja Innovatsiooniministeerium, Gedimino pr. 38, Vilnius",
        "pl": "Ministerstwo Gospodarki i Innowacji Republiki Litewskiej, Gedimino pr. 38, Wilno",
    },
    "online_instructions": {
        "lt": (
            "Susitikimą galima stebėti ir nuotoliu. Patvirtintiems nuotoliniams dalyviams prisijungimo nuorodą "
            "atsiųsime el. paštu prieš susitikimą."
        ),
        "en": (
            "The meeting can also be followed online. Confirmed online attendees receive the link to join by "
            "email before the meeting."
        ),
        "lv": (
            "Sanāksmei var sekot arī tiešsaistē. Apstiprinātie tiešsaistes dalībnieki pirms sanāksmes saņems "
            "pievienošanās saiti e-pastā."
        ),
        "et": (
            "Kohtumist saab jälgida ka veebis. Kinnitatud veebiosalejad saavad liitumislingi enne kohtumist "
            "e-postiga."
        ),
        "pl": (
            "Spotkanie można śledzić również online. Uczestnicy online z potwierdzonym miejscem otrzymają link do "
            "spotkania e-mailem przed jego rozpoczęciem."
        ),
    },
}


def forward(apps, schema_editor):
    Meeting = apps.get_model("events", "Meeting")
    meeting = Meeting.objects.filter(slug=MEETING_SLUG).first()
    if meeting is None:
        return
    for field, texts in TEXTS.items():
        if (getattr(meeting, f"{field}_lt") or "") not in (SEEDED[field], ""):
            continue  # staff have written their own
        for language, text in texts.items():
            setattr(meeting, f"{field}_{language}", text)
        setattr(meeting, field, texts["lt"])
    meeting.save()


class Migration(migrations.Migration):
    dependencies = [("events", "0006_content_into_language_columns")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
