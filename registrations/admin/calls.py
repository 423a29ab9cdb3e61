from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from consortium.translated import localized_names
from consortium.translation_admin import ContentAdmin, language_fieldsets
from registrations.admin.history import ReadOnlyHistoryAdmin
from registrations.models import Organisation, RegistrationCall


@admin.register(RegistrationCall)
class RegistrationCallAdmin(ContentAdmin):
    list_display = ["title", "opens_at", "closes_at", "is_demo", "last_reference_number"]
    list_filter = ["is_demo"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["last_reference_number"]
    search_fields = [*localized_names("title"), "slug"]
    fieldsets = [
        (None, {"fields": ["slug", "opens_at", "closes_at", "reference_prefix", "is_demo"]}),
        *language_fieldsets("title", "description"),
        (_("Staff only"), {"fields": ["staff_notes", "last_reference_number"]}),
    ]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["legal_name", "country", "registration_code", "vat_code", "organisation_type", "size"]
    list_filter = ["country", "organisation_type", "size"]
    search_fields = ["legal_name", "registration_code", "vat_code"]
