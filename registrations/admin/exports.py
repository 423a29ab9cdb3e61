"""Export the registrations the list shows (its filters, search and order) as CSV or XLSX."""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect, StreamingHttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from registrations.exports import COMMA, SEMICOLON, csv_stream, xlsx_file

logger = logging.getLogger(__name__)
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# The CSV's separator by the export's name: commas, or semicolons as Excel in Lithuanian expects.
CSV_SEPARATORS = {"csv": COMMA, "csv-semicolon": SEMICOLON}


class ExportMixin:
    """Mixed into RegistrationAdmin."""

    def has_export_registration_permission(self, request) -> bool:
        return request.user.has_perm("registrations.export_registration")

    def get_urls(self):
        return [
            path(
                "export/<str:file_format>/",
                self.admin_site.admin_view(self.export_view),
                name=f"{self.opts.app_label}_{self.opts.model_name}_export",
            ),
            *super().get_urls(),
        ]

    def export_view(self, request, file_format):
        if file_format not in (*CSV_SEPARATORS, "xlsx"):
            raise Http404
        if not self.has_export_registration_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            self.message_user(
                request, _("These filters cannot be exported; choose them again."), messages.ERROR
            )
            return HttpResponseRedirect(
                reverse(f"admin:{self.opts.app_label}_{self.opts.model_name}_changelist")
            )
        registrations = changelist.queryset  # filtered, searched, ordered; answers from get_queryset()
        options = {"language": get_language(), "chunk_size": settings.REGISTRATION_EXPORT_CHUNK_SIZE}
        extension = "xlsx" if file_format == "xlsx" else "csv"
        filename = f"registrations-{timezone.localtime():%Y%m%d-%H%M}.{extension}"
        # Exports carry personal data: keep a trace of who took one, and with which filters.
        logger.info(
            "registrations.export user=%s format=%s query=%s",
            request.user.pk,
            file_format,
            request.GET.urlencode(),
        )
        if file_format in CSV_SEPARATORS:
            response = StreamingHttpResponse(
                csv_stream(registrations, separator=CSV_SEPARATORS[file_format], **options),
                content_type="text/csv; charset=utf-8",
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}"'
            return response
        return FileResponse(
            xlsx_file(registrations, **options), as_attachment=True, filename=filename, content_type=XLSX_TYPE
        )
