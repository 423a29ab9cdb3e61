"""Error reports reach Sentry only when SENTRY_DSN is set, and without personal data: no bodies, cookies,
addresses or secret links."""

import gzip
import json
import logging
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import sentry_sdk
from sentry_sdk.transport import Transport

from consortium.errors import options
from tests.smtp import free_port
from tests.workers import WebNode, wait_for

SECRET_LINK = "/lt/register/edit/Zm9vYmFyYmF6cXV4cXV1eGNvcmdl/"
CSRF = "a" * 32  # the same value as cookie and header passes Django's CSRF check over plain HTTP


class CapturedReports(Transport):
    """Keeps the reports sentry-sdk would send, instead of sending them."""

    def __init__(self):
        super().__init__()
        self.events = []

    def capture_envelope(self, envelope):
        self.events += [item.payload.json for item in envelope.items if item.type == "event"]


@pytest.fixture
def reports():
    transport = CapturedReports()
    settings = options(
        dsn="https://public@errors.example.org/1", environment="test", release=None, traces_sample_rate=0.0
    )
    sentry_sdk.init(**settings, transport=transport)
    yield transport.events
    sentry_sdk.get_client().close()
    sentry_sdk.init()  # no DSN: reporting off again for the other tests


def test_logged_error_is_reported_without_addresses_or_secret_links(reports):
    logging.getLogger("consortium.mail").error(
        "mail.failed to=ona@example.lt link=https://portal%s", SECRET_LINK
    )

    [event] = reports
    report = json.dumps(event)
    assert "mail.failed" in report
    assert "ona@example.lt" not in report
    assert "Zm9vYmFyYmF6cXV4cXV1eGNvcmdl" not in report
    assert "[email]" in report


class SentryServer(ThreadingHTTPServer):
    """Accepts what sentry-sdk sends (envelopes, gzipped) and keeps the events."""

    def __init__(self):
        self.events = []
        super().__init__(("127.0.0.1", free_port()), EnvelopeHandler)


class EnvelopeHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers.get("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        lines = body.split(b"\n")
        for header, payload in zip(lines[1::2], lines[2::2], strict=False):
            if json.loads(header).get("type") == "event":
                self.server.events.append(json.loads(payload))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def sentry_server():
    server = SentryServer()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def post(url: str, body: bytes, headers: dict) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_a_node_with_sentry_dsn_reports_a_failed_request_without_personal_data(sentry_server):
    node = WebNode(
        env={
            "SENTRY_DSN": f"http://public@127.0.0.1:{sentry_server.server_port}/1",
            "DATABASE_URL": f"postgres://postgres@127.0.0.1:{free_port()}/portal",  # the database is down
        }
    )
    node.start()
    try:
        status = post(
            f"{node.base_url}/en/register/?contact=jonas.jonaitis@example.lt",
            b"contact_email=jonas.jonaitis%40example.lt&contact_name=Jonas+Jonaitis",
            {
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": f"csrftoken={CSRF}; sessionid=session-secret-value",
                "X-CSRFToken": CSRF,
                "Authorization": "Bearer header-secret",
                "Referer": f"{node.base_url}{SECRET_LINK}",
            },
        )
        reported = wait_for(lambda: sentry_server.events, timeout=30)
    finally:
        node.stop()

    assert status == 503
    assert reported
    report = json.dumps(sentry_server.events)
    assert sentry_server.events[0]["request"]["url"].endswith("/en/register/")
    assert "database.unavailable" in report
    for secret in ("jonas.jonaitis", "Jonas", "session-secret-value", "header-secret", CSRF, "Zm9vYmFy"):
        assert secret not in report
    assert all("data" not in event.get("request", {}) for event in sentry_server.events)
