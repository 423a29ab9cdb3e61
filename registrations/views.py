import uuid

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from consortium.ratelimit import limit_posts
from consortium.tokens import hash_token
from consortium.uploads import refused_uploads
from registrations.forms import RegistrationChangeForm, RegistrationForm, ReplyForm, render_blank
from registrations.models import Registration, RegistrationCall
from registrations.selectors import current_call, latest_request
from registrations.services import (
    CountryNotAccepted,
    RegistrationClosed,
    RegistrationLocked,
    call_window_message,
    submit_registration,
    update_registration,
    withdraw_registration,
)
from registrations.services.replies import ReplyRefused, can_reply, send_reply

# References of the registrations this browser submitted: only they may see their confirmation page.
SUBMITTED_REFERENCES = "submitted_references"
# The answers of a form that passed its checks, kept until "Confirm and send" (or a change) on the check page.
DRAFT = "registration_draft"


@require_http_methods(["GET", "POST"])
@limit_posts
def register(request):
    """The form. Answers that pass its checks go to "check your answers"; nothing is registered here."""
    now = timezone.now()
    draft = request.session.get(DRAFT)
    if request.method == "POST":
        # The form names its call, so that a form opened before the close and posted after it is refused.
        call = RegistrationCall.objects.filter(slug=request.POST.get("call", "")).first() or current_call(
            now=now
        )
    elif draft:
        call = RegistrationCall.objects.filter(slug=draft["call"]).first() or current_call(now=now)
    else:
        call = current_call(now=now)
    if call is None:
        return render(request, "registrations/closed.html", {"call": None})
    if not call.is_open(now):
        message = call_window_message(call, now)
        refused = request.method == "POST"
        return render(
            request, "registrations/closed.html", {"call": call, "message": message, "refused": refused}
        )

    if request.method == "POST":
        form = RegistrationForm(request.POST, call=call)
        if form.is_valid():
            request.session[DRAFT] = {"call": call.slug, "answers": _answers_of(request.POST)}
            return redirect("registrations:check")
    elif draft and draft["call"] == call.slug:
        # Back from "check your answers" to change one: the form shows every answer given.
        form = RegistrationForm(MultiValueDict(draft["answers"]), call=call)
    else:
        form = RegistrationForm(initial={"submission_key": uuid.uuid4()}, call=call)
    form_html = None if form.is_bound else render_blank(form)
    return render(
        request, "registrations/register.html", {"form": form, "form_html": form_html, "call": call}
    )


def _answers_of(data) -> dict[str, list[str]]:
    return {name: data.getlist(name) for name in data if name != "csrfmiddlewaretoken"}


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts
def check(request):
    """Check your answers: every answer with a link to change it; only "Confirm and send" registers."""
    now = timezone.now()
    draft = request.session.get(DRAFT)
    if draft is None:
        return _already_sent(request)
    call = RegistrationCall.objects.filter(slug=draft["call"]).first()
    form = RegistrationForm(MultiValueDict(draft["answers"]), call=call) if call else None
    if form is None or not form.is_valid():
        return redirect("registrations:register")  # the form says what needs changing
    if request.method == "POST":
        return _confirm(request, call, form, now)
    if not call.is_open(now):
        return render(
            request, "registrations/closed.html", {"call": call, "message": call_window_message(call, now)}
        )
    return render(request, "registrations/check.html", {"form": form, "call": call})


def _confirm(request, call: RegistrationCall, form: RegistrationForm, now):
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
    except CountryNotAccepted:
        return redirect("registrations:register")  # the form shows why, beside the country
    del request.session[DRAFT]
    if submission.outcome == "duplicate":
        return redirect("registrations:already_registered")
    reference = submission.registration.reference
    request.session[SUBMITTED_REFERENCES] = [*request.session.get(SUBMITTED_REFERENCES, [])[-9:], reference]
    return redirect("registrations:done", reference=reference)


def _already_sent(request):
    """The check page again after "Confirm and send" (a second click, the back button): the confirmation of what
    this browser sent, or else the form."""
    key = request.POST.get("submission_key", "")
    try:
        sent = Registration.objects.filter(submission_key=uuid.UUID(key)).first() if key else None
    except ValueError:
        sent = None
    if sent is not None and sent.reference in request.session.get(SUBMITTED_REFERENCES, []):
        return redirect("registrations:done", reference=sent.reference)
    return redirect("registrations:register")


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
    form = RegistrationChangeForm(request.POST or None, initial=initial, call=registration.call)
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
        request,
        "registrations/edit.html",
        {
            "form": form,
            "registration": registration,
            "token": token,
            "request_for_information": latest_request(registration=registration)
            if can_reply(registration, now)
            else None,
        },
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


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts
def reply(request, token):
    """Answer a request for more information: the staff's question, a message and files."""
    registration = _registration_for(token)
    now = timezone.now()
    context = {
        "registration": registration,
        "token": token,
        "replies": registration.replies.prefetch_related("files"),
    }
    if not can_reply(registration, now):
        return render(request, "registrations/reply.html", context)
    form = ReplyForm(request.POST or None, request.FILES or None, refused=refused_uploads(request))
    if request.method == "POST" and form.is_valid():
        try:
            send_reply(
                registration=registration,
                text=form.cleaned_data["text"],
                files=form.cleaned_data["files"],
                now=now,
            )
        except ValidationError as refused:
            form.add_error("files", refused)
        except ReplyRefused as refused:
            form.add_error("text", str(refused))
        except RegistrationLocked:
            return render(request, "registrations/locked.html", {"registration": registration})
        else:
            messages.success(request, _("Your reply has been sent. We have emailed you a confirmation."))
            return redirect("registrations:reply", token=token)
    context.update(form=form, question=latest_request(registration=registration), open=True)
    return render(request, "registrations/reply.html", context)
