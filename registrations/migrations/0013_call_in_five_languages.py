"""The 2025 registration call in all five languages (the seed, 0002, wrote English only).

A field is rewritten only while it still holds the seeded text, so what staff have since written stays.
"""

from django.db import migrations

CALL_SLUG = "baltic-ai-gigafactory-2025"
SEEDED = {
    "title": "Baltic AI Gigafactory Consortium: registration of interest",
    "description": (
        "The Ministry of the Economy and Innovation invites Lithuanian companies, research institutes, "
        "universities, startups, investors, cloud and computing-infrastructure providers and public-sector "
        "institutions to join the Baltic AI Gigafactory Consortium."
    ),
}
TEXTS = {
    "title": {
        "lt": "Baltijos dirbtinio intelekto gigagamyklos konsorciumas: kvietimas registruotis",
        "en": "Baltic AI Gigafactory Consortium: registration of interest",
        "lv": "Baltijas mākslīgā intelekta gigarūpnīcas konsorcijs: pieteikšanās dalībai",
        "et": "Balti tehisintellekti gigatehase konsortsium: osalemishuvi registreerimine",
        "pl": "Konsorcjum Bałtyckiej Gigafabryki Sztucznej Inteligencji: nabór zgłoszeń chęci udziału",
    },
    "description": {
        "lt": (
            "Lietuva, Lenkija, Latvija ir Estija rengia bendrą Baltijos dirbtinio intelekto gigagamyklos "
            "projektą. Jo vertė – apie 3 mlrd. eurų, iš kurių 65 proc. tikimasi gauti iš privačių investicijų; "
            "pagrindinį centrą planuojama įkurti Lenkijoje. Lietuvos Respublikos ekonomikos ir inovacijų "
            "ministerija kviečia Lietuvos įmones, mokslinių tyrimų institutus, universitetus, startuolius, "
            "investuotojus, debesijos ir skaičiavimo infrastruktūros paslaugų teikėjus bei viešojo sektoriaus "
            "institucijas prisijungti prie projektą įgyvendinsiančio konsorciumo. Registruotis galima nuo "
            "2025 m. liepos 28 d. iki rugpjūčio 10 d."
        ),
        "en": (
            "Lithuania, Poland, Latvia and Estonia are preparing a joint Baltic AI gigafactory, a project "
            "estimated at about EUR 3 billion, 65% of which is expected to come from private investment; its main "
            "centre is planned in Poland. The Ministry of the Economy and Innovation of the Republic of Lithuania "
            "invites Lithuanian companies, research institutes, universities, startups, investors, cloud and "
            "computing-infrastructure providers and public-sector institutions to join the consortium that will "
            "carry it out. Registration is open from 28 July to 10 August 2025."
        ),
        "lv": (
            "Lietuva, Polija, Latvija un Igaunija gatavo kopīgu Baltijas mākslīgā intelekta gigarūpnīcas "
            "projektu. Tā vērtība ir aptuveni 3 miljardi eiro, no kuriem 65 % paredzēts piesaistīt privātu "
            "investīciju veidā; galveno centru plānots izveidot Polijā. Lietuvas Republikas Ekonomikas un "
            "inovāciju ministrija aicina Lietuvas uzņēmumus, pētniecības institūtus, universitātes, "
            "jaunuzņēmumus, investorus, mākoņpakalpojumu un skaitļošanas infrastruktūras nodrošinātājus un "
            "publiskā sektora iestādes pievienoties konsorcijam, kas īstenos projektu. Pieteikties var no "
            "2025. gada 28. jūlija līdz 10. augustam."
        ),
        "et": (
            "Leedu, Poola, Läti ja Eesti valmistavad ette ühist Balti tehisintellekti gigatehast. Projekti "
            "maksumuseks hinnatakse umbes 3 miljardit eurot, millest 65% loodetakse saada erainvesteeringutest; "
            "peakeskus on kavas rajada Poolasse. Leedu Vabariigi Majandus- ja Innovatsiooniministeerium kutsub "
            "Leedu ettevõtteid, teadusasutusi, ülikoole, idufirmasid, investoreid, pilve- ja "
            "andmetöötlustaristu teenuste pakkujaid ning avaliku sektori asutusi liituma projekti elluviiva "
            "konsortsiumiga. Registreerimisaeg: 28. juuli – 10. august 2025."
        ),
        "pl": (
            "Litwa, Polska, Łotwa i Estonia przygotowują wspólny projekt Bałtyckiej Gigafabryki Sztucznej "
            "Inteligencji. Jego wartość szacuje się na około 3 mld euro, z czego 65% ma pochodzić z inwestycji "
            "prywatnych; główne centrum planowane jest w Polsce. Ministerstwo Gospodarki i Innowacji Republiki "
            "Litewskiej zaprasza litewskie przedsiębiorstwa, instytuty badawcze, uczelnie, startupy, "
            "inwestorów, dostawców usług chmurowych i infrastruktury obliczeniowej oraz instytucje sektora "
            "publicznego do przystąpienia do konsorcjum, które będzie realizować projekt. Zgłoszenia są "
            "przyjmowane od 28 lipca do 10 sierpnia 2025 r."
        ),
    },
}


def forward(apps, schema_editor):
    RegistrationCall = apps.get_model("registrations", "RegistrationCall")
    call = RegistrationCall.objects.filter(slug=CALL_SLUG).first()
    if call is None:
        return
    for field, texts in TEXTS.items():
        if (getattr(call, f"{field}_lt") or "") not in (SEEDED[field], ""):
            continue  # staff have written their own
        for language, text in texts.items():
            setattr(call, f"{field}_{language}", text)
        setattr(call, field, texts["lt"])
    call.save()


class Migration(migrations.Migration):
    dependencies = [("registrations", "0012_one_email_text_per_status")]

    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
