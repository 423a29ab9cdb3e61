import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consortium.ratelimit import limit_posts
from consortium.tokens import hash_token
from registrations.forms import RegistrationChangeForm, RegistrationForm, render_blank
from registrations.models import Registration, RegistrationCall
from registrations.selectors import current_call
from registrations.services import (
    RegistrationClosed,
    RegistrationLocked,
    call_window_message,
    submit_registration,
    update_registration,
    withdraw_registration,
)

# References of the registrations this browser submitted: only they may see their confirmation page.
SUBMITTED_REFERENCES = "submitted_references"


@require_http_methods(["GET", "POST"])
@limit_posts
def register(request):
    now = timezone.now()
    if request.method == "POST":
        # The form names its call, so that a form opened before the close and posted after it is refused.
        call = RegistrationCall.objects.filter(slug=request.POST.get("call", "")).first() or current_call(
            now=now
        )
    else:
        call = current_call(now=now)
    if call is None:
        return render(request, "registrations/closed.html", {"call": None})
    if request.method == "GET" and not call.is_open(now):
        return render(
            request, "registrations/closed.html", {"call": call, "message": call_window_message(call, now)}
        )

    form = RegistrationForm(request.POST or None, initial={"submission_key": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        try:
            submission = submit_registration(
                call=call,
                organisation=form.organisation_data(),
                answers=form.registration_data(),
                language=request.LANGUAGE_CODE,
                submission_key=form.cleaned_data["submission_key"],
                now=now,
            )
        except RegistrationClosed as closed:
            return render(
                request, "registrations/closed.html", {"call": call, "message": str(closed), "refused": True}
            )
        if submission.outcome == "duplicate":
            return redirect("registrations:already_registered")
        reference = submission.registration.reference
        request.session[SUBMITTED_REFERENCES] = [
            *request.session.get(SUBMITTED_REFERENCES, [])[-9:],
            reference,
        ]
        return redirect("registrations:done", reference=reference)
    form_html = None if form.is_bound else render_blank(form)
    return render(
        request, "registrations/register.html", {"form": form, "form_html": form_html, "call": call}
    )


@never_cache
def done(request, reference):
    if reference not in request.session.get(SUBMITTED_REFERENCES, []):
        raise Http404
    registration = get_object_or_404(Registration.objects.select_related("call"), reference=reference)
    return render(request, "registrations/done.html", {"registration": registration})


def already_registered(request):
    return render(request, "registrations/already_registered.html")


def _registration_for(token: str) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("call", "organisation").prefetch_related("participation"),
        edit_links__token_hash=hash_token(token),
    )


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts
def edit(request, token):
    registration = _registration_for(token)
    now = timezone.now()
    if not registration.can_be_changed(now):
        return render(request, "registrations/locked.html", {"registration": registration})
    initial = RegistrationChangeForm.initial_for(registration)
    form = RegistrationChangeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            update_registration(
                registration=registration,
                organisation=form.organisation_data(),
                answers=form.registration_data(),
                now=now,
            )
        except RegistrationLocked:
            return render(request, "registrations/locked.html", {"registration": registration})
        messages.success(request, _("Your changes have been saved. We have sent a confirmation by email."))
        return redirect("registrations:edit", token=token)
    return render(
        request, "registrations/edit.html", {"form": form, "registration": registration, "token": token}
    )


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts
def withdraw(request, token):
    registration = _registration_for(token)
    now = timezone.now()
    if not registration.can_be_changed(now):
        return render(request, "registrations/locked.html", {"registration": registration})
    if request.method == "POST":
        try:
            withdraw_registration(registration=registration, now=now)
        except RegistrationLocked:
            return render(request, "registrations/locked.html", {"registration": registration})
        messages.success(
            request, _("The registration has been withdrawn. We have sent a confirmation by email.")
        )
        return redirect("registrations:edit", token=token)
    return render(request, "registrations/withdraw.html", {"registration": registration, "token": token})
