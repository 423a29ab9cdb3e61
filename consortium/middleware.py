import logging

from django.core.exceptions import BadRequest
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


class RejectNullCharactersMiddleware:
    """Refuse with 400 a request whose parameters or cookies hold a NUL character.

    No browser sends one and PostgreSQL cannot store or compare one: any lookup with it (a form's hidden field,
    an admin filter, a search) would end in a server error instead of an answer.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        values = [*view_args, *view_kwargs.values(), *request.COOKIES.values()]
        for data in (request.GET, request.POST if request.method == "POST" else {}):
            values.extend(value for key in data for value in (key, *data.getlist(key)))
        if any("\x00" in value for value in values if isinstance(value, str)):
            logger.warning("request.refused reason=nul path=%s", request.path)
            raise BadRequest("NUL character in the request")
        return None
