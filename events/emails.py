"""What the emails to a meeting's attendee say: their context and calendar file, built when each is sent.

The outbox stores a template, a language and a few parameters (consortium.mail.queue_email); `to_attendee`, named
by its dotted path there, turns them back into the template's context in the worker.
"""

from django.conf import settings
from django.utils import timezone

from consortium.mail import Attachment
from events import ics
from events.models import AttendanceMode, Signup, SignupStatus
from events.services import CHANGE_LABELS, cancel_path, cancel_token, meeting_url


def to_attendee(params: dict) -> tuple[dict, list[Attachment]]:
    signup = Signup.objects.select_related("meeting").get(pk=params["signup"])
    # The seat or the place on the waiting list the email is about, as it was when the email was written.
    signup.status, signup.waitlist_position = params["status"], params["position"]
    meeting = signup.meeting
    confirmed = signup.status == SignupStatus.CONFIRMED
    page = meeting_url(meeting, signup.language)
    context = {
        "signup": signup,
        "meeting": meeting,
        "meeting_url": page,
        "confirmed": confirmed,
        # Only a limited number of seats has a waiting list to give a freed seat to.
        "limited": meeting.capacity_for(signup.mode) is not None,
        # The join link goes to confirmed online attendees only: the rest of the world never sees it.
        "join_url": meeting.join_url if confirmed and signup.mode == AttendanceMode.ONLINE else "",
    }
    if params["link"]:
        context["cancel_url"] = settings.PORTAL_BASE_URL + cancel_path(cancel_token(signup), signup.language)
    if changes := params.get("changes"):
        context["changes"] = list(dict.fromkeys(CHANGE_LABELS[name] for name in changes))
    attachments = []
    if confirmed and params["calendar"]:
        content = ics.meeting_ics(meeting=meeting, mode=signup.mode, meeting_url=page, now=timezone.now())
        attachments.append(Attachment(ics.filename(meeting), content, ics.MIMETYPE))
    return context, attachments
