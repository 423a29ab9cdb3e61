from django.contrib import admin

from registrations.models import MessageTemplate


@admin.register(MessageTemplate)
class MessageTemplateAdmin(admin.ModelAdmin):
    list_display = ["status", "language", "subject", "updated_at"]
    list_filter = ["status", "language"]
    search_fields = ["subject", "body"]
    fields = ["status", "language", "subject", "body"]
