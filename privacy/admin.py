"""Personal-data requests: what the portal holds about an address, as JSON, and its erasure on request."""

import json

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from consortium.personal_data import email_hash, registered
from privacy.models import ErasureRecord
from privacy.services import data_for_email, describe, erase_email

PERMISSION = "privacy.handle_personal_data"


class PersonalDataRequestForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("Email address of the person"))
    confirm_erasure = forms.BooleanField(
        label=gettext_lazy("I have checked the person's identity and their request to erase these data."),
        required=False,
    )


@admin.register(ErasureRecord)
class ErasureRecordAdmin(admin.ModelAdmin):
    list_display = ["performed_at", "performed_by", "email_hash", "erased"]
    list_select_related = ["performed_by"]
    search_fields = ["email_hash"]
    change_list_template = "admin/privacy/erasurerecord/change_list.html"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # the record of an erasure is kept

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(PERMISSION)

    @admin.display(description=gettext_lazy("erased"))
    def erased(self, record):
        return describe(record.counts)

    def get_search_results(self, request, queryset, search_term):
        # Staff search by the address; only its hash is stored.
        if "@" in search_term:
            search_term = email_hash(search_term)
        return super().get_search_results(request, queryset, search_term)

    def get_urls(self):
        return [
            path(
                "request/",
                self.admin_site.admin_view(self.request_view),
                name="privacy_personal_data_request",
            ),
            *super().get_urls(),
        ]

    def request_view(self, request):
        if not request.user.has_perm(PERMISSION):
            raise PermissionDenied
        form = PersonalDataRequestForm(request.POST or None)
        context = {**self.admin_site.each_context(request), "title": _("Personal data request"), "form": form}
        if request.method == "POST" and form.is_valid():
            email = form.cleaned_data["email"]
            if "download" in request.POST:
                return self._download(email)
            if "erase" in request.POST:
                if not form.cleaned_data["confirm_erasure"]:
                    form.add_error("confirm_erasure", _("Confirm that the request has been checked."))
                else:
                    record = erase_email(email=email, by=request.user)
                    self.message_user(
                        request, _("Erased: %(what)s.") % {"what": describe(record.counts)}, messages.SUCCESS
                    )
                    return HttpResponseRedirect(reverse("admin:privacy_erasurerecord_changelist"))
            held = data_for_email(email=email)
            context["held"] = [
                (holder.describe(len(held[holder.key])), held[holder.key]) for holder in registered()
            ]
        return TemplateResponse(request, "admin/privacy/personal_data_request.html", context)

    def _download(self, email: str) -> HttpResponse:
        data = json.dumps(data_for_email(email=email), ensure_ascii=False, indent=2)
        response = HttpResponse(data, content_type="application/json; charset=utf-8")
        filename = f"personal-data-{timezone.localtime():%Y%m%d-%H%M}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
