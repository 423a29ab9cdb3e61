"""The review actions on the registration admin: status moves (one or many), notes and assignment.

Each calls a service in registrations.services.review; what the service refuses is shown to staff, per
registration, and changes nothing.
"""

from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from registrations.admin.forms import AssignForm, NoteForm, StatusChangeForm
from registrations.email_texts import Draft, draft_from, fill_placeholders
from registrations.models import DECISIONS, Decision, Registration, Status
from registrations.selectors import message_template, possible_duplicates
from registrations.services import (
    ReviewRefused,
    add_note,
    allowed_moves,
    assign_registration,
    change_status,
)
from registrations.services.decisions import propose_decision
from registrations.services.requests import request_information

# The words on the registration page's buttons and the move pages for each move.
MOVE_LABELS = {
    Status.UNDER_REVIEW: gettext_lazy("Start the review"),
    Status.NEEDS_INFORMATION: gettext_lazy("Ask for more information"),
    Status.ACCEPTED: gettext_lazy("Accept"),
    Status.DECLINED: gettext_lazy("Decline"),
}
# Accepting and declining in a call with four eyes: proposed here, confirmed by another staff member.
PROPOSE_LABELS = {
    Status.ACCEPTED: gettext_lazy("Propose to accept"),
    Status.DECLINED: gettext_lazy("Propose to decline"),
}
# The same moves in the list's actions menu.
BULK_DESCRIPTIONS = {
    Status.UNDER_REVIEW: gettext_lazy("Start the review of the selected registrations"),
    Status.NEEDS_INFORMATION: gettext_lazy("Ask the selected applicants for more information"),
    Status.ACCEPTED: gettext_lazy("Accept the selected registrations"),
    Status.DECLINED: gettext_lazy("Decline the selected registrations"),
}


def move_label(to: Status, call) -> str:
    return PROPOSE_LABELS[to] if call.four_eyes and to in PROPOSE_LABELS else MOVE_LABELS[to]


def proposes(to: Status, registration: Registration) -> bool:
    """Whether the move is only proposed, for another staff member to confirm."""
    return to in DECISIONS and registration.call.four_eyes


def _bulk_move(to: Status):
    @admin.action(permissions=["change_registration_status"], description=BULK_DESCRIPTIONS[to])
    def action(modeladmin, request, queryset):
        return modeladmin.bulk_move(request, queryset, to)

    action.__name__ = f"move_to_{to.value}"
    return action


@admin.action(permissions=["assign_registration"], description=gettext_lazy("Assign the selected to me"))
def assign_to_me(modeladmin, request, queryset):
    assigned = 0
    for registration in queryset:
        try:
            assign_registration(registration=registration, assignee=request.user, by=request.user)
        except ReviewRefused as refusal:
            modeladmin.message_user(request, str(refusal), messages.ERROR)
            return
        assigned += 1
    modeladmin.message_user(
        request,
        ngettext(
            "%(count)d registration assigned to you.", "%(count)d registrations assigned to you.", assigned
        )
        % {"count": assigned},
        messages.SUCCESS,
    )


