"""The outgoing mail in the admin: django-post-office's pages, with "send again" done safely.

post_office resends on a GET (a link from another site would do it) and sends the stored copy, whose private
links were removed once it went out. Here "send again" is a POST that puts the message back in the outbox, where
it is rendered again, links included; only a message stored whole by an older version of the outbox, whose
private link is gone, is not sent again: the copy would carry a dead link.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from post_office.admin import EmailAdmin
from post_office.models import STATUS, Email

from consortium.mail import enqueue_delivery, is_recipe
from consortium.tokens import has_redacted_links


def send_again(emails: list[Email]) -> list[Email]:
    """Put `emails` back in the outbox: rendered again when sent, links included. A message stored whole (before
    the outbox kept what each says) whose private links were removed stays out; returns those left out."""
    kept = [email for email in emails if cannot_be_rendered_again(email)]
    again = [email.pk for email in emails if email not in kept]
    Email.objects.filter(pk__in=again).update(
        status=STATUS.queued, scheduled_time=None, number_of_retries=0, last_updated=timezone.now()
    )
    for email_id in again:
        transaction.on_commit(lambda email_id=email_id: enqueue_delivery(email_id))
    return kept


def cannot_be_rendered_again(email: Email) -> bool:
    return not is_recipe(email) and has_redacted_links(email.message)


admin.site.unregister(Email)


@admin.register(Email)
class OutboxEmailAdmin(EmailAdmin):
    change_form_template = "admin/post_office/email/change_form.html"
    actions = ["send_again_action"]

    def get_urls(self):
        urls = [url for url in super().get_urls() if url.name != "resend"]
        resend = path("<int:pk>/resend/", self.admin_site.admin_view(self.resend), name="resend")
        return [resend, *urls]

    @admin.action(description=gettext_lazy("Send the selected emails again"), permissions=["change"])
    def send_again_action(self, request, queryset):
        emails = list(queryset)
        with transaction.atomic():
            kept = send_again(emails)
        self._report(request, sent=len(emails) - len(kept), kept=kept)

    @staticmethod
    def _report(request, *, sent: int, kept: list[Email]) -> None:
        if sent:
            messages.success(
                request,
                ngettext(
                    "%(count)s email is back in the outbox.", "%(count)s emails are back in the outbox.", sent
                )
                % {"count": sent},
            )
        if kept:
            messages.warning(
                request,
                ngettext(
                    "Not sent again: %(count)s email whose private link was removed once it was sent. A copy "
                    "would carry a dead link; the person can ask for a new link on the form.",
                    "Not sent again: %(count)s emails whose private link was removed once they were sent. A copy "
                    "would carry a dead link; the person can ask for a new link on the form.",
                    len(kept),
                )
                % {"count": len(kept)},
            )

    def resend(self, request, pk):
        """GET asks, POST (with its CSRF token) puts the message back in the outbox."""
        email = get_object_or_404(Email, pk=pk)
        if not self.has_change_permission(request, email):
            raise PermissionDenied
        if request.method == "POST":
            with transaction.atomic():
                kept = send_again([email])
            self._report(request, sent=1 - len(kept), kept=kept)
            return HttpResponseRedirect(reverse("admin:post_office_email_change", args=[email.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send this email again?"),
            "email": email,
            "has_dead_link": cannot_be_rendered_again(email),
            "opts": self.opts,
        }
        return TemplateResponse(request, "admin/post_office/email/resend.html", context)
