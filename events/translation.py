"""What staff write per language about meetings (django-modeltranslation adds a column per language)."""

from modeltranslation.translator import TranslationOptions, register

from events.models import Meeting


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    fields = ("title", "description", "venue", "online_instructions")
