import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField
from phonenumber_field.modelfields import PhoneNumberField
from simple_history.models import HistoricalRecords

from consortium.email_address import DeliverableEmailField
from consortium.models import SecretLink


class RegistrationCallQuerySet(models.QuerySet):
    def open(self, at: datetime):
        """Calls accepting registrations at the aware datetime `at`: the window is [opens_at, closes_at)."""
        return self.filter(opens_at__lte=at, closes_at__gt=at)


# The countries of the consortium: a new call accepts organisations registered in them unless staff choose others.
CONSORTIUM_COUNTRIES = ("LT", "LV", "EE", "PL")


def consortium_countries() -> list[str]:
    return list(CONSORTIUM_COUNTRIES)


class RegistrationCall(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(
        _("closes at"), help_text=_("The first moment at which registrations are no longer accepted.")
    )
    countries = CountryField(
        _("countries that may register"),
        multiple=True,
        default=consortium_countries,
        help_text=_(
            "Organisations registered in these countries may register for this call; the form offers only these."
        ),
    )
    decisions_expected_by = models.DateField(
        _("decisions expected by"),
        null=True,
        blank=True,
        help_text=_(
            "Shown on the home page as when applicants hear the outcome; leave empty if not yet known."
        ),
    )
    reference_prefix = models.CharField(_("reference prefix"), max_length=10, default="BAIGF")
    last_reference_number = models.PositiveIntegerField(_("last reference number"), default=0, editable=False)
    is_demo = models.BooleanField(
        _("demonstration data"), default=False, help_text=_("Shown with a banner; never a real call.")
    )
    staff_notes = models.TextField(
        _("notes for staff"), blank=True, help_text=_("Seen by staff only; never shown on the public pages.")
    )
    four_eyes = models.BooleanField(
        _("decisions need a second person"),
        default=False,
        help_text=_(
            "Accepting or declining a registration is proposed by one staff member and confirmed by another; "
            "the applicant is emailed only on confirmation."
        ),
    )

    objects = RegistrationCallQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration call")
        verbose_name_plural = _("registration calls")
        ordering = ["-opens_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            )
        ]

    def __str__(self):
        return self.title

    def is_open(self, at: datetime) -> bool:
        return self.opens_at <= at < self.closes_at

    def accepts_country(self, country: str) -> bool:
        return str(country) in {country.code for country in self.countries}

    def country_names(self) -> str:
        """The countries the call accepts, by name in the active language: "Estonia, Latvia, Lithuania, Poland"."""
        return ", ".join(sorted(str(country.name) for country in self.countries))

    @property
    def last_moment(self) -> datetime:
        """The last minute that still counts, for people: a close at 00:00 on 11 August reads "10 August 23:59"."""
        return self.closes_at - timedelta(minutes=1)


class OrganisationType(models.TextChoices):
    TECHNOLOGY_PROVIDER = "technology_provider", _("Technology provider")
    INFRASTRUCTURE_PROVIDER = "infrastructure_provider", _("Cloud or computing-infrastructure provider")
    RESEARCH_INSTITUTE = "research_institute", _("Research institute")
    UNIVERSITY = "university", _("University")
    STARTUP = "startup", _("Startup")
    INVESTOR = "investor", _("Investor")
    PUBLIC_SECTOR = "public_sector", _("Public-sector institution")
    OTHER = "other", _("Other")


class OrganisationSize(models.TextChoices):
    """The EU SME definition (Commission Recommendation 2003/361/EC)."""

    MICRO = "micro", _("Micro (fewer than 10 staff; turnover or balance sheet up to EUR 2 million)")
    SMALL = "small", _("Small (fewer than 50 staff; turnover or balance sheet up to EUR 10 million)")
    MEDIUM = (
        "medium",
        _(
            "Medium (fewer than 250 staff; turnover up to EUR 50 million or balance sheet up to EUR 43 million)"
        ),
    )
    LARGE = "large", _("Large (250 staff or more, or above the medium-sized thresholds)")


class Organisation(models.Model):
    """Who an organisation is, across calls: its country and registration code, and the name staff know it by.

    What an applicant tells about the organisation is kept with each registration, as it was submitted: nobody
    but staff changes this shared record, so a stranger who types a known code changes nothing others see.
    """

    # Who the organisation is: fixed once registered (a different organisation registers anew).
    IDENTITY_FIELDS = ("country", "registration_code")

    legal_name = models.CharField(
        _("legal name"),
        max_length=255,
        help_text=_(
            "As first registered; staff may correct it. Each registration keeps the name it was sent with."
        ),
    )
    country = CountryField(_("country of registration"), default="LT")
    registration_code = models.CharField(_("registration code"), max_length=32)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["legal_name"]
        constraints = [
            models.UniqueConstraint(fields=["country", "registration_code"], name="organisation_unique_code"),
        ]

    def __str__(self):
        return self.legal_name


class ParticipationKind(models.Model):
    """One of the ways an organisation can take part; seeded by a migration, chosen several at a time."""

    class Code(models.TextChoices):
        DEVELOP_AI = "develop_ai", _("Develop and offer AI solutions")
        BUILD_INFRASTRUCTURE = "build_infrastructure", _("Contribute to building the infrastructure")
        USE_COMPUTE = "use_compute", _("Use computing capacity")
        RESEARCH = "research_training", _("Research and training")
        INVEST = "invest", _("Invest")
        PROVIDE_DATA = "provide_data", _("Provide data")

    code = models.CharField(_("code"), max_length=32, choices=Code.choices, unique=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("way of taking part")
        verbose_name_plural = _("ways of taking part")
        ordering = ["position"]

    def __str__(self):
        return str(self.get_code_display())


class InvestmentRange(models.TextChoices):
    UNDECIDED = "undecided", _("Not decided yet")
    UP_TO_1M = "lt_1m", _("Up to EUR 1 million")
    FROM_1M_TO_10M = "1m_10m", _("EUR 1–10 million")
    FROM_10M_TO_50M = "10m_50m", _("EUR 10–50 million")
    FROM_50M_TO_100M = "50m_100m", _("EUR 50–100 million")
    ABOVE_100M = "gt_100m", _("More than EUR 100 million")


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    NEEDS_INFORMATION = "needs_information", _("Needs information")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


def overdue_at(at: datetime) -> Q:
    """Asked for more information, and the day the applicant had for it is over at `at`."""
    return Q(status=Status.NEEDS_INFORMATION, reopened_until__lte=at)


def awaiting_confirmation() -> Exists:
    """A decision on the registration is proposed and awaits a second staff member."""
    return Exists(Decision.objects.filter(registration=OuterRef("pk"), state=Decision.State.PROPOSED))


def waiting_for_staff_at(at: datetime) -> Q:
    """Submitted or under review, or overdue, and no decision awaits confirmation: the next step is the
    assignee's (a proposed decision waits for whoever confirms it)."""
    return (Q(status__in=[Status.SUBMITTED, Status.UNDER_REVIEW]) | overdue_at(at)) & ~awaiting_confirmation()


def to_confirm_by(user) -> Exists:
    """A decision awaits confirmation that `user` did not propose."""
    return Exists(
        Decision.objects.filter(registration=OuterRef("pk"), state=Decision.State.PROPOSED).exclude(
            proposed_by=user
        )
    )


# The applicant has answered a request for more information, and no staff member has moved it since.
ANSWERED = Q(answered_at__isnull=False)


class RegistrationQuerySet(models.QuerySet):
    """The review desk's queues."""

    def overdue(self, at: datetime):
        return self.filter(overdue_at(at))

    def waiting_for_staff(self, at: datetime):
        return self.filter(waiting_for_staff_at(at))

    def answered(self):
        return self.filter(ANSWERED)

    def to_confirm_by(self, user):
        return self.filter(to_confirm_by(user))


# Where the review ends: nothing is scored or decided any more.
DECIDED = (Status.ACCEPTED, Status.DECLINED, Status.WITHDRAWN)
# The moves that decide a registration: in a call with four eyes, proposed by one staff member, confirmed by another.
DECISIONS = (Status.ACCEPTED, Status.DECLINED)


# Named, so that a registration and its ways of taking part can enter the history as one entry
# (registrations.history).
REGISTRATION_HISTORY = HistoricalRecords(
    excluded_fields=["submission_key", "duplicate_notice_at", "updated_at"], m2m_fields=["participation"]
)


class Registration(models.Model):
    call = models.ForeignKey(
        RegistrationCall, verbose_name=_("call"), on_delete=models.PROTECT, related_name="registrations"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="registrations"
    )
    reference = models.CharField(_("reference"), max_length=32, unique=True)
    status = models.CharField(_("status"), max_length=32, choices=Status.choices, default=Status.SUBMITTED)

    # The organisation as the applicant described it with this registration (its identity is `organisation`).
    legal_name = models.CharField(_("legal name"), max_length=255)
    vat_code = models.CharField(_("VAT code"), max_length=20, blank=True)
    organisation_type = models.CharField(
        _("type of organisation"), max_length=32, choices=OrganisationType.choices
    )
    size = models.CharField(_("size"), max_length=16, choices=OrganisationSize.choices)
    website = models.URLField(_("website"), max_length=300, blank=True)
    address = models.CharField(_("registered address"), max_length=300)
    description = models.TextField(_("short description"), max_length=1000)

    contact_name = models.CharField(_("contact person"), max_length=200)
    contact_job_title = models.CharField(_("job title"), max_length=200)
    contact_email = DeliverableEmailField(_("email address"))
    contact_phone = PhoneNumberField(_("phone number"))

    participation = models.ManyToManyField(
        ParticipationKind,
        verbose_name=_("how the organisation wants to take part"),
        related_name="registrations",
    )
    statement = models.TextField(_("statement of interest"), max_length=3000)
    compute_needs = models.TextField(_("expected compute needs"), max_length=1000, blank=True)
    investment_range = models.CharField(
        _("intended investment"), max_length=16, choices=InvestmentRange.choices, blank=True
    )

    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=32)
    privacy_consented_at = models.DateTimeField(_("privacy notice accepted at"))
    share_contact_consent = models.BooleanField(
        _("contact may be shared with consortium partners"), default=False
    )
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)

    # A random key carried by the form, so that the same form posted twice makes one registration.
    submission_key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    submitted_at = models.DateTimeField(_("submitted"), db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    anonymised_at = models.DateTimeField(
        _("personal data erased"),
        null=True,
        blank=True,
        help_text=_("The contact's details and answers were erased."),
    )
    # When the contact was last told that someone tried to register the organisation again (at most daily).
    duplicate_notice_at = models.DateTimeField(null=True, blank=True, editable=False)

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_registrations",
        limit_choices_to={"is_staff": True},
    )
    reopened_until = models.DateTimeField(
        _("open for corrections until"),
        null=True,
        blank=True,
        help_text=_(
            "Set when staff ask for more information: the applicant can correct the registration until then, "
            "even after the call has closed."
        ),
    )
    # When the applicant last answered a request for more information (a reply, or corrections saved while it
    # was asked for); cleared by staff's next move, so that it marks an answer nobody has acted on yet.
    answered_at = models.DateTimeField(_("answered by the applicant"), null=True, blank=True, editable=False)

    # Every change, by staff or applicant; the secret-link hash and form key are not worth keeping twice.
    history = REGISTRATION_HISTORY

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-submitted_at"]
        permissions = [
            ("change_registration_status", _("Can move registrations through the review statuses")),
            ("assign_registration", _("Can assign registrations to staff members")),
            ("export_registration", _("Can export registrations")),
            ("score_registration", _("Can score registrations against their call's criteria")),
            ("confirm_decision", _("Can confirm decisions proposed by another staff member")),
        ]
        constraints = [
            # One live registration per organisation and call; a withdrawn one does not block registering again.
            models.UniqueConstraint(
                fields=["call", "organisation"],
                condition=~Q(status=Status.WITHDRAWN),
                name="registration_once_per_call",
            ),
        ]

    def __str__(self):
        return self.reference

    # Statuses from which the applicant may still correct or withdraw the registration.
    CHANGEABLE = (Status.SUBMITTED, Status.UNDER_REVIEW, Status.NEEDS_INFORMATION)

    def can_be_changed(self, at: datetime) -> bool:
        """While the call is open, or until the date staff re-opened it for corrections."""
        return self.status in self.CHANGEABLE and (self.call.is_open(at) or self.is_reopened(at))

    def is_reopened(self, at: datetime) -> bool:
        return self.reopened_until is not None and at < self.reopened_until

    def is_overdue(self, at: datetime) -> bool:
        """Asked for more information, and the day the applicant had for it is over."""
        return (
            self.status == Status.NEEDS_INFORMATION
            and self.reopened_until is not None
            and self.reopened_until <= at
        )

    @property
    def last_moment_for_changes(self) -> datetime:
        """The last minute the applicant may still change the registration, as people read it."""
        closes_at = max(self.call.closes_at, self.reopened_until or self.call.closes_at)
        return closes_at - timedelta(minutes=1)


