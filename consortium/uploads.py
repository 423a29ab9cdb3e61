"""Files people upload: how many, how large, and what they are by their content, never by their name.

`UploadLimits` is the first of FILE_UPLOAD_HANDLERS: a file over UPLOAD_MAX_FILE_SIZE, or past the first
UPLOAD_MAX_FILES of a request, is dropped while it streams in, so it is never held whole in memory or on disk,
and `refused_uploads(request)` says which. `check_documents` is the one definition of an acceptable document, for
forms and services alike.
"""

from collections.abc import Sequence
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

# filetype reads no further than this.
HEAD_BYTES = 8192


@dataclass(frozen=True)
class FileKind:
    label: str
    mimetype: str
    extensions: tuple[str, ...]


DOCUMENTS = (
    FileKind("PDF", "application/pdf", (".pdf",)),
    FileKind("DOCX", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", (".docx",)),
    FileKind("XLSX", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (".xlsx",)),
    FileKind("ODT", "application/vnd.oasis.opendocument.text", (".odt",)),
    FileKind("PNG", "image/png", (".png",)),
    FileKind("JPEG", "image/jpeg", (".jpg", ".jpeg")),
)


@dataclass(frozen=True)
class RefusedUpload:
    name: str
    reason: str  # "too_large" or "too_many"


class UploadLimits(FileUploadHandler):
    """Drops, as it arrives, a file larger than the limit or beyond the number allowed; records which."""

    def __init__(self, request=None):
        super().__init__(request)
        self.max_size = settings.UPLOAD_MAX_FILE_SIZE
        self.max_files = settings.UPLOAD_MAX_FILES
        self.files = 0
        self.received = 0

    def new_file(self, field_name, file_name, *args, **kwargs):
        super().new_file(field_name, file_name, *args, **kwargs)
        self.files += 1
        self.received = 0
        if self.files > self.max_files:
            self._refuse("too_many")

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.max_size:
            self._refuse("too_large")
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler (memory or temporary file) keeps what was let through

    def _refuse(self, reason: str):
        if self.request is not None:
            refused = self.request.__dict__.setdefault("refused_uploads", [])
            refused.append(RefusedUpload(self.file_name, reason))
        raise SkipFile


def refused_uploads(request) -> list[RefusedUpload]:
    return request.__dict__.get("refused_uploads", [])


def kind_of(file) -> FileKind | None:
    """Which of DOCUMENTS `file` is, judged by its first bytes; None for anything else."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    guess = filetype.guess(head)
    return next((kind for kind in DOCUMENTS if guess is not None and guess.mime == kind.mimetype), None)


def check_documents(files: Sequence) -> list[FileKind]:
    """The kind of each file, or ValidationError saying what is wrong with which file (all of them at once)."""
    errors = []
    if len(files) > settings.UPLOAD_MAX_FILES:
        errors.append(too_many_message())
    kinds = []
    for file in files:
        if file.size > settings.UPLOAD_MAX_FILE_SIZE:
            errors.append(too_large_message(file.name))
            continue
        kind = kind_of(file)
        if kind is None:
            errors.append(
                _(
                    "%(name)s is not a PDF, DOCX, XLSX, ODT, PNG or JPEG file. Save it as one of these and attach it again."
                )
                % {"name": file.name}
            )
        kinds.append(kind)
    if errors:
        raise ValidationError(errors)
    return kinds


def too_large_message(name: str) -> str:
    return _("%(name)s is larger than %(limit)s. Attach a smaller file, or split it.") % {
        "name": name,
        "limit": filesizeformat(settings.UPLOAD_MAX_FILE_SIZE),
    }


def too_many_message() -> str:
    return _("Attach at most %(count)s files.") % {"count": settings.UPLOAD_MAX_FILES}


def refusal_messages(refused: list[RefusedUpload]) -> list[str]:
    messages = [too_large_message(upload.name) for upload in refused if upload.reason == "too_large"]
    if any(upload.reason == "too_many" for upload in refused):
        messages.append(too_many_message())
    return messages
