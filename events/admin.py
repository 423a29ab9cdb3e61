from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from consortium.translated import localized_names
from consortium.translation_admin import ContentAdmin, language_fieldsets
from events import selectors
from events.exports import signups_csv
from events.models import AttendanceMode, Meeting, Signup
from events.services import (
    CancellationRefused,
    cancel_signup,
    check_modes_kept,
    mark_attendance,
    update_meeting,
)


class MeetingAdminForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "title",
            "slug",
            "description",
            "is_demo",
            "starts_at",
            "ends_at",
            "format",
            "venue",
            "online_instructions",
            "join_url",
            "in_person_capacity",
            "online_capacity",
            "signup_closes_at",
            "staff_notes",
        ]

    # A join link typed without a scheme is an https one.
    join_url = forms.URLField(
        label=capfirst(Meeting._meta.get_field("join_url").verbose_name),
        help_text=Meeting._meta.get_field("join_url").help_text,
        max_length=500,
        required=False,
        assume_scheme="https",
    )

    def clean(self):
        data = super().clean()
        if self.instance.pk and data.get("format"):
            try:
                check_modes_kept(
                    meeting=self.instance, new_format=data["format"], previous_format=self.instance.format
                )
            except ValidationError as error:
                self.add_error(None, error)
        return data


def _seats_column(mode: str, description: str):
    @admin.display(description=description)
    def column(model_admin, meeting: Meeting) -> str:
        if not meeting.offers(mode):
            return "–"
        capacity = meeting.capacity_for(mode)
        return "{} / {} / {}".format(
            getattr(meeting, f"confirmed_{mode}"),
            getattr(meeting, f"waitlisted_{mode}"),
            "∞" if capacity is None else capacity,
        )

    return column


@admin.register(Meeting)
class MeetingAdmin(ContentAdmin):
    form = MeetingAdminForm
    list_display = [
        "title",
        "starts_at",
        "format",
        "in_person_seats",
        "online_seats",
        "is_demo",
        "staff_links",
    ]
    list_filter = ["format", "is_demo"]
    search_fields = [*localized_names("title"), "slug", *localized_names("venue")]
    date_hierarchy = "starts_at"
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["sequence", "staff_links"]
    fieldsets = [
        (None, {"fields": ["slug", "is_demo"]}),
        (_("Time and place"), {"fields": ["starts_at", "ends_at", "format", "join_url"]}),
        # What the public reads, in each language: an empty language shows the Lithuanian, else the English.
        *language_fieldsets("title", "description", "venue", "online_instructions"),
        (_("Seats and signups"), {"fields": ["in_person_capacity", "online_capacity", "signup_closes_at"]}),
        (_("Staff only"), {"fields": ["staff_notes", "sequence", "staff_links"]}),
    ]

    in_person_seats = _seats_column(AttendanceMode.IN_PERSON, _("In person: confirmed / waiting / seats"))
    online_seats = _seats_column(AttendanceMode.ONLINE, _("Online: confirmed / waiting / places"))

    def get_queryset(self, request):
        return selectors.with_seat_counts(super().get_queryset(request))

    def get_urls(self):
        check_in = path(
            "<int:meeting_id>/check-in/",
            self.admin_site.admin_view(self.check_in_view),
            name="events_meeting_check_in",
        )
        return [check_in, *super().get_urls()]

    @admin.display(description=_("Signups"))
    def staff_links(self, meeting: Meeting) -> str:
        if meeting.pk is None:
            return "–"
        signups = reverse("admin:events_signup_changelist") + f"?meeting__id__exact={meeting.pk}"
        check_in = reverse("admin:events_meeting_check_in", args=[meeting.pk])
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a>', signups, _("Signups"), check_in, _("Check-in sheet")
        )

    def save_model(self, request, obj, form, change):
        if not change:
            super().save_model(request, obj, form, change)
            return
        result = update_meeting(
            meeting=obj, data={name: form.cleaned_data[name] for name in form.changed_data}
        )
        obj.sequence = result.meeting.sequence
        if result.notified:
            message = ngettext(
                "%(count)d attendee is being emailed the change with a new calendar file.",
                "%(count)d attendees are being emailed the change with a new calendar file.",
                result.notified,
            )
            self.message_user(request, message % {"count": result.notified}, messages.SUCCESS)
        if result.promoted:
            message = ngettext(
                "%(count)d person on the waiting list has been given a seat.",
                "%(count)d people on the waiting list have been given a seat.",
                result.promoted,
            )
            self.message_user(request, message % {"count": result.promoted}, messages.SUCCESS)

    def check_in_view(self, request, meeting_id: int):
        if not request.user.has_perm("events.view_signup"):
            raise PermissionDenied
        meeting = get_object_or_404(Meeting, pk=meeting_id)
        mode = request.GET.get("mode")
        if not meeting.offers(mode or ""):
            mode = meeting.modes[0] if meeting.modes else AttendanceMode.IN_PERSON
        context = {
            **self.admin_site.each_context(request),
            "meeting": meeting,
            "mode": mode,
            "mode_label": AttendanceMode(mode).label,
            "modes": [(m, AttendanceMode(m).label) for m in meeting.modes],
            "attendees": selectors.check_in_list(meeting=meeting, mode=mode),
            "printed_at": timezone.now(),
            "title": _("Check-in sheet"),
        }
        return render(request, "events/admin/check_in.html", context)


