import uuid
from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from stdnum.lt import pvm

from events.models import AttendanceMode, Meeting, MeetingFormat, Signup, SignupStatus
from registrations.models import (
    Note,
    Organisation,
    OrganisationSize,
    OrganisationType,
    ParticipationKind,
    Registration,
    RegistrationCall,
)


def lithuanian_company_code(n: int) -> str:
    """A valid 9-digit Lithuanian company code, different for each n."""
    body = f"{30000000 + n:08d}"
    return body + pvm.calc_check_digit(body)


class RegistrationCallFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RegistrationCall

    # Written in Lithuanian, as staff must; the other languages fall back to it.
    title_lt = factory.Sequence(lambda n: f"Call {n}")
    slug = factory.Sequence(lambda n: f"call-{n}")
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=1))
    closes_at = factory.LazyAttribute(lambda call: call.opens_at + timedelta(days=14))
    reference_prefix = "TEST"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    legal_name = factory.Sequence(lambda n: f"UAB Organisation {n}")
    country = "LT"
    registration_code = factory.Sequence(lithuanian_company_code)


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration
        skip_postgeneration_save = True

    call = factory.SubFactory(RegistrationCallFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    reference = factory.Sequence(lambda n: f"TEST-2025-{n:04d}")
    legal_name = factory.LazyAttribute(lambda registration: registration.organisation.legal_name)
    organisation_type = OrganisationType.TECHNOLOGY_PROVIDER
    size = OrganisationSize.SMALL
    address = "Gedimino pr. 1, Vilnius"
    description = "Builds software."
    contact_name = "Ona Onaitė"
    contact_job_title = "Director"
    contact_email = factory.Sequence(lambda n: f"contact{n}@example.lt")
    contact_phone = "+37060000000"
    statement = "We want to take part."
    privacy_notice_version = "test"
    privacy_consented_at = factory.LazyFunction(timezone.now)
    language = "en"
    submitted_at = factory.LazyFunction(timezone.now)

    @factory.post_generation
    def participation(self, create, extracted, **kwargs):
        if create:
            self.participation.set(extracted or ParticipationKind.objects.filter(code="develop_ai"))


class StaffFactory(factory.django.DjangoModelFactory):
    """A staff member; `groups=["Reviewer"]` puts them in the groups the migrations create."""

    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Darbuotoja"
    email = factory.LazyAttribute(lambda user: f"{user.username}@eimin.example")
    is_staff = True
    password = factory.django.Password("correct horse battery staple")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.set(Group.objects.filter(name__in=extracted))


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Note

    registration = factory.SubFactory(RegistrationFactory)
    author = factory.SubFactory(StaffFactory)
    text = "Checked the company register."
    created_at = factory.LazyFunction(timezone.now)


def registration_form_data(call: RegistrationCall | None = None, **overrides) -> dict:
    """What a person fills in on /register/, valid unless overridden."""
    data = {
        "legal_name": "UAB Dirbtinis Intelektas",
        "country": "LT",
        "registration_code": "188621919",
        "vat_code": "",
        "organisation_type": "technology_provider",
        "size": "small",
        "website": "https://www.example.lt",
        "address": "Gedimino pr. 38, Vilnius",
        "description": "We build language models for Lithuanian.",
        "contact_name": "Jonas Jonaitis",
        "contact_job_title": "Chief executive",
        "contact_email": "jonas@example.lt",
        "contact_phone": "+370 612 34567",
        "participation": [
            str(pk)
            for pk in ParticipationKind.objects.filter(code__in=["develop_ai", "use_compute"]).values_list(
                "pk", flat=True
            )
        ],
        "statement": "We want to train models on the gigafactory.",
        "compute_needs": "",
        "investment_range": "",
        "privacy_consent": "on",
        "submission_key": str(uuid.uuid4()),
    }
    if call is not None:
        data["call"] = call.slug
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    # Written in Lithuanian, as staff must; the other languages fall back to it.
    title_lt = factory.Sequence(lambda n: f"Information meeting {n}")
    slug = factory.Sequence(lambda n: f"meeting-{n}")
    description_lt = "The project presented, and questions answered."
    starts_at = factory.LazyFunction(
        lambda: (timezone.now() + timedelta(days=7)).replace(second=0, microsecond=0)
    )
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + timedelta(hours=2))
    format = MeetingFormat.HYBRID
    venue_lt = "Gedimino pr. 38, Vilnius"
    join_url = "https://meet.example.org/j/secret-room-4711"
    in_person_capacity = 50
    online_capacity = None


class SignupFactory(factory.django.DjangoModelFactory):
    """A confirmed seat, as the signup rules would have given it; use sign_up() to test the rules themselves."""

    class Meta:
        model = Signup

    meeting = factory.SubFactory(MeetingFactory)
    name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.lt")
    organisation = factory.Sequence(lambda n: f"UAB Organisation {n}")
    job_title = "Engineer"
    mode = AttendanceMode.IN_PERSON
    language = "en"
    status = SignupStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)
    privacy_notice_version = "test"
    privacy_consented_at = factory.LazyFunction(timezone.now)
    created_at = factory.LazyFunction(timezone.now)


def signup_form_data(**overrides) -> dict:
    """What a person fills in on a meeting's page, valid unless overridden (None leaves a field out)."""
    data = {
        "name": "Eglė Petraitytė",
        "email": "egle@example.lt",
        "organisation": "UAB Dirbtinis Intelektas",
        "job_title": "Head of research",
        "mode": "in_person",
        "language": "en",
        "registration_reference": "",
        "privacy_consent": "on",
        **overrides,
    }
    return {key: value for key, value in data.items() if value is not None}
