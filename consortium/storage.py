"""A Django storage that keeps files in PostgreSQL (or the embedded SQLite), not on one machine's disk.

It is `STORAGES["default"]`, so django-post-office's attachments (the meetings' calendar files) are written by
whichever web node queues an email and read by whichever worker sends it, in the caller's transaction.
"""

from urllib.parse import urljoin

from django.conf import settings
from django.core.files.base import ContentFile, File
from django.core.files.storage import Storage
from django.utils.deconstruct import deconstructible


@deconstructible(path="consortium.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    def _open(self, name: str, mode: str = "rb") -> File:
        if any(flag in mode for flag in "wa+"):
            raise ValueError("Stored files are written with save(), not opened for writing.")
        content = self._rows().filter(name=name).values_list("content", flat=True).first()
        if content is None:
            raise FileNotFoundError(name)
        return ContentFile(bytes(content), name=name)

    def _save(self, name: str, content: File) -> str:
        data = b"".join(content.chunks())
        self._rows().create(name=name, content=data, size=len(data))
        return name

    def delete(self, name: str) -> None:
        self._rows().filter(name=name).delete()

    def exists(self, name: str) -> bool:
        return self._rows().filter(name=name).exists()

    def size(self, name: str) -> int:
        size = self._rows().filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return size

    def get_created_time(self, name: str):
        created = self._rows().filter(name=name).values_list("created", flat=True).first()
        if created is None:
            raise FileNotFoundError(name)
        return created

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = f"{path.rstrip('/')}/" if path else ""
        directories, files = set(), []
        for name in self._rows().filter(name__startswith=prefix).values_list("name", flat=True):
            head, _slash, tail = name[len(prefix) :].partition("/")
            if tail:
                directories.add(head)
            else:
                files.append(head)
        return sorted(directories), sorted(files)

    def url(self, name: str) -> str:
        # As with the file system before: attachments leave only inside emails, MEDIA_URL is never served.
        return urljoin(settings.MEDIA_URL, name)

    @staticmethod
    def _rows():
        from consortium.models import StoredFile  # the storage is built while models load

        return StoredFile.objects
