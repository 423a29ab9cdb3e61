"""The probes and the metrics, answered before anything else looks at the request.

Kubelets, load balancers and Prometheus call a pod by its IP address, which is not an allowed host: these paths
are answered first in the middleware stack, before host validation (request.get_host()), the HTTPS redirect,
sessions or the request log, and are never cached.

- /livez: the process answers (no dependency: a restart would not bring the database back);
- /readyz: the database answers, so this node may take traffic (only the database decides, DESIGN rule 8);
- /healthz: the full report for monitoring, 200 while the database answers ("degraded" if something else fails);
- /metrics: Prometheus text, only with `Authorization: Bearer <METRICS_TOKEN>`; absent when no token is set.
"""

import hmac

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from django.utils.cache import add_never_cache_headers
from prometheus_client import CONTENT_TYPE_LATEST

from consortium import health, metrics


def livez(request) -> HttpResponse:
    return JsonResponse({"status": "ok"})


def readyz(request) -> HttpResponse:
    database = health.database_status()
    return JsonResponse(
        {"status": "ok" if database == health.OK else health.UNAVAILABLE, "database": database},
        status=200 if database == health.OK else 503,
    )


def healthz(request) -> HttpResponse:
    serving, report = health.report()
    return JsonResponse(report, status=200 if serving else 503)


def prometheus_metrics(request) -> HttpResponse:
    token = settings.METRICS_TOKEN
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not token or not hmac.compare_digest(offered.encode(), token.encode()):
        return HttpResponseNotFound("Not found", content_type="text/plain")  # says nothing to a stranger
    return HttpResponse(metrics.exposition(), content_type=CONTENT_TYPE_LATEST)


PROBES = {"/livez": livez, "/readyz": readyz, "/healthz": healthz, "/metrics": prometheus_metrics}


class ProbeMiddleware:
    """First in MIDDLEWARE: answers the probe paths itself, whatever the Host header says."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None or request.method not in ("GET", "HEAD"):
            return self.get_response(request)
        response = probe(request)
        add_never_cache_headers(response)
        return response
