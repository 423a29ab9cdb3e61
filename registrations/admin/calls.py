from django.contrib import admin

from registrations.admin.history import ReadOnlyHistoryAdmin
from registrations.models import Organisation, RegistrationCall


@admin.register(RegistrationCall)
class RegistrationCallAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "is_demo", "last_reference_number"]
    list_filter = ["is_demo"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["last_reference_number"]
    search_fields = ["title", "slug"]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyHistoryAdmin):
    list_display = ["legal_name", "country", "registration_code", "vat_code", "organisation_type", "size"]
    list_filter = ["country", "organisation_type", "size"]
    search_fields = ["legal_name", "registration_code", "vat_code"]
