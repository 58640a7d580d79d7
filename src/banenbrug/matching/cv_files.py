"""A CV as a file or as pasted text, for the page, the API and the command: read in memory only.

The uploaded bytes never reach the disk: the views that take a CV file replace Django's upload
handlers (which spill files over 2.5 MB to a temporary file) by :class:`MemoryOnlyUploadHandler`,
which keeps at most ``documents.MAX_BYTES + 1`` bytes in memory and drops the rest, so an
oversized file is still refused with the size message. Nothing of the file or its text is
logged or saved; only the skills a person confirms are stored (``views.cv_confirm``).
Behind ASGI the server spools request bodies itself; deploy the CV pages behind WSGI (as
``banenbrug serve`` does) or an ASGI server configured to keep bodies in memory.
"""

from __future__ import annotations

from functools import wraps
from io import BytesIO

from django.core.files.uploadedfile import InMemoryUploadedFile
from django.core.files.uploadhandler import FileUploadHandler
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from banenbrug.matching import service
from banenbrug.understanding import documents
from banenbrug.understanding.documents import DocumentError

MAX_BYTES = documents.MAX_BYTES
# The extractor takes at most service.MAX_TEXT characters; a longer text from a file is refused
# by the reader with its own clear message instead of being cut short without a word.
MAX_CHARS = service.MAX_TEXT


class MemoryOnlyUploadHandler(FileUploadHandler):
    """Uploaded files in memory, never in a temporary file: at most ``limit + 1`` bytes per
    request (one CV), the rest is read from the request and dropped."""

    def __init__(self, request=None, limit: int = MAX_BYTES):
        super().__init__(request)
        self.limit = limit
        self.budget = limit + 1  # for the whole request: a hundred files don't get 5 MB each

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.file = BytesIO()
        self.kept = 0

    def receive_data_chunk(self, raw_data, start):
        room = min(self.limit + 1 - self.kept, self.budget)
        if room > 0:
            chunk = raw_data[:room]
            self.file.write(chunk)
            self.kept += len(chunk)
            self.budget -= len(chunk)
        return None  # no later handler sees the data

    def file_complete(self, file_size):
        self.file.seek(0)
        return InMemoryUploadedFile(file=self.file, field_name=self.field_name,
                                    name=self.file_name, content_type=self.content_type,
                                    size=self.kept, charset=self.charset,
                                    content_type_extra=self.content_type_extra)


def _memory_only(request) -> None:
    request.upload_handlers = [MemoryOnlyUploadHandler(request)]


def in_memory_uploads(view):
    """For a page view: files stay in memory. The handlers must be set before the CSRF check
    reads the form, so the check runs inside (Django's documented pattern)."""
    protected = csrf_protect(view)

    @csrf_exempt
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        _memory_only(request)
        return protected(request, *args, **kwargs)

    return wrapped


def in_memory_operation(run):
    """For a django-ninja operation (``decorate_view``): set before authentication, whose
    CSRF check reads the form."""

    @wraps(run)
    def wrapped(request, *args, **kwargs):
        _memory_only(request)
        return run(request, *args, **kwargs)

    return wrapped


def read_cv_file(filename: str, data: bytes) -> str:
    """The text of a CV file; a DocumentError for anything that is not a readable CV."""
    return documents.read_document(filename or "", data, max_bytes=MAX_BYTES,
                                   max_chars=MAX_CHARS)


def check_pasted(text: str) -> str:
    """Pasted text under the same rules as a file's text (empty, binary junk, too long)."""
    return documents.clean_text(text, max_chars=MAX_CHARS)


__all__ = ["DocumentError", "MemoryOnlyUploadHandler", "check_pasted", "in_memory_operation",
           "in_memory_uploads", "read_cv_file"]
