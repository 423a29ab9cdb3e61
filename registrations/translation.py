"""What staff write per language in this app (django-modeltranslation adds a column per language)."""

from modeltranslation.translator import TranslationOptions, register

from registrations.models import Criterion, MessageTemplate, RegistrationCall


@register(RegistrationCall)
class RegistrationCallTranslation(TranslationOptions):
    fields = ("title", "description")


@register(MessageTemplate)
class MessageTemplateTranslation(TranslationOptions):
    fields = ("subject", "body")


@register(Criterion)
class CriterionTranslation(TranslationOptions):
    fields = ("title", "description")
