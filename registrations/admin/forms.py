from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from registrations.email_texts import Draft
from registrations.models import NOTIFYING_STATUSES, Registration, Status
from registrations.scoring import HIGHEST, LOWEST
from registrations.services.assessment import Mark

LANGUAGE_NAMES = dict(settings.LANGUAGES)
# How long applicants get for corrections unless staff choose otherwise.
DEFAULT_CORRECTION_DAYS = 7


def vilnius_today() -> date:
    return timezone.localtime(timezone.now(), ZoneInfo(settings.TIME_ZONE)).date()


class StatusChangeForm(forms.Form):
    """What staff decide with a move: an internal comment and, for some moves, the email and a date.

    The email has one subject and text per language of the registrations being moved.
    """

    comment = forms.CharField(
        label=_("Internal comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Kept in the status history for staff; never sent to the applicant."),
    )
    send_email = forms.BooleanField(label=_("Email the applicant"), required=False, initial=True)
    reopened_until = forms.DateField(
        label=_("The applicant can make corrections until (inclusive)"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Vilnius time, to the end of the day. The applicant's link works until then."),
    )

    question = forms.CharField(
        label=_("Your question"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "Write it once, in any language: each applicant gets it quoted as you wrote it, in an email written "
            "in their own language (the texts below; {question} marks where it goes)."
        ),
    )

    def __init__(self, *args, to: Status, drafts: dict[str, Draft], **kwargs):
        super().__init__(*args, **kwargs)
        self.to = to
        self.languages = sorted(drafts)
        if to != Status.NEEDS_INFORMATION:
            del self.fields["reopened_until"]
            del self.fields["question"]
        else:
            self.fields["reopened_until"].initial = vilnius_today() + timedelta(days=DEFAULT_CORRECTION_DAYS)
            for language in self.languages:
                self.fields[f"question_{language}"] = forms.CharField(
                    label=_("The question in %(language)s")
                    % {"language": LANGUAGE_NAMES.get(language, language)},
                    required=False,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
        if to not in NOTIFYING_STATUSES:
            del self.fields["send_email"]
            return
        for language, draft in sorted(drafts.items()):
            name = LANGUAGE_NAMES.get(language, language)
            self.fields[f"subject_{language}"] = forms.CharField(
                label=_("Subject (%(language)s)") % {"language": name},
                required=False,
                max_length=200,
                initial=draft.subject,
            )
            self.fields[f"message_{language}"] = forms.CharField(
                label=_("Message (%(language)s)") % {"language": name},
                required=False,
                initial=draft.body,
                widget=forms.Textarea(attrs={"rows": 12}),
            )

    @property
    def sends_email(self) -> bool:
        return bool(self.cleaned_data.get("send_email"))

    def message_fields(self):
        return [self[name] for name in self.fields if name.startswith(("subject_", "message_"))]

    def question_fields(self):
        """The question in other languages, for applicants writing in them (optional)."""
        return [self[name] for name in self.fields if name.startswith("question_")]

    def translations(self) -> dict[str, str]:
        return {language: self.cleaned_data.get(f"question_{language}", "") for language in self.languages}

    def clean_reopened_until(self):
        day = self.cleaned_data["reopened_until"]
        if day < vilnius_today():
            raise forms.ValidationError(_("Choose today or a later date."))
        return day

    def clean(self):
        data = super().clean()
        if data.get("send_email") and "question" in self.fields and not data.get("question", "").strip():
            self.add_error("question", _("Write the question to the applicants."))
        if data.get("send_email"):
            for language in self.languages:
                for field in (f"subject_{language}", f"message_{language}"):
                    if not data.get(field, "").strip():
                        self.add_error(field, _("Write the email, or untick “Email the applicant”."))
        return data

    def draft(self, language: str) -> Draft:
        """The subject and text for an applicant writing in `language`; empty when no email is to be sent."""
        if not self.sends_email:
            return Draft("", "")
        return Draft(self.cleaned_data[f"subject_{language}"], self.cleaned_data[f"message_{language}"])

    def reopened_until_moment(self) -> datetime | None:
        """The first moment after the chosen day, Vilnius time: like a call's close, the whole day counts."""
        day = self.cleaned_data.get("reopened_until")
        if day is None:
            return None
        return datetime.combine(day + timedelta(days=1), time(0), tzinfo=ZoneInfo(settings.TIME_ZONE))


class RegistrationAdminForm(forms.ModelForm):
    """A registration's page, which refuses to save over a change made since it was opened (by the applicant,
    a review move or another staff member): the page carries the version it showed."""

    loaded_version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["loaded_version"].initial = version_of(self.instance.updated_at)

    def clean(self):
        data = super().clean()
        if self.instance.pk:
            # Locked until the admin's transaction commits the save, so that no change slips in between.
            current = (
                Registration.objects.select_for_update()
                .values_list("updated_at", flat=True)
                .get(pk=self.instance.pk)
            )
            if data.get("loaded_version") != version_of(current):
                raise forms.ValidationError(changed_meanwhile(self.instance.pk), code="stale")
        return data


def version_of(updated_at: datetime) -> str:
    return updated_at.isoformat()


def changed_meanwhile(registration_id: int) -> str:
    latest = Registration.history.filter(id=registration_id).select_related("history_user").first()
    who = (
        (latest.history_user.get_full_name() or latest.history_user.get_username())
        if latest and latest.history_user
        else _("the applicant or the portal")
    )
    return _(
        "This registration was changed by %(who)s after you opened this page. Nothing has been saved, so that "
        "their change is not overwritten: open the registration again to see it, then make your changes again."
    ) % {"who": who}


class NoteForm(forms.Form):
    # The note box is part of the registration page's form: its name must not clash with a field's.
    PREFIX = "note"

    text = forms.CharField(
        label=_("New internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("Seen by staff only; never shown or sent to the applicant."),
        error_messages={"required": _("Write the note before saving it.")},
    )


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class AssignForm(forms.Form):
    assignee = StaffChoiceField(
        label=_("Assigned to"),
        queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("Nobody"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = (
            get_user_model()
            .objects.filter(is_staff=True, is_active=True)
            .order_by("first_name", "last_name", "username")
        )


class ScoreForm(forms.Form):
    """A staff member's scores of a registration: each criterion of its call from 1 to 5, with a comment."""

    def __init__(self, *args, criteria, own=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        given = {score.criterion_id: score for score in own.scores.all()} if own else {}
        for criterion in criteria:
            earlier = given.get(criterion.pk)
            self.fields[f"score_{criterion.pk}"] = forms.TypedChoiceField(
                label=criterion.title,
                choices=[(value, str(value)) for value in range(LOWEST, HIGHEST + 1)],
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "review-scale"}),
                initial=earlier.value if earlier else None,
                error_messages={"required": _("Choose a score from 1 to 5.")},
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("Comment"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=earlier.comment if earlier else "",
            )

    def rows(self):
        return [(c, self[f"score_{c.pk}"], self[f"comment_{c.pk}"]) for c in self.criteria]

    def marks(self) -> dict[int, Mark]:
        return {
            c.pk: Mark(self.cleaned_data[f"score_{c.pk}"], self.cleaned_data[f"comment_{c.pk}"])
            for c in self.criteria
        }
