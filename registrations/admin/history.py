from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper


class ReadableHistory(HistoricalRecordContextHelper):
    """Changes shown as staff know them: "Submitted → Under review", a person's name, not stored codes."""

    def prepare_delta_change_value(self, change, value):
        field = self.model._meta.get_field(change.field)
        if field.many_to_many:
            return super().prepare_delta_change_value(change, value)
        if value is None or value == "":
            return "–"
        if field.choices:
            return str(dict(field.flatchoices).get(value, value))
        if field.many_to_one:
            related = field.related_model._default_manager.filter(pk=value).first()
            return str(related) if related is not None else value
        return value


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    """Every earlier version can be read; none can be restored, because that would skip the review rules."""

    object_history_template = "admin/registrations/history.html"
    object_history_list_template = "admin/registrations/history_list.html"

    def get_historical_record_context_helper(self, request, historical_record):
        return ReadableHistory(self.model, historical_record)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True