@admin.register(Signup)
class SignupAdmin(admin.ModelAdmin):
    # What fits a laptop's width: the address under the name, the meeting by its day, short dates.
    list_display = [
        "person",
        "organisation",
        "meeting_day",
        "mode",
        "status_label",
        "waitlist_position",
        "attended",
        "signed_up",
    ]
    list_filter = ["meeting", "status", "mode", "attended"]
    list_select_related = ["meeting"]
    search_fields = ["name", "email", "organisation", "job_title", "registration__reference"]
    date_hierarchy = "created_at"
    actions = ["mark_attended", "mark_not_attended", "export_csv", "export_csv_semicolons", "cancel_signups"]
    raw_id_fields = ["registration"]
    readonly_fields = [
        "meeting",
        "email",
        "mode",
        "status",
        "waitlist_position",
        "language",
        "privacy_notice_version",
        "privacy_consented_at",
        "created_at",
        "confirmed_at",
        "cancelled_at",
        "reminded_at",
        "updated_at",
    ]
    fieldsets = [
        (None, {"fields": ["meeting", "status", "waitlist_position", "mode", "attended"]}),
        (_("Person"), {"fields": ["name", "email", "organisation", "job_title", "registration", "language"]}),
        (
            _("Record"),
            {
                "fields": [
                    "privacy_notice_version",
                    "privacy_consented_at",
                    "created_at",
                    "confirmed_at",
                    "cancelled_at",
                    "reminded_at",
                    "updated_at",
                ]
            },
        ),
    ]

    @admin.display(description=_("full name"), ordering="name")
    def person(self, signup: Signup) -> str:
        return format_html('{}<br><span class="portal-secondary">{}</span>', signup.name, signup.email)

    @admin.display(description=_("meeting"), ordering="meeting__starts_at")
    def meeting_day(self, signup: Signup) -> str:
        starts_at = timezone.localtime(signup.meeting.starts_at)
        return format_html(
            '<span title="{}">{}</span>', signup.meeting.title, date_format(starts_at, "SHORT_DATE_FORMAT")
        )

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, signup: Signup) -> str:
        return format_html(
            '<span class="review-status review-status--{}">{}</span>',
            signup.status,
            signup.get_status_display(),
        )

    @admin.display(description=_("signed up"), ordering="created_at")
    def signed_up(self, signup: Signup) -> str:
        moment = timezone.localtime(signup.created_at)
        return format_html(
            '<time datetime="{}" title="{}">{}</time>',
            moment.isoformat(),
            date_format(moment, "DATETIME_FORMAT"),
            date_format(moment, "SHORT_DATE_FORMAT"),
        )

    def has_add_permission(self, request):
        # Seats are given only by the signup rules: staff sign people up through the public form.
        return False

    def has_delete_permission(self, request, obj=None):
        # A deleted seat would not go to the waiting list: a live signup of a meeting to come is cancelled instead.
        if obj is not None and obj.is_live and not obj.meeting.has_started(timezone.now()):
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # the same reason, for many signups at once
        return actions

    @admin.action(description=_("Mark selected signups as attended"), permissions=["change"])
    def mark_attended(self, request, queryset):
        count = mark_attendance(signup_ids=list(queryset.values_list("pk", flat=True)), attended=True)
        self.message_user(request, _("Attendance recorded for %(count)d signups.") % {"count": count})

    @admin.action(description=_("Mark selected signups as not attended"), permissions=["change"])
    def mark_not_attended(self, request, queryset):
        count = mark_attendance(signup_ids=list(queryset.values_list("pk", flat=True)), attended=False)
        self.message_user(request, _("Attendance removed for %(count)d signups.") % {"count": count})

    @admin.action(description=_("Export selected signups as CSV"), permissions=["view"])
    def export_csv(self, request, queryset, delimiter=","):
        rows = queryset.select_related("meeting", "registration").order_by("meeting__starts_at", "name", "pk")
        response = HttpResponse(
            signups_csv(rows, delimiter=delimiter).encode("utf-8-sig"), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="signups-{stamp}.csv"'
        return response

    @admin.action(
        description=_("Export selected signups as CSV with semicolons, as Excel opens it in Lithuanian"),
        permissions=["view"],
    )
    def export_csv_semicolons(self, request, queryset):
        return self.export_csv(request, queryset, delimiter=";")

    @admin.action(
        description=_("Cancel selected signups and give the seats to the waiting list"),
        permissions=["change"],
    )
    def cancel_signups(self, request, queryset):
        cancelled = refused = 0
        for signup in queryset.select_related("meeting"):
            try:
                cancelled += not cancel_signup(signup=signup).already_cancelled
            except CancellationRefused:
                refused += 1
        self.message_user(request, _("%(count)d signups cancelled.") % {"count": cancelled})
        if refused:
            self.message_user(
                request,
                _("%(count)d signups were not cancelled: their meeting has started.") % {"count": refused},
                messages.WARNING,
            )
