"""Scoring on the registration's page, and the scores in the list. The rules are registrations.services.assessment's,
who sees what is registrations.selectors.scores_of's."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from registrations.admin.forms import ScoreForm
from registrations.models import DECIDED, Registration
from registrations.selectors import scores_of
from registrations.services.assessment import submit_assessment
from registrations.services.review import ReviewRefused


class AssessmentMixin:
    """Mixed into RegistrationAdmin, after ReviewMixin (whose helpers it uses)."""

    def has_score_registration_permission(self, request) -> bool:
        return request.user.has_perm("registrations.score_registration")

    def get_urls(self):
        view = self.admin_site.admin_view
        prefix = f"{self.opts.app_label}_{self.opts.model_name}"
        return [
            path("<path:object_id>/assess/", view(self.assess_view), name=f"{prefix}_assess"),
            *super().get_urls(),
        ]

    def assessment_context(self, request, registration: Registration, form: ScoreForm | None = None) -> dict:
        scores = scores_of(registration=registration, user=request.user)
        can_score = (
            self.has_score_registration_permission(request)
            and registration.status not in DECIDED
            and bool(scores.criteria)
        )
        if can_score and form is None:
            form = ScoreForm(criteria=scores.criteria, own=scores.own)
        return {
            "scores": scores,
            "score_form": form if can_score else None,
            "score_url": self._url("assess", registration.pk),
        }

    def assess_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_score_registration_permission(request):
            raise PermissionDenied
        registration = self._registration(request, object_id)
        form = ScoreForm(request.POST, criteria=list(registration.call.criteria.all()))
        if not form.is_valid():
            self.message_user(request, _("Score every criterion from 1 to 5."), messages.ERROR)
            return HttpResponseRedirect(self._change_url(registration) + "#assessment")
        try:
            submit_assessment(registration=registration, reviewer=request.user, marks=form.marks())
        except ReviewRefused as refusal:
            self.message_user(request, str(refusal), messages.ERROR)
        else:
            self.message_user(request, _("Your scores have been saved."), messages.SUCCESS)
        return HttpResponseRedirect(self._change_url(registration) + "#assessment")

    @admin.display(description=gettext_lazy("score"), ordering="score_sort")
    def score(self, registration):
        count = registration.score_count
        if not count:
            return "–"
        counted = ngettext("%(count)d score", "%(count)d scores", count) % {"count": count}
        if registration.score_average is None:
            return format_html(
                '<span title="{}">? <span class="portal-secondary">({})</span></span>',
                _("You see the average once you have given your own scores."),
                counted,
            )
        return format_html(
            '{} <span class="portal-secondary">({})</span>',
            number_format(round(registration.score_average, 1), 1),
            counted,
        )
