"""Staff members as the portal writes to them: in the language they chose for the staff pages, else Lithuanian."""

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser

from consortium.models import StaffLanguage


def staff_language(user: AbstractBaseUser) -> str:
    chosen = StaffLanguage.objects.filter(user=user).values_list("language", flat=True).first()
    return chosen or settings.LANGUAGE_CODE


def remember_staff_language(*, user: AbstractBaseUser, language: str) -> None:
    if language in dict(settings.LANGUAGES):
        StaffLanguage.objects.update_or_create(user=user, defaults={"language": language})
