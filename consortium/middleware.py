import logging

from django.db import InterfaceError, InternalError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

# The database is down, unreachable or refusing work: nothing the visitor did wrong, and worth retrying.
DATABASE_OUTAGES = (OperationalError, InterfaceError, InternalError)


class DatabaseUnavailableMiddleware:
    """Answer a database outage with a friendly 503 page instead of a server error.

    Nothing is half-written: every write is one transaction, rolled back when the database fails.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DATABASE_OUTAGES):
            return None
        logger.error(
            "database.unavailable path=%s error=%s", request.path, type(exception).__name__, exc_info=True
        )
        # Rendered without the request: the usual context processors would ask the database for the user.
        return HttpResponse(render_to_string("503.html"), status=503, headers={"Retry-After": "60"})