class EditLink(SecretLink):
    """A private link to correct or withdraw a registration, as emailed to its contact person."""

    purpose = "registration-edit"

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="edit_links", verbose_name=_("registration")
    )

    class Meta(SecretLink.Meta):
        verbose_name = _("link for corrections")
        verbose_name_plural = _("links for corrections")


class StatusChange(models.Model):
    """One move of a registration through the review, by a staff member or (with no user) the applicant."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("registration")
    )
    from_status = models.CharField(_("from"), max_length=32, choices=Status.choices)
    to_status = models.CharField(_("to"), max_length=32, choices=Status.choices)
    # Staff who made a move stay on record: deactivate them rather than delete them.
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when the applicant made the change."),
    )
    changed_at = models.DateTimeField(_("when"))
    comment = models.TextField(_("internal comment"), blank=True)
    email_subject = models.CharField(_("subject of the email to the applicant"), max_length=300, blank=True)
    email_body = models.TextField(_("email to the applicant"), blank=True)
    email = models.ForeignKey(
        "post_office.Email",
        verbose_name=_("delivery"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reopened_until = models.DateTimeField(_("open for corrections until"), null=True, blank=True)
    # A decision proposed by one staff member and confirmed by another (`changed_by`) records both.
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    proposed_at = models.DateTimeField(_("proposed"), null=True, blank=True)

    class Meta:
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")
        ordering = ["changed_at", "pk"]

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Note(models.Model):
    """An internal note by staff about a registration: never shown or sent to the applicant."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="notes", verbose_name=_("registration")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("written"))
    text = models.TextField(_("note"), max_length=5000)

    class Meta:
        verbose_name = _("internal note")
        verbose_name_plural = _("internal notes")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text[:60]


