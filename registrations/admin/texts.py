from django.contrib import admin

from consortium.translated import localized_names
from consortium.translation_admin import ContentAdmin, language_fieldsets
from registrations.models import MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(ContentAdmin):
    """One page per status with the subject and text in every language."""

    list_display = ["status", "subject", "updated_at"]
    search_fields = [*localized_names("subject"), *localized_names("body")]
    fieldsets = [(None, {"fields": ["status"]}), *language_fieldsets("subject", "body")]
