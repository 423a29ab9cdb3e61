"""Staff-only pages outside the ModelAdmins: the files applicants attach to their replies."""

from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404

from registrations.models import ReplyFile


def reply_file(request, pk: int) -> FileResponse:
    """Download a file an applicant attached, for staff who may see registrations (wrapped in admin_view)."""
    if not request.user.has_perm("registrations.view_registration"):
        raise PermissionDenied
    attached = get_object_or_404(ReplyFile, pk=pk)
    # Always a download, never shown in the browser: the file is the applicant's, not the portal's.
    return FileResponse(
        attached.file.open("rb"),
        as_attachment=True,
        filename=attached.name,
        content_type=attached.content_type,
    )