class ReviewMixin:
    """Mixed into RegistrationAdmin."""

    actions = [*(_bulk_move(to) for to in MOVE_LABELS), assign_to_me]

    def has_change_registration_status_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("registrations.change_registration_status")

    def has_assign_registration_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("registrations.assign_registration")

    def has_add_note_permission(self, request) -> bool:
        return request.user.has_perm("registrations.add_note")

    def get_urls(self):
        view = self.admin_site.admin_view
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/status/<str:to>/", view(self.change_status_view), name=f"{prefix}_status"),
            path("<path:object_id>/note/", view(self.add_note_view), name=f"{prefix}_note"),
            path("<path:object_id>/assign/", view(self.assign_view), name=f"{prefix}_assign"),
            *super().get_urls(),
        ]

    def _url(self, name: str, *args) -> str:
        return reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_{name}", args=args)

    def review_context(self, request, registration: Registration) -> dict:
        """What the registration page shows and offers for the review, besides the applicant's answers."""
        can_move = self.has_change_registration_status_permission(request)
        # While a decision awaits confirmation, it is confirmed or turned down rather than proposed again.
        deciding = registration.decisions.filter(state=Decision.State.PROPOSED).exists()
        return {
            "overdue": registration.is_overdue(timezone.now()),
            "moves": [
                {
                    "label": move_label(to, registration.call),
                    "status": to.label,
                    "url": self._url("status", registration.pk, to.value),
                }
                for to in allowed_moves(registration.status)
                if can_move and not (deciding and to in DECISIONS)
            ],
            "duplicates": possible_duplicates(registration=registration),
            # A page posted back with errors shows the note typed on it again.
            "note_form": (
                NoteForm(request.POST or None, prefix=NoteForm.PREFIX)
                if self.has_add_note_permission(request)
                else None
            ),
            "note_url": self._url("note", registration.pk),
            "note_saves_with_page": self.has_change_permission(request, registration),
            "assign_form": (
                AssignForm(initial={"assignee": registration.assignee_id})
                if self.has_assign_registration_permission(request)
                else None
            ),
            "assign_url": self._url("assign", registration.pk),
        }

    def _registration(self, request, object_id) -> Registration:
        return get_object_or_404(self.get_queryset(request), pk=object_id)

    def _change_url(self, registration: Registration) -> str:
        return self._url("change", registration.pk)

    def _drafts(self, registrations: list[Registration], to: Status) -> dict[str, Draft]:
        languages = {registration.language for registration in registrations}
        template = message_template(status=to)
        return {language: draft_from(template, language) for language in languages}

    def change_status_view(self, request, object_id, to):
        if not self.has_change_registration_status_permission(request):
            raise PermissionDenied
        registration = self._registration(request, object_id)
        if to not in allowed_moves(registration.status):
            self.message_user(
                request,
                _("A registration that is “%(status)s” cannot be moved that way.")
                % {"status": registration.get_status_display()},
                messages.ERROR,
            )
            return HttpResponseRedirect(self._change_url(registration))
        to = Status(to)
        drafts = {
            language: Draft(
                fill_placeholders(d.subject, registration), fill_placeholders(d.body, registration)
            )
            for language, d in self._drafts([registration], to).items()
        }
        form = StatusChangeForm(request.POST or None, to=to, drafts=drafts)
        if request.method == "POST" and form.is_valid():
            try:
                proposed = self._apply_move(
                    request, registration, to, form, form.draft(registration.language)
                )
            except ReviewRefused as refusal:
                form.add_error(None, str(refusal))
            else:
                self.message_user(
                    request, self._done_message(proposed, 1, to, form.sends_email), messages.SUCCESS
                )
                return HttpResponseRedirect(self._change_url(registration))
        label = move_label(to, registration.call)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("%(move)s: %(reference)s") % {"move": label, "reference": registration.reference},
            "registration": registration,
            "registrations": [registration],
            "to": to,
            "move_label": label,
            "proposing": proposes(to, registration),
            "form": form,
            "bulk": False,
        }
        return TemplateResponse(request, "admin/registrations/registration/change_status.html", context)

    def bulk_move(self, request, queryset, to: Status):
        """The confirmation page of a bulk move, and the moves themselves once confirmed."""
        registrations = list(queryset.select_related("organisation", "call"))
        movable = [registration for registration in registrations if to in allowed_moves(registration.status)]
        # Texts only in the languages of the registrations that will be moved, and so emailed.
        drafts = self._drafts(movable, to)
        confirmed = "confirm" in request.POST
        form = StatusChangeForm(request.POST if confirmed else None, to=to, drafts=drafts)
        if confirmed and form.is_valid():
            self._move_each(request, registrations, to, form)
            return None  # back to the list
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("%(move)s: %(count)d selected")
            % {"move": MOVE_LABELS[to], "count": len(registrations)},
            "registrations": registrations,
            "movable": movable,
            "to": to,
            "move_label": MOVE_LABELS[to],
            "proposing": any(proposes(to, registration) for registration in movable),
            "form": form,
            "bulk": True,
            "action_name": f"move_to_{to.value}",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/registrations/registration/change_status.html", context)

    def _apply_move(self, request, registration: Registration, to: Status, form, draft: Draft) -> bool:
        """Make the move, or propose it where a second person must confirm it; True when proposed."""
        if to == Status.NEEDS_INFORMATION:
            [asked] = self._ask(request, [registration], form)
            if asked.refusal:
                raise ReviewRefused(asked.refusal)
            return False
        text = {
            "subject": fill_placeholders(draft.subject, registration),
            "message": fill_placeholders(draft.body, registration),
            "comment": form.cleaned_data["comment"],
        }
        if proposes(to, registration):
            propose_decision(registration=registration, to=to, by=request.user, **text)
            return True
        change_status(registration=registration, to=to, by=request.user, **text)
        return False

    def _ask(self, request, registrations: list[Registration], form: StatusChangeForm):
        """One request for more information, the question written once, each email in its applicant's language."""
        return request_information(
            registrations=registrations,
            by=request.user,
            question=form.cleaned_data.get("question", ""),
            translations=form.translations(),
            frames={language: form.draft(language) for language in form.languages}
            if form.sends_email
            else {},
            send_email=form.sends_email,
            comment=form.cleaned_data["comment"],
            reopened_until=form.reopened_until_moment(),
        )

    def _move_each(
        self, request, registrations: list[Registration], to: Status, form: StatusChangeForm
    ) -> None:
        done = {False: 0, True: 0}  # moved, proposed
        ready = []
        for registration in registrations:
            written = registration.language in form.languages
            if form.sends_email and not written and to in allowed_moves(registration.status):
                # Its status changed after the confirmation page was shown, so no text was written for it.
                self.message_user(
                    request,
                    _("%(reference)s was not moved: its status changed meanwhile. Select it again.")
                    % {"reference": registration.reference},
                    messages.WARNING,
                )
                continue
            ready.append(registration)
        if to == Status.NEEDS_INFORMATION:
            for asked in self._ask(request, ready, form):
                if asked.refusal:
                    self.message_user(request, asked.refusal, messages.WARNING)
                else:
                    done[False] += 1
        else:
            for registration in ready:
                # Without a text the service still decides, and names the registration if it cannot move.
                draft = (
                    form.draft(registration.language)
                    if registration.language in form.languages
                    else Draft("", "")
                )
                try:
                    done[self._apply_move(request, registration, to, form, draft)] += 1
                except ReviewRefused as refusal:
                    self.message_user(request, str(refusal), messages.WARNING)
        for proposed, count in done.items():
            if count:
                self.message_user(
                    request, self._done_message(proposed, count, to, form.sends_email), messages.SUCCESS
                )

    @staticmethod
    def _done_message(proposed: bool, count: int, to: Status, emailed: bool) -> str:
        if proposed:
            text = ngettext(
                "%(count)d registration proposed for “%(status)s”: another staff member must confirm it, and "
                "only then is the applicant emailed.",
                "%(count)d registrations proposed for “%(status)s”: another staff member must confirm them, and "
                "only then are the applicants emailed.",
                count,
            )
        elif emailed:
            text = ngettext(
                "%(count)d registration moved to “%(status)s”; the applicant will be emailed.",
                "%(count)d registrations moved to “%(status)s”; the applicants will be emailed.",
                count,
            )
        else:
            text = ngettext(
                "%(count)d registration moved to “%(status)s”.",
                "%(count)d registrations moved to “%(status)s”.",
                count,
            )
        return text % {"count": count, "status": to.label}

    def add_note_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_note_permission(request):
            raise PermissionDenied
        registration = self._registration(request, object_id)
        form = NoteForm(request.POST, prefix=NoteForm.PREFIX)
        if not form.is_valid():
            self.message_user(request, " ".join(form.errors["text"]), messages.ERROR)
            return HttpResponseRedirect(self._change_url(registration))
        try:
            add_note(registration=registration, author=request.user, text=form.cleaned_data["text"])
        except ReviewRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, _("The note has been saved."), messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(registration) + "#notes")

    def save_note_with_page(self, request, registration: Registration) -> None:
        """Keep the note typed on the registration's page when the page itself is saved."""
        if not self.has_add_note_permission(request):
            return
        form = NoteForm(request.POST, prefix=NoteForm.PREFIX)
        if form.is_valid():  # an empty box is no note
            add_note(registration=registration, author=request.user, text=form.cleaned_data["text"])
            self.message_user(request, _("The note has been saved."), messages.SUCCESS)

    def assign_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_assign_registration_permission(request):
            raise PermissionDenied
        registration = self._registration(request, object_id)
        form = AssignForm(request.POST)
        if not form.is_valid():
            self.message_user(request, _("Choose a staff member from the list."), messages.ERROR)
            return HttpResponseRedirect(self._change_url(registration))
        assignee = form.cleaned_data["assignee"]
        try:
            assign_registration(registration=registration, assignee=assignee, by=request.user)
        except ReviewRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(
                request,
                _("Assigned to %(name)s.") % {"name": assignee.get_full_name() or assignee.get_username()}
                if assignee
                else _("Nobody is assigned any more."),
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._change_url(registration))
