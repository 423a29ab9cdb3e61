"""Structured logs: one JSON line per event, one per request and one per task, with ids but no personal data."""

import json
import logging
import re
import time
import uuid
from contextvars import ContextVar

from celery.signals import before_task_publish, task_postrun, task_prerun

from consortium.tokens import redact_secret_links

request_logger = logging.getLogger("consortium.request")
task_logger = logging.getLogger("consortium.task")

# The request being served, or the request that queued the task being run: on every log line made meanwhile.
request_id: ContextVar[str | None] = ContextVar("request_id", default=None)
# An id a proxy or load balancer sent (X-Request-ID) is kept if it looks like one; otherwise a new one is made.
REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")

# What a LogRecord carries anyway; anything else passed in `extra` becomes a field of the line.
_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        # Extras of plain types only: objects such as Django's `request` would print whole URLs and headers.
        line.update(
            {
                key: redact_secret_links(value) if isinstance(value, str) else value
                for key, value in vars(record).items()
                if key not in _STANDARD and isinstance(value, str | int | float | bool | list | None)
            }
        )
        if record.exc_info:
            line["exc"] = redact_secret_links(self.formatException(record.exc_info))
        return json.dumps(line, default=str, ensure_ascii=False)


class RedactSecretsFilter(logging.Filter):
    """Secret links (edit and cancellation tokens) never reach a log, whoever logs the path."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact_secret_links(str(record.msg))
        if isinstance(record.args, dict):
            record.args = {key: _redact(value) for key, value in record.args.items()}
        elif record.args:
            args = record.args if isinstance(record.args, tuple) else (record.args,)
            record.args = tuple(_redact(arg) for arg in args)
        for key in ("path", "request_path"):
            if isinstance(getattr(record, key, None), str):
                setattr(record, key, redact_secret_links(getattr(record, key)))
        return True


def _redact(value):
    return redact_secret_links(value) if isinstance(value, str) else value


class RequestIdFilter(logging.Filter):
    """Adds the current request id (see `request_id`) to the line, when there is one."""

    def filter(self, record: logging.LogRecord) -> bool:
        current = request_id.get()
        if current is not None and not hasattr(record, "request_id"):
            record.request_id = current
        return True


def incoming_request_id(request) -> str:
    offered = request.headers.get("X-Request-ID", "")
    return offered if REQUEST_ID.fullmatch(offered) else uuid.uuid4().hex


class RequestLogMiddleware:
    """One line per request: method, path (secrets removed), status, duration and the request id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        token = request_id.set(incoming_request_id(request))
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id.get()
            request_logger.info(
                "request",
                extra={
                    "method": request.method,
                    "path": redact_secret_links(request.path),
                    "status": response.status_code,
                    "ms": round((time.perf_counter() - started) * 1000, 1),
                },
            )
        finally:
            request_id.reset(token)
        return response


@before_task_publish.connect
def _send_request_id(headers=None, **kwargs):
    # The id travels in the task message's headers, so the worker's lines name the request that queued it.
    current = request_id.get()
    if current is not None and headers is not None:
        headers.setdefault("request_id", current)


@task_prerun.connect
def _receive_request_id(task=None, **kwargs):
    if task is not None and not getattr(task.request, "is_eager", False):
        request_id.set(getattr(task.request, "request_id", None))


_task_started: dict[str, float] = {}


@task_prerun.connect
def _task_prerun(task_id=None, **kwargs):
    _task_started[task_id] = time.perf_counter()


@task_postrun.connect
def _task_postrun(task_id=None, task=None, args=None, state=None, retval=None, **kwargs):
    started = _task_started.pop(task_id, None)
    task_logger.info(
        "task",
        extra={
            "task": task.name if task else None,
            "task_id": task_id,
            "task_args": list(args or ()),  # our tasks take primary keys only
            "state": state,
            "result": retval if isinstance(retval, str | int | None) else type(retval).__name__,
            "ms": round((time.perf_counter() - started) * 1000, 1) if started else None,
        },
    )
    if task is not None and not getattr(task.request, "is_eager", False):
        request_id.set(None)  # the worker's next task may come from another request, or none
