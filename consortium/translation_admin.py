"""The admin of content written per language: every language of a record on one page, Lithuanian required."""

from django.conf import settings
from django.contrib.admin import widgets
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.translator import translator
from modeltranslation.utils import build_localized_fieldname


def language_fieldsets(*fields: str) -> list[tuple]:
    """Admin fieldsets with one section per language, each holding `fields` in that language."""
    return [
        (capfirst(name), {"fields": [build_localized_fieldname(field, code) for field in fields]})
        for code, name in settings.LANGUAGES
    ]


class LabelledDateTimesMixin:
    """Django's date-and-time fields are two boxes under one label, which names only the first: each box gets a
    name of its own ("Starts at: date", "Starts at: time") for screen readers."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        formfield = super().formfield_for_dbfield(db_field, request, **kwargs)
        if formfield is not None and isinstance(formfield.widget, widgets.AdminSplitDateTime):
            field = capfirst(formfield.label)
            formfield.widget.template_name = "consortium/widgets/split_datetime.html"
            date_box, time_box = formfield.widget.widgets
            date_box.attrs["aria-label"] = _("%(field)s: date") % {"field": field}
            time_box.attrs["aria-label"] = _("%(field)s: time") % {"field": field}
        return formfield


class ContentAdmin(LabelledDateTimesMixin, TranslationAdmin):
    """A text that must exist is required in Lithuanian: every other language falls back to it when left empty."""

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        default = settings.MODELTRANSLATION_DEFAULT_LANGUAGE
        for field in translator.get_options_for_model(self.model).fields:
            name = build_localized_fieldname(field, default)
            if name in form.base_fields and not self.model._meta.get_field(field).blank:
                form.base_fields[name].required = True
        return form
