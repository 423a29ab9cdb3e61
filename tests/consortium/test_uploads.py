"""Uploaded files: too large or too many are dropped while they stream in, never held whole."""

import pytest
from django.core.files.uploadhandler import FileUploadHandler

from consortium.uploads import DOCUMENTS, kind_of
from tests.documents import docx, pdf, png, upload

pytestmark = pytest.mark.django_db

RECEIVED: list[int] = []


class Counting(FileUploadHandler):
    """After UploadLimits: counts the bytes of each file that reach the handlers that keep files."""

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        RECEIVED.append(0)

    def receive_data_chunk(self, raw_data, start):
        RECEIVED[-1] += len(raw_data)
        return raw_data

    def file_complete(self, file_size):
        return None


@pytest.fixture
def counted(settings):
    RECEIVED.clear()
    settings.FILE_UPLOAD_HANDLERS = [
        "consortium.uploads.UploadLimits",
        "tests.consortium.test_uploads.Counting",
        "django.core.files.uploadhandler.MemoryFileUploadHandler",
        "django.core.files.uploadhandler.TemporaryFileUploadHandler",
    ]
    settings.UPLOAD_MAX_FILE_SIZE = 256 * 1024
    return RECEIVED


def test_an_oversized_upload_is_dropped_as_it_streams_in_and_refused_by_name(client, counted, settings):
    huge = upload("scan.pdf", pdf() + b"0" * (8 * 1024 * 1024))

    response = client.post("/en/register/", {"files": [huge, upload("small.pdf", pdf())]})

    # The parser reads in 64 KB chunks: the dropped file got no further than the limit and one chunk.
    assert counted[0] <= settings.UPLOAD_MAX_FILE_SIZE + 64 * 1024
    assert counted[1] == len(pdf())
    assert response.wsgi_request.refused_uploads[0].name == "scan.pdf"
    assert [file.name for file in response.wsgi_request.FILES.getlist("files")] == ["small.pdf"]


def test_files_past_the_fifth_are_dropped_unread(client, counted):
    files = [upload(f"page{n}.pdf", pdf()) for n in range(7)]

    response = client.post("/en/register/", {"files": files})

    assert len(counted) == 5
    assert [refused.reason for refused in response.wsgi_request.refused_uploads] == ["too_many", "too_many"]
    assert len(response.wsgi_request.FILES.getlist("files")) == 5


@pytest.mark.parametrize(("content", "label"), [(pdf(), "PDF"), (docx(), "DOCX"), (png(), "PNG")])
def test_kind_comes_from_the_content_not_the_name(content, label):
    assert kind_of(upload("whatever.txt", content)).label == label


def test_a_renamed_file_is_no_document():
    assert kind_of(upload("invoice.pdf", b"#!/bin/sh\nrm -rf /\n")) is None
    assert [kind.label for kind in DOCUMENTS] == ["PDF", "DOCX", "XLSX", "ODT", "PNG", "JPEG"]