def reply_file_name(instance, filename: str) -> str:
    """A random name in the database storage: the applicant's own file name is kept apart, never used as a path."""
    return f"replies/{uuid.uuid4().hex}"


class Reply(models.Model):
    """The applicant's answer to a request for more information, sent through the registration's private link."""

    registration = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="replies", verbose_name=_("registration")
    )
    text = models.TextField(_("reply"), max_length=5000, blank=True)
    sent_at = models.DateTimeField(_("sent"))

    class Meta:
        verbose_name = _("reply of the applicant")
        verbose_name_plural = _("replies of the applicant")
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.registration} {self.sent_at:%Y-%m-%d %H:%M}"


class ReplyFile(models.Model):
    """A file attached to a reply, kept in the database (the default storage), as the applicant sent it."""

    reply = models.ForeignKey(Reply, on_delete=models.CASCADE, related_name="files", verbose_name=_("reply"))
    file = models.FileField(_("file"), upload_to=reply_file_name, max_length=255)
    name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("type"), max_length=100)
    size = models.PositiveBigIntegerField(_("size"))

    class Meta:
        verbose_name = _("attached file")
        verbose_name_plural = _("attached files")
        ordering = ["pk"]

    def __str__(self):
        return self.name


# Statuses whose move may email the applicant a message written from a MessageTemplate.
NOTIFYING_STATUSES = (Status.NEEDS_INFORMATION, Status.ACCEPTED, Status.DECLINED)


class MessageTemplate(models.Model):
    """The default text of the email a status move sends, in every language; staff may edit each before it goes.

    Subject and text are stored per language (registrations/translation.py); a language left empty is written
    in Lithuanian, or else in English.
    """

    PLACEHOLDERS = ("contact_name", "organisation", "reference", "call", "question")

    status = models.CharField(
        _("status"),
        max_length=32,
        unique=True,
        choices=[(status.value, status.label) for status in NOTIFYING_STATUSES],
    )
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(
        _("text"),
        help_text=_(
            "Plain text. These placeholders are filled in for each registration: {contact_name}, "
            "{organisation}, {reference}, {call}. When more information is asked for, {question} is where the "
            "question staff write is quoted, and the link for corrections and its closing date are added below "
            "the text. Text in [[double square brackets]] is an instruction to staff: a message still "
            "containing it is not sent."
        ),
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("email text")
        verbose_name_plural = _("email texts")
        ordering = ["status"]

    def __str__(self):
        return str(self.get_status_display())


# The assessment's and the decisions' records are in modules of their own; imported here, where Django looks for the app's models.
from registrations.decisions import Decision  # noqa: E402
from registrations.scoring import Assessment, Criterion, Score  # noqa: E402, F401
