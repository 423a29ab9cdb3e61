import uuid
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname

from consortium.email_address import DeliverableEmailField
from consortium.models import SecretLink
from consortium.translated import translated

# The venue is written per language; a missing one is reported beside the Lithuanian, which the others fall back to.
VENUE_FIELD = build_localized_fieldname("venue", settings.MODELTRANSLATION_DEFAULT_LANGUAGE)


class MeetingFormat(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")
    HYBRID = "hybrid", _("In person and online")


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", _("Online")


MODES_OFFERED = {
    MeetingFormat.IN_PERSON: (AttendanceMode.IN_PERSON,),
    MeetingFormat.ONLINE: (AttendanceMode.ONLINE,),
    MeetingFormat.HYBRID: (AttendanceMode.IN_PERSON, AttendanceMode.ONLINE),
}


class MeetingQuerySet(models.QuerySet):
    def upcoming(self, at: datetime):
        """Meetings that have not ended at the aware datetime `at`, soonest first."""
        return self.filter(ends_at__gt=at).order_by("starts_at")

    def past(self, at: datetime):
        return self.filter(ends_at__lte=at).order_by("-starts_at")


class Meeting(models.Model):
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    format = models.CharField(_("format"), max_length=16, choices=MeetingFormat.choices)
    venue = models.CharField(_("venue address"), max_length=300, blank=True)
    online_instructions = models.TextField(
        _("instructions for online attendees"),
        blank=True,
        help_text=_(
            "Public: shown on the meeting's page and in the emails and calendar files of online attendees, "
            "e.g. which programme to use. Put the join link itself in the field below, never here."
        ),
    )
    join_url = models.URLField(
        _("online join link"),
        max_length=500,
        blank=True,
        help_text=_("Sent only to confirmed online attendees; never shown on the public pages."),
    )
    in_person_capacity = models.PositiveIntegerField(
        _("in-person seats"), null=True, blank=True, help_text=_("Required when people can attend in person.")
    )
    online_capacity = models.PositiveIntegerField(
        _("online places"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    signup_closes_at = models.DateTimeField(
        _("signups close at"),
        null=True,
        blank=True,
        help_text=_("Leave empty to close signups at the start."),
    )
    # Calendars recognise the event by this UID and take the version with the highest SEQUENCE: the UID never
    # changes, and the sequence rises whenever the time or place does.
    calendar_uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0, editable=False)
    is_demo = models.BooleanField(
        _("demonstration data"), default=False, help_text=_("Shown with a banner; never a real meeting.")
    )
    staff_notes = models.TextField(
        _("notes for staff"), blank=True, help_text=_("Seen by staff only; never shown on the public pages.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="meeting_ends_after_start"),
            models.CheckConstraint(
                condition=Q(signup_closes_at__isnull=True) | Q(signup_closes_at__lte=F("ends_at")),
                name="meeting_signups_close_before_end",
            ),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("The meeting must end after it starts.")
        if self.signup_closes_at and self.ends_at and self.signup_closes_at > self.ends_at:
            errors["signup_closes_at"] = _("Signups must close before the meeting ends.")
        if AttendanceMode.IN_PERSON in self.modes:
            if not translated(self, "venue").text:
                errors[VENUE_FIELD] = _("Enter the venue address of a meeting people attend in person.")
            if not self.in_person_capacity:
                errors["in_person_capacity"] = _("Enter how many people can attend in person.")
        if errors:
            raise ValidationError(errors)

    @property
    def modes(self) -> tuple[str, ...]:
        return MODES_OFFERED.get(self.format, ())

    @property
    def offers_in_person(self) -> bool:
        return AttendanceMode.IN_PERSON in self.modes

    @property
    def offers_online(self) -> bool:
        return AttendanceMode.ONLINE in self.modes

    def offers(self, mode: str) -> bool:
        return mode in self.modes

    def capacity_for(self, mode: str) -> int | None:
        """Seats for `mode`; None means no limit."""
        if mode == AttendanceMode.IN_PERSON:
            return self.in_person_capacity or 0
        return self.online_capacity

    @property
    def signups_close_at(self) -> datetime:
        return self.signup_closes_at or self.starts_at

    def has_ended(self, at: datetime) -> bool:
        return self.ends_at <= at

    def has_started(self, at: datetime) -> bool:
        return self.starts_at <= at

    def accepts_signups(self, at: datetime) -> bool:
        return at < self.signups_close_at and not self.has_ended(at)


class SignupStatus(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    WAITLISTED = "waitlisted", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Signup(models.Model):
    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.PROTECT, related_name="signups"
    )
    name = models.CharField(_("full name"), max_length=200)
    email = DeliverableEmailField(_("email address"))
    organisation = models.CharField(_("organisation"), max_length=255)
    job_title = models.CharField(_("job title"), max_length=200)
    mode = models.CharField(_("attendance"), max_length=16, choices=AttendanceMode.choices)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    # The registration reference as the person typed it: kept for staff to check, never looked up for the
    # visitor (that would tell strangers which references exist).
    registration_reference = models.CharField(_("registration reference given"), max_length=32, blank=True)
    # Set only when the reference is a registration of the same contact address; staff may set it after checking.
    registration = models.ForeignKey(
        "registrations.Registration",
        verbose_name=_("registration"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_signups",
    )
    status = models.CharField(_("status"), max_length=16, choices=SignupStatus.choices)
    waitlist_position = models.PositiveIntegerField(_("place on the waiting list"), null=True, blank=True)
    attended = models.BooleanField(_("attended"), default=False)

    privacy_notice_version = models.CharField(_("privacy notice version"), max_length=32)
    privacy_consented_at = models.DateTimeField(_("privacy notice accepted at"))
    # The SEQUENCE of the meeting's calendar file this person was last sent: a change of the meeting is
    # announced to each attendee once (events.services.notify_meeting_changes).
    calendar_sequence = models.PositiveIntegerField(default=0, editable=False)

    created_at = models.DateTimeField(_("signed up"), db_index=True)
    confirmed_at = models.DateTimeField(_("seat confirmed"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("personal data erased"), null=True, blank=True)
    # When the person was last told that someone signed up again with their address (at most daily).
    duplicate_notice_at = models.DateTimeField(null=True, blank=True, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("signup")
        verbose_name_plural = _("signups")
        ordering = ["-created_at"]
        constraints = [
            # One live signup per person and meeting; after cancelling, signing up again is allowed.
            models.UniqueConstraint(
                Lower("email"),
                "meeting",
                condition=~Q(status=SignupStatus.CANCELLED),
                name="signup_once_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "mode", "waitlist_position"],
                condition=Q(status=SignupStatus.WAITLISTED),
                name="signup_unique_waitlist_position",
            ),
            models.CheckConstraint(
                condition=Q(status=SignupStatus.WAITLISTED, waitlist_position__gte=1)
                | (~Q(status=SignupStatus.WAITLISTED) & Q(waitlist_position__isnull=True)),
                name="signup_position_only_when_waitlisted",
            ),
        ]
        indexes = [models.Index(fields=["meeting", "mode", "status"], name="signup_seat_count")]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def is_live(self) -> bool:
        return self.status != SignupStatus.CANCELLED


class CancelLink(SecretLink):
    """A private link to cancel a seat or a place on the waiting list, as emailed to the person."""

    purpose = "signup-cancel"

    signup = models.ForeignKey(Signup, on_delete=models.CASCADE, related_name="cancel_links")

    class Meta(SecretLink.Meta):
        verbose_name = _("cancellation link")
        verbose_name_plural = _("cancellation links")


class MeetingChange(models.Model):
    """What changed in a meeting's time or place with each new SEQUENCE of its calendar file."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    sequence = models.PositiveIntegerField(_("calendar sequence"))
    fields = models.JSONField(_("changed"), default=list)
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("change of a meeting")
        verbose_name_plural = _("changes of meetings")
        ordering = ["meeting", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "sequence"], name="meeting_change_once_per_sequence")
        ]

    def __str__(self):
        return f"{self.meeting} #{self.sequence}"
