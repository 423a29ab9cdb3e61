from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from registrations.models import Organisation, Registration, RegistrationCall


@admin.register(RegistrationCall)
class RegistrationCallAdmin(admin.ModelAdmin):
    list_display = ["title", "opens_at", "closes_at", "is_demo", "last_reference_number"]
    list_filter = ["is_demo"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["last_reference_number"]
    search_fields = ["title", "slug"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["legal_name", "country", "registration_code", "vat_code", "organisation_type", "size"]
    list_filter = ["country", "organisation_type", "size"]
    search_fields = ["legal_name", "registration_code", "vat_code"]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ["reference", "organisation", "contact_email", "status", "submitted_at"]
    list_filter = ["status", "call"]
    list_select_related = ["organisation"]
    search_fields = [
        "reference",
        "organisation__legal_name",
        "organisation__registration_code",
        "contact_email",
    ]
    date_hierarchy = "submitted_at"
    readonly_fields = [
        "call",
        "organisation",
        "reference",
        "language",
        "privacy_notice_version",
        "privacy_consented_at",
        "submitted_at",
        "updated_at",
        "withdrawn_at",
    ]
    fieldsets = [
        (None, {"fields": ["reference", "call", "organisation", "status", "language"]}),
        (
            _("Contact person"),
            {"fields": ["contact_name", "contact_job_title", "contact_email", "contact_phone"]},
        ),
        (
            _("Answers"),
            {
                "fields": [
                    "participation",
                    "statement",
                    "compute_needs",
                    "investment_range",
                    "share_contact_consent",
                ]
            },
        ),
        (
            _("Record"),
            {
                "fields": [
                    "privacy_notice_version",
                    "privacy_consented_at",
                    "submitted_at",
                    "updated_at",
                    "withdrawn_at",
                ]
            },
        ),
    ]
