"""The baseline: the least a Django view on this stack can do for a POST that saves something."""

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

BASELINE_TABLE = "bench_baseline"


def create_baseline_table() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"CREATE TABLE IF NOT EXISTS {BASELINE_TABLE} "
            "(id bigserial PRIMARY KEY, n integer NOT NULL, created_at timestamptz NOT NULL DEFAULT now())"
        )


@csrf_exempt
@require_POST
def insert_row(request):
    """Insert one row and answer 201: the same server, middleware and database as the portal's pages."""
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {BASELINE_TABLE} (n) VALUES (%s)", [int(request.POST.get("n", 0))])  # noqa: S608
    return HttpResponse(status=201)
