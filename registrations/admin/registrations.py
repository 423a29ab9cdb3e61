from django.contrib import admin
from django.db import models
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from registrations import history
from registrations.admin.assessment import AssessmentMixin
from registrations.admin.decisions import DecisionMixin, confirm_decisions
from registrations.admin.exports import ExportMixin
from registrations.admin.filters import AssigneeFilter, CountryFilter, QueueFilter, ScoreFilter
from registrations.admin.forms import RegistrationAdminForm
from registrations.admin.history import ReadOnlyHistoryAdmin
from registrations.admin.review import ReviewMixin
from registrations.models import Note, OrganisationType, Registration, Status, StatusChange
from registrations.selectors import with_answers, with_decisions, with_scores

# The list shows a short word for each type; the full name is in its tooltip, the filter and the page.
TYPE_SHORT = {
    OrganisationType.TECHNOLOGY_PROVIDER: pgettext_lazy("type of organisation, short", "Technology"),
    OrganisationType.INFRASTRUCTURE_PROVIDER: pgettext_lazy("type of organisation, short", "Infrastructure"),
    OrganisationType.RESEARCH_INSTITUTE: pgettext_lazy("type of organisation, short", "Research"),
    OrganisationType.UNIVERSITY: pgettext_lazy("type of organisation, short", "University"),
    OrganisationType.STARTUP: pgettext_lazy("type of organisation, short", "Startup"),
    OrganisationType.INVESTOR: pgettext_lazy("type of organisation, short", "Investor"),
    OrganisationType.PUBLIC_SECTOR: pgettext_lazy("type of organisation, short", "Public sector"),
    OrganisationType.OTHER: pgettext_lazy("type of organisation, short", "Other"),
}
# "Needs information" is the one status too long for the list's column; the page and the filter say it in full.
STATUS_SHORT = {Status.NEEDS_INFORMATION: pgettext_lazy("status, short", "Needs info")}
# What erasing a person's data blanks on their registrations (consortium.personal_data).
ERASED_FIELDS = [
    "contact_name",
    "contact_job_title",
    "contact_email",
    "contact_phone",
    "statement",
    "compute_needs",
]


class ReadOnlyInline(admin.TabularInline):
    """A record kept by the services: shown on the registration page, never edited there."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class StatusChangeInline(ReadOnlyInline):
    model = StatusChange
    verbose_name_plural = _("Status history")
    fields = ["changed_at", "move", "who", "comment", "email_to_applicant"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("changed_by", "proposed_by", "email")

    @admin.display(description=_("move"))
    def move(self, change):
        return format_html(
            "{} → <strong>{}</strong>", change.get_from_status_display(), change.get_to_status_display()
        )

    @admin.display(description=_("by"))
    def who(self, change):
        if change.changed_by is None:
            return _("the applicant")
        if change.proposed_by is None:
            return _display_user(change.changed_by)
        return _("%(confirmed_by)s, confirming the proposal of %(proposed_by)s") % {
            "confirmed_by": _display_user(change.changed_by),
            "proposed_by": _display_user(change.proposed_by),
        }

    @admin.display(description=_("email to the applicant"))
    def email_to_applicant(self, change):
        if not change.email_body:
            return "–"
        delivery = change.email.get_status_display() if change.email else ""
        return format_html(
            '<details><summary>{}</summary><div class="review-email">{}</div></details><span>{}</span>',
            change.email_subject,
            change.email_body,
            delivery,
        )


class NoteInline(ReadOnlyInline):
    model = Note
    verbose_name_plural = _("Internal notes (staff only)")
    fields = ["created_at", "author_name", "text"]
    readonly_fields = fields

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    @admin.display(description=_("author"))
    def author_name(self, note):
        return _display_user(note.author)


def review_flags(registration: Registration) -> list[str]:
    """What needs staff's eye besides the status, in words: an answer nobody has acted on, a missed deadline."""
    flags = []
    if getattr(registration, "awaiting_decision", None):
        flags.append(_("proposed: %(status)s") % {"status": Status(registration.awaiting_decision).label})
    if registration.answered_at is not None:
        flags.append(_("answered"))
    if registration.is_overdue(timezone.now()):
        flags.append(_("no answer by the deadline"))
    return flags


def _display_user(user) -> str:
    return user.get_full_name() or user.get_username()


