"""The admin of content written per language: every language of a record on one page, Lithuanian required."""

from django.conf import settings
from django.utils.text import capfirst
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


def language_fieldsets(*fields: str) -> list[tuple]:
    """Admin fieldsets with one section per language, each holding `fields` in that language."""
    return [
        (capfirst(name), {"fields": [build_localized_fieldname(field, code) for field in fields]})
        for code, name in settings.LANGUAGES
    ]


class ContentAdmin(TranslationAdmin):
    """A text that must exist is required in Lithuanian: every other language falls back to it when left empty."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        for field in translator.get_options_for_model(self.model).fields:
            name = build_localized_fieldname(field, default)
            if name in form.base_fields and not self.model._meta.get_field(field).blank:
                form.base_fields[name].required = True
        return form
