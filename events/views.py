from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from consortium.ratelimit import limit_posts
from consortium.tokens import hash_token
from events import selectors
from events.forms import SignupForm
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
SIGNED_UP = "events_signed_up"
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
            signed_up = {**request.session.get(SIGNED_UP, {}), meeting.slug: outcome}
            request.session[SIGNED_UP] = dict(list(signed_up.items())[-10:])
            return redirect("events:signed_up", slug=meeting.slug)
    context["form"] = form
    return _meeting_page(request, context)


def _meeting_page(request, context: dict):
    context["seats"] = seats = selectors.seats(context["meeting"])
    if form := context.get("form"):
        form.show_seats(seats)
    return render(request, "events/meeting_detail.html", context)


@never_cache
@require_GET
def signed_up(request, slug):
    meeting = get_object_or_404(Meeting, slug=slug)
    outcome = request.session.get(SIGNED_UP, {}).get(meeting.slug)
    if isinstance(outcome, str):  # the address alone, as sessions before the outcome was kept hold it
        outcome = {"email": outcome}
    return render(request, "events/signed_up.html", {"meeting": meeting, "outcome": outcome or {}})


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