@admin.register(Registration)
class RegistrationAdmin(ReviewMixin, AssessmentMixin, DecisionMixin, ExportMixin, ReadOnlyHistoryAdmin):
    actions = [*ReviewMixin.actions, confirm_decisions]
    change_list_template = "admin/registrations/registration/change_list.html"
    change_form_template = "admin/registrations/registration/change_form.html"
    form = RegistrationAdminForm
    # What fits a laptop's width: size, ways of taking part and the rest are on the page and in the export.
    list_display = [
        "reference",
        "organisation_name",
        "country",
        "type_label",
        "status_label",
        "assignee_name",
        "submitted",
        "score",
    ]
    list_filter = [
        QueueFilter,
        "status",
        ScoreFilter,
        AssigneeFilter,
        CountryFilter,
        "organisation_type",
        "size",
        "participation",
        "call",
    ]
    search_fields = [
        "reference",
        "legal_name",
        "organisation__legal_name",
        "organisation__registration_code",
        "vat_code",
        "contact_email",
    ]
    search_help_text = _(
        "Search by reference, organisation name, registration or VAT code, or contact email."
    )
    date_hierarchy = "submitted_at"
    list_per_page = 50
    # A website typed without a scheme is an https one, as on the public form.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [StatusChangeInline, NoteInline]
    # Status, assignment and the correction window change only through the review actions.
    readonly_fields = [
        "call",
        "organisation_identity",
        "reference",
        "status",
        "assignee",
        "reopened_until",
        "language",
        "privacy_notice_version",
        "privacy_consented_at",
        "submitted_at",
        "updated_at",
        "withdrawn_at",
        "anonymised_at",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "call", "status", "language"]}),
        (
            _("Organisation"),
            {
                "fields": [
                    "organisation_identity",
                    "legal_name",
                    "vat_code",
                    "organisation_type",
                    "size",
                    "website",
                    "address",
                    "description",
                ]
            },
        ),
        (
            _("Contact person"),
            {"fields": ["contact_name", "contact_job_title", "contact_email", "contact_phone"]},
        ),
        (
            _("Answers"),
            {
                "fields": [
                    "participation",
                    "statement",
                    "compute_needs",
                    "investment_range",
                    "share_contact_consent",
                ]
            },
        ),
        (
            _("Record"),
            {
                "fields": [
                    "privacy_notice_version",
                    "privacy_consented_at",
                    "submitted_at",
                    "updated_at",
                    "withdrawn_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return with_decisions(with_scores(with_answers(super().get_queryset(request)), user=request.user))

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or obj.anonymised_at is None:
            return fieldsets
        *others, (record, options) = fieldsets
        return [*others, (record, {**options, "fields": [*options["fields"], "anonymised_at"]})]

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is not None and obj.anonymised_at is not None:
            # Nothing left to correct: the erased details stay blank, and the rest of the page can still be saved.
            return [*readonly, *ERASED_FIELDS]
        return readonly

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["review"] = {
                **self.review_context(request, obj),
                **self.assessment_context(request, obj),
                **self.decision_context(request, obj),
            }
        return super().render_change_form(request, context, add, change, form_url, obj)

    def save_model(self, request, obj, form, change):
        # Entered in the history once, with its ways of taking part, after those are saved (save_related).
        history.hold(obj)
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        history.enter(form.instance, created=not change)
        self.save_note_with_page(request, form.instance)

    @admin.display(description=_("registered as"))
    def organisation_identity(self, registration):
        return render_to_string(
            "admin/registrations/registration/organisation.html",
            {"organisation": registration.organisation, "registration": registration},
        )

    @admin.display(description=_("organisation"), ordering="legal_name")
    def organisation_name(self, registration):
        return registration.legal_name

    @admin.display(description=_("country"), ordering="organisation__country")
    def country(self, registration):
        return registration.organisation.country.name

    @admin.display(description=_("type"), ordering="organisation_type")
    def type_label(self, registration):
        return format_html(
            '<span title="{}">{}</span>',
            registration.get_organisation_type_display(),
            TYPE_SHORT.get(registration.organisation_type, registration.organisation_type),
        )

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, registration):
        full = registration.get_status_display()
        badge = format_html(
            '<span class="review-status review-status--{}" title="{}">{}</span>',
            registration.status,
            full,
            STATUS_SHORT.get(registration.status, full),
        )
        flags = format_html_join(
            "", ' <span class="review-flag">{}</span>', ((f,) for f in review_flags(registration))
        )
        return badge + flags

    @admin.display(description=_("assigned to"), ordering="assignee__username")
    def assignee_name(self, registration):
        return _display_user(registration.assignee) if registration.assignee else "–"

    @admin.display(description=_("submitted"), ordering="submitted_at")
    def submitted(self, registration):
        moment = timezone.localtime(registration.submitted_at)
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            moment.isoformat(),
            date_format(moment, "DATETIME_FORMAT"),
            date_format(moment, "SHORT_DATE_FORMAT"),
        )
