from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationStackedInline

from consortium.translated import localized_names
from consortium.translation_admin import ContentAdmin, language_fieldsets
from registrations.admin.history import ReadOnlyHistoryAdmin
from registrations.models import Criterion, Organisation, RegistrationCall


class CriterionInline(TranslationStackedInline):
    """What staff score the call's registrations on; a criterion already scored cannot be deleted."""

    model = Criterion
    extra = 0
    fields = ["position", "title", "description"]


@admin.register(RegistrationCall)
class RegistrationCallAdmin(ContentAdmin):
    list_display = ["title", "opens_at", "closes_at", "is_demo", "last_reference_number"]
    list_filter = ["is_demo"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["last_reference_number"]
    search_fields = [*localized_names("title"), "slug"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "slug",
                    "opens_at",
                    "closes_at",
                    "countries",
                    "decisions_expected_by",
                    "reference_prefix",
                    "is_demo",
                ]
            },
        ),
        *language_fieldsets("title", "description"),
        (_("Staff only"), {"fields": ["staff_notes", "last_reference_number"]}),
    ]
    inlines = [CriterionInline]


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyHistoryAdmin):
    """The organisations behind registrations; what each registration says about its organisation is on the
    registration's page, as it was submitted."""

    list_display = ["legal_name", "country", "registration_code", "registration_count"]
    list_filter = ["country"]
    search_fields = ["legal_name", "registration_code", "registrations__legal_name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(registration_count=Count("registrations"))

    @admin.display(description=_("registrations"), ordering="registration_count")
    def registration_count(self, organisation):
        return organisation.registration_count
