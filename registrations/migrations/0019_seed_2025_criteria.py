"""The assessment criteria of the 2025 call, in all five languages. Coordinators may change them in the admin.

Nothing is added to a call that already has criteria.
"""

from django.db import migrations

CALL_SLUG = "baltic-ai-gigafactory-2025"
CRITERIA = [
    {
        "title": {
            "lt": "Atitiktis gigagamyklos tikslams",
            "en": "Relevance to the gigafactory",
            "lv": "Atbilstība gigarūpnīcas mērķiem",
            "et": "Vastavus gigatehase eesmärkidele",
            "pl": "Zgodność z celami gigafabryki",
        },
        "description": {
            "lt": "Kiek organizacijos planai atitinka gigagamyklos paskirtį: didelio masto dirbtinio intelekto skaičiavimų kūrimą, teikimą ar naudojimą.",
            "en": "How closely the organisation's plans match what the gigafactory is for: building, hosting or using large-scale AI computing.",
            "lv": "Cik lielā mērā organizācijas plāni atbilst gigarūpnīcas mērķim: liela mēroga mākslīgā intelekta skaitļošanas izveidei, nodrošināšanai vai izmantošanai.",
            "et": "Kui hästi organisatsiooni kavad vastavad gigatehase otstarbele: suuremahulise tehisintellekti andmetöötluse rajamisele, pakkumisele või kasutamisele.",
            "pl": "W jakim stopniu plany organizacji odpowiadają przeznaczeniu gigafabryki: budowie, udostępnianiu lub wykorzystaniu obliczeń sztucznej inteligencji na dużą skalę.",
        },
    },
    {
        "title": {
            "lt": "Pajėgumai ir ištekliai",
            "en": "Capacity and resources",
            "lv": "Spējas un resursi",
            "et": "Võimekus ja ressursid",
            "pl": "Potencjał i zasoby",
        },
        "description": {
            "lt": "Žmonės, kompetencijos, infrastruktūra ir lėšos, kuriuos organizacija gali skirti.",
            "en": "The people, expertise, infrastructure and funds the organisation can commit.",
            "lv": "Cilvēki, zināšanas, infrastruktūra un finanšu līdzekļi, ko organizācija var ieguldīt.",
            "et": "Inimesed, oskusteave, taristu ja rahalised vahendid, mida organisatsioon saab panustada.",
            "pl": "Ludzie, wiedza specjalistyczna, infrastruktura i środki finansowe, które organizacja może zaangażować.",
        },
    },
    {
        "title": {
            "lt": "Indėlis į konsorciumą",
            "en": "Contribution to the consortium",
            "lv": "Ieguldījums konsorcijā",
            "et": "Panus konsortsiumi",
            "pl": "Wkład w konsorcjum",
        },
        "description": {
            "lt": "Ką organizacija suteiktų konsorciumui, ko neturi kiti: duomenis, naudotojus, investicijas, mokslinius tyrimus, paslaugas.",
            "en": "What the organisation would bring to the consortium that others do not: data, users, investment, research, services.",
            "lv": "Ko organizācija dotu konsorcijam, kas citiem nav: datus, lietotājus, investīcijas, pētniecību, pakalpojumus.",
            "et": "Mida organisatsioon annaks konsortsiumile, mida teistel ei ole: andmeid, kasutajaid, investeeringuid, teadustööd, teenuseid.",
            "pl": "Co organizacja wniosłaby do konsorcjum, czego nie zapewniają inni: dane, użytkowników, inwestycje, badania, usługi.",
        },
    },
    {
        "title": {
            "lt": "Pasirengimas",
            "en": "Readiness",
            "lv": "Gatavība",
            "et": "Valmisolek",
            "pl": "Gotowość",
        },
        "description": {
            "lt": "Kaip greitai ir kaip konkrečiai organizacija gali prisijungti: priimti sprendimai, numatytas biudžetas, paskirti žmonės.",
            "en": "How soon and how concretely the organisation can take part: decisions taken, a budget set aside, people named.",
            "lv": "Cik drīz un cik konkrēti organizācija var iesaistīties: pieņemti lēmumi, paredzēts budžets, nozīmēti cilvēki.",
            "et": "Kui kiiresti ja kui konkreetselt saab organisatsioon osaleda: tehtud otsused, eraldatud eelarve, määratud inimesed.",
            "pl": "Jak szybko i jak konkretnie organizacja może się zaangażować: podjęte decyzje, zarezerwowany budżet, wyznaczone osoby.",
        },
    },
]


def seed(apps, schema_editor):
    RegistrationCall = apps.get_model("registrations", "RegistrationCall")
    Criterion = apps.get_model("registrations", "Criterion")
    call = RegistrationCall.objects.filter(slug=CALL_SLUG).first()
    if call is None or Criterion.objects.filter(call=call).exists():
        return
    for position, texts in enumerate(CRITERIA):
        criterion = Criterion(call=call, position=position)
        for field, values in texts.items():
            for language, text in values.items():
                setattr(criterion, f"{field}_{language}", text)
            setattr(criterion, field, values["lt"])
        criterion.save()


def unseed(apps, schema_editor):
    Criterion = apps.get_model("registrations", "Criterion")
    Criterion.objects.filter(call__slug=CALL_SLUG, scores=None).delete()


class Migration(migrations.Migration):
    dependencies = [("registrations", "0018_assessment")]

    operations = [migrations.RunPython(seed, unseed)]
