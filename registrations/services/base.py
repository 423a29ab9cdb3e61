"""What the registration services share: locking, validated saves and the applicant's emails."""

from django.urls import reverse
from django.utils.translation import override
from post_office.models import Email

from consortium.db import validated_save
from consortium.mail import queue_email
from registrations import history
from registrations.models import EditLink, Registration


def lock(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update()
        .select_related("call", "organisation")
        .get(pk=registration.pk)
    )


def save_review_fields(registration: Registration, *fields: str) -> None:
    """Validate and save only `fields` of `registration`: staff's review changes nothing the applicant wrote.

    The applicant's answers are not checked again, so a registration whose personal data were erased (its
    contact's name, phone and statement blank) can still be moved, assigned and decided.
    """
    others = [field.name for field in registration._meta.concrete_fields if field.name not in fields]
    registration.full_clean(exclude=others, validate_unique=False, validate_constraints=False)
    registration.save(update_fields=[*fields, "updated_at"])


def save_registration(registration: Registration, participation, *, created: bool) -> None:
    """Save `registration` with its ways of taking part, as one entry in its history."""
    with history.one_entry(registration, created=created) as written:
        validated_save(registration)
        if created:  # nothing to compare with: the links are simply written, and the history told which
            through = Registration.participation.through
            links = through.objects.bulk_create(
                through(registration_id=registration.pk, participationkind_id=kind.pk)
                for kind in participation
            )
            written["participation"] = [(link.pk, link.participationkind_id) for link in links]
        else:
            registration.participation.set(participation)


def edit_token(registration: Registration) -> str:
    """The secret of the newest link already sent for `registration`, for another email to carry again; a new
    link only if none can be worked out again (links sent before these were derivable, or a new SECRET_KEY)."""
    for link in registration.edit_links.all()[:1]:
        if token := link.token():
            return token
    return EditLink.issue(registration=registration)[1]


def edit_path(token: str, language: str) -> str:
    with override(language):
        return reverse("registrations:edit", kwargs={"token": token})


def queue_registration_email(
    registration: Registration, message: str, *, link: bool = False, reply: int | None = None, **text: str
) -> Email | None:
    """Queue `registrations/email/<message>` to the contact person, in the language they registered in: with
    their private link if `link`, and `text` (staff's subject and body) as given.

    Nothing is sent once the contact's details have been erased: there is nobody left to write to.
    """
    if registration.anonymised_at is not None:
        return None
    params = {"registration": registration.pk, "status": registration.status, "link": link, "text": text}
    if reply is not None:
        params["reply"] = reply
    return queue_email(
        to=registration.contact_email,
        template=f"registrations/email/{message}",
        language=registration.language,
        build="registrations.emails.to_applicant",
        params=params,
    )
