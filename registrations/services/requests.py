"""One request for more information, to many applicants in their own languages.

Staff write the question once, in whatever language they work in. Each applicant's email is the email text for
"needs information" in the language they registered in, with the question quoted as staff wrote it in place of
its {question}; where staff also wrote the question in an applicant's language, that version is quoted instead.
Each registration moves in a transaction of its own (registrations.services.review.change_status): one that
cannot be asked leaves the others asked.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from registrations.email_texts import Draft, draft_from, fill_placeholders
from registrations.models import Registration, Status, StatusChange
from registrations.selectors import message_template
from registrations.services.review import ReviewRefused, change_status

QUESTION = "{question}"


@dataclass(frozen=True)
class Asked:
    """What became of one registration of a request: its move, or why it was not asked."""

    registration: Registration
    change: StatusChange | None = None
    refusal: str = ""


def request_information(
    *,
    registrations: list[Registration],
    by: AbstractBaseUser,
    question: str,
    reopened_until: datetime,
    translations: dict[str, str] | None = None,
    frames: dict[str, Draft] | None = None,
    send_email: bool = True,
    comment: str = "",
    now: datetime | None = None,
) -> list[Asked]:
    """Ask the applicants of `registrations` `question`, each until `reopened_until`.

    `translations` holds the question in other languages, by language code; `frames` the email texts staff
    approved, by language (the default "needs information" text where none is given). With `send_email` off,
    the registrations move and nobody is emailed.
    """
    question = question.strip()
    if send_email and not question:
        raise ReviewRefused(_("Write the question to the applicants."))
    template = message_template(status=Status.NEEDS_INFORMATION)
    asked = []
    for registration in registrations:
        draft = Draft("", "")
        if send_email:
            frame = (frames or {}).get(registration.language) or draft_from(template, registration.language)
            draft = compose_request(
                registration, frame=frame, question=question, translations=translations or {}
            )
        try:
            change = change_status(
                registration=registration,
                to=Status.NEEDS_INFORMATION,
                by=by,
                subject=draft.subject,
                message=draft.body,
                comment=comment,
                reopened_until=reopened_until,
                now=now,
            )
        except ReviewRefused as refusal:
            asked.append(Asked(registration, refusal=str(refusal)))
        else:
            asked.append(Asked(registration, change=change))
    return asked


def compose_request(
    registration: Registration, *, frame: Draft, question: str, translations: dict[str, str]
) -> Draft:
    """The email to one applicant: `frame` in their language, the question quoted where it says {question} (or
    after the text, should the text staff use have lost its placeholder)."""
    quoted = (translations.get(registration.language) or "").strip() or question
    body = frame.body if QUESTION in frame.body else f"{frame.body.rstrip()}\n\n{QUESTION}"
    return Draft(
        fill_placeholders(frame.subject, registration),
        fill_placeholders(body, registration, question=quoted),
    )
