import json

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from consortium.ratelimit import limit_posts
from consortium.tokens import hash_token
from events import selectors
from events.forms import SignupForm, render_blank
from events.models import Meeting, Signup
from events.services import (
    CancellationRefused,
    ModeNotOffered,
    SignupClosed,
    cancel_signup,
    sign_up,
    signup_closed_message,
)

# The address this browser last signed up with, per meeting: the next page says where the email went.
# What this browser last signed up for, per meeting (the address and the outcome), for the page that follows: a
# signed cookie of the browser's own, kept for an hour, rather than a session row written for every signup.
SIGNED_UP = "events_signed_up"
SIGNED_UP_FOR = 60 * 60
PAST_SHOWN = 20


@require_GET
def meeting_list(request):
    now = timezone.now()
    return render(
        request,
        "events/meeting_list.html",
        {
            "upcoming": selectors.upcoming_meetings(now=now),
            "past": selectors.past_meetings(now=now)[:PAST_SHOWN],
        },
    )


@require_http_methods(["GET", "POST"])
@limit_posts
def meeting_detail(request, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    now = timezone.now()
    context = {"meeting": meeting, "ended": meeting.has_ended(now)}
    if not meeting.accepts_signups(now):
        context.update(closed=signup_closed_message(meeting, now), refused=request.method == "POST")
        return _meeting_page(request, context)

    # Checking an answer needs only the ways of attending offered; the seats left are counted for the page.
    form = SignupForm(request.POST if request.method == "POST" else None, modes=meeting.modes)
    if form.is_bound and form.is_valid():
        try:
            result = sign_up(meeting=meeting, now=now, **form.signup_data())
        except SignupClosed as closed:
            context.update(closed=str(closed), refused=True)
            return _meeting_page(request, context)
        except ModeNotOffered as refused:
            form.add_error("mode", str(refused))
        else:
            # The same page follows a new signup and a repeated one: it must not tell them apart.
            outcome = {
                "email": form.cleaned_data["email"],
                "status": result.placement.status,
                "position": result.placement.waitlist_position,
            }
            signed_up = {**_signed_up(request), meeting.slug: outcome}
            response = redirect("events:signed_up", slug=meeting.slug)
            response.set_signed_cookie(
                SIGNED_UP,
                json.dumps(dict(list(signed_up.items())[-10:])),
                salt=SIGNED_UP,
                max_age=SIGNED_UP_FOR,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
            return response
    context["form"] = form
    return _meeting_page(request, context)


def _meeting_page(request, context: dict):
    context["seats"] = selectors.seats(context["meeting"])
    if (form := context.get("form")) and not form.is_bound:
        context["form_html"] = render_blank(form, context["meeting"])
    return render(request, "events/meeting_detail.html", context)


@never_cache
@require_GET
def signed_up(request, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    outcome = _signed_up(request).get(meeting.slug)
    return render(request, "events/signed_up.html", {"meeting": meeting, "outcome": outcome or {}})


def _signed_up(request) -> dict:
    value = request.get_signed_cookie(SIGNED_UP, default=None, salt=SIGNED_UP, max_age=SIGNED_UP_FOR)
    try:
        signed_up = json.loads(value) if value else {}
    except ValueError:
        return {}
    return signed_up if isinstance(signed_up, dict) else {}


@never_cache
@require_http_methods(["GET", "POST"])
@limit_posts
def cancel(request, token):
    signup = (
        Signup.objects.select_related("meeting").filter(cancel_links__token_hash=hash_token(token)).first()
    )
    if signup is None:
        return render(request, "events/link_not_valid.html", status=404)
    now = timezone.now()
    if request.method == "POST" and signup.is_live:
        try:
            cancel_signup(signup=signup, now=now)
        except CancellationRefused:
            pass  # the page below explains that the meeting has started
        else:
            messages.success(
                request, _("Your signup has been cancelled. We have sent a confirmation by email.")
            )
            return redirect("events:cancel", token=token)
    return render(
        request,
        "events/cancel.html",
        {
            "signup": signup,
            "meeting": signup.meeting,
            "can_cancel": signup.is_live and not signup.meeting.has_started(now),
            "limited": signup.meeting.capacity_for(signup.mode) is not None,
        },
    )
