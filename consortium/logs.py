"""Structured logs: one JSON line per event, one per request and one per task, with ids but no personal data."""

import json
import logging
import time

from celery.signals import task_postrun, task_prerun

from consortium.tokens import redact_secret_links

request_logger = logging.getLogger("consortium.request")
task_logger = logging.getLogger("consortium.task")

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


class RequestLogMiddleware:
    """One line per request: method, path (secrets removed), status and duration."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        request_logger.info(
            "request",
            extra={
                "method": request.method,
                "path": redact_secret_links(request.path),
                "status": response.status_code,
                "ms": round((time.perf_counter() - started) * 1000, 1),
            },
        )
        return response


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
