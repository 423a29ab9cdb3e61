from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from registrations.models import Organisation


class CountryFilter(admin.SimpleListFilter):
    """Only the countries registrations come from, not all 250."""

    title = _("country")
    parameter_name = "country"

    def lookups(self, request, model_admin):
        codes = (
            Organisation.objects.filter(registrations__isnull=False)
            .values_list("country", flat=True)
            .distinct()
            .order_by("country")
        )
        return sorted(((code, countries.name(code) or code) for code in codes), key=lambda item: str(item[1]))

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(organisation__country=self.value())
        return queryset


class AssigneeFilter(admin.SimpleListFilter):
    title = _("assigned to")
    parameter_name = "assignee"
    MINE = "mine"
    NOBODY = "nobody"

    def lookups(self, request, model_admin):
        staff = get_user_model().objects.filter(is_staff=True, is_active=True).order_by("username")
        return [
            (self.MINE, _("Me")),
            (self.NOBODY, _("Nobody")),
            *((str(user.pk), user.get_full_name() or user.get_username()) for user in staff),
        ]

    def queryset(self, request, queryset):
        value = self.value()
        if value == self.MINE:
            return queryset.filter(assignee=request.user)
        if value == self.NOBODY:
            return queryset.filter(assignee__isnull=True)
        if value and value.isdigit():
            return queryset.filter(assignee_id=int(value))
        return queryset


class QueueFilter(admin.SimpleListFilter):
    """What waits for whom: the review desk's queues (Registration.objects.waiting_for_staff and the rest)."""

    title = _("queue")
    parameter_name = "queue"
    MINE = "mine"
    UNASSIGNED = "unassigned"
    ANSWERED = "answered"
    OVERDUE = "overdue"

    def lookups(self, request, model_admin):
        return [
            (self.MINE, _("My queue: assigned to me, waiting for staff")),
            (self.UNASSIGNED, _("Waiting for staff, nobody assigned")),
            (self.ANSWERED, _("Answered by the applicant")),
            (self.OVERDUE, _("No answer by the deadline")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        value = self.value()
        if value == self.MINE:
            return queryset.waiting_for_staff(now).filter(assignee=request.user)
        if value == self.UNASSIGNED:
            return queryset.waiting_for_staff(now).filter(assignee__isnull=True)
        if value == self.ANSWERED:
            return queryset.answered()
        if value == self.OVERDUE:
            return queryset.overdue(now)
        return queryset
