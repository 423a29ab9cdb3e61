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
    TO_CONFIRM = "to_confirm"

    def lookups(self, request, model_admin):
        return [
            (self.MINE, _("My queue: assigned to me, waiting for staff")),
            (self.UNASSIGNED, _("Waiting for staff, nobody assigned")),
            (self.ANSWERED, _("Answered by the applicant")),
            (self.OVERDUE, _("No answer by the deadline")),
            (self.TO_CONFIRM, _("Decisions for me to confirm")),
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
        if value == self.TO_CONFIRM:
            return queryset.to_confirm_by(request.user)
        return queryset


class ScoreFilter(admin.SimpleListFilter):
    """By scores: the averages as the staff member may see them (registrations.selectors.with_scores)."""

    title = _("scores")
    parameter_name = "scores"
    CHOICES = {
        "none": _("Not scored yet"),
        "not_mine": _("Not scored by me yet"),
        "one": _("Scored once: needs another score"),
        "high": _("Average 4 or more"),
        "middle": _("Average from 3 to 4"),
        "low": _("Average below 3"),
    }

    def lookups(self, request, model_admin):
        return list(self.CHOICES.items())

    def queryset(self, request, queryset):
        conditions = {
            "none": {"score_count": 0},
            "not_mine": {"scored_by_user": False},
            "one": {"score_count": 1},
            "high": {"score_average__gte": 4},
            "middle": {"score_average__gte": 3, "score_average__lt": 4},
            "low": {"score_average__lt": 3},
        }
        if self.value() in conditions:
            return queryset.filter(**conditions[self.value()])
        return queryset
