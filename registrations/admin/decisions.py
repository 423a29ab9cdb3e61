"""Four eyes on the registration admin: the decision awaiting confirmation on a registration's page, confirming
or turning it down there, and confirming several at once from the list. The rules are
registrations.services.decisions'."""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from registrations.models import Decision, Registration
from registrations.services.decisions import confirm_decision, turn_down_decision
from registrations.services.review import ReviewRefused


class TurnDownForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Why not (for staff)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def awaiting(registration: Registration) -> Decision | None:
    return registration.decisions.filter(state=Decision.State.PROPOSED).select_related("proposed_by").first()


@admin.action(permissions=["confirm_decision"], description=gettext_lazy("Confirm the proposed decisions"))
def confirm_decisions(modeladmin, request, queryset):
    return modeladmin.bulk_confirm(request, queryset)


class DecisionMixin:
    """Mixed into RegistrationAdmin, after ReviewMixin (whose helpers it uses)."""

    def has_confirm_decision_permission(self, request, obj=None) -> bool:
        return request.user.has_perm("registrations.confirm_decision")

    def get_urls(self):
        view = self.admin_site.admin_view
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/decision/confirm/", view(self.confirm_view), name=f"{prefix}_confirm"),
            path(
                "<path:object_id>/decision/turn-down/", view(self.turn_down_view), name=f"{prefix}_turn_down"
            ),
            *super().get_urls(),
        ]

    def decision_context(self, request, registration: Registration) -> dict:
        decision = awaiting(registration)
        if decision is None:
            return {"decision": None}
        own = decision.proposed_by_id == request.user.pk
        may_confirm = self.has_confirm_decision_permission(request)
        return {
            "decision": decision,
            "decision_is_own": own,
            "can_confirm": may_confirm and not own,
            "can_turn_down": may_confirm or own,
            "confirm_url": self._url("confirm", registration.pk),
            "turn_down_url": self._url("turn_down", registration.pk),
            "turn_down_form": TurnDownForm(),
        }

    def confirm_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_confirm_decision_permission(request):
            raise PermissionDenied
        registration = self._registration(request, object_id)
        decision = awaiting(registration)
        if decision is None:
            self.message_user(request, _("No decision awaits confirmation."), messages.ERROR)
            return HttpResponseRedirect(self._change_url(registration))
        try:
            change = confirm_decision(decision=decision, by=request.user)
        except ReviewRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, self._confirmed_message(1, bool(change.email_id)), messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(registration))

    def turn_down_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        registration = self._registration(request, object_id)
        decision = awaiting(registration)
        form = TurnDownForm(request.POST)
        if decision is None or not form.is_valid():
            self.message_user(request, _("No decision awaits confirmation."), messages.ERROR)
            return HttpResponseRedirect(self._change_url(registration))
        try:
            turn_down_decision(decision=decision, by=request.user, comment=form.cleaned_data["comment"])
        except ReviewRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(
                request,
                _("The proposed decision was not confirmed; the registration stays “%(status)s”.")
                % {"status": registration.get_status_display()},
                messages.SUCCESS,
            )
        return HttpResponseRedirect(self._change_url(registration))

    def bulk_confirm(self, request, queryset):
        """The confirmation page listing the decisions awaiting confirmation, and confirming them."""
        decisions = list(
            Decision.objects.filter(registration__in=queryset, state=Decision.State.PROPOSED)
            .select_related("registration", "proposed_by")
            .order_by("registration__reference")
        )
        if "confirm" in request.POST:
            self._confirm_each(request, decisions)
            return None  # back to the list
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Confirm the proposed decisions"),
            "decisions": decisions,
            "selected": queryset.count(),
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "selected_ids": [str(pk) for pk in queryset.values_list("pk", flat=True)],
        }
        return TemplateResponse(request, "admin/registrations/registration/confirm_decisions.html", context)

    def _confirm_each(self, request, decisions: list[Decision]) -> None:
        confirmed = emailed = 0
        for decision in decisions:
            try:
                change = confirm_decision(decision=decision, by=request.user)
            except ReviewRefused as refusal:
                self.message_user(request, str(refusal), messages.WARNING)
            else:
                confirmed += 1
                emailed += bool(change.email_id)
        if confirmed:
            self.message_user(request, self._confirmed_message(confirmed, bool(emailed)), messages.SUCCESS)

    @staticmethod
    def _confirmed_message(count: int, emailed: bool) -> str:
        if emailed:
            text = ngettext(
                "%(count)d decision confirmed; the applicant will be emailed.",
                "%(count)d decisions confirmed; the applicants will be emailed.",
                count,
            )
        else:
            text = ngettext("%(count)d decision confirmed.", "%(count)d decisions confirmed.", count)
        return text % {"count": count}
