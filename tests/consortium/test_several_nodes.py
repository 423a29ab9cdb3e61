"""The portal on several machines: two web nodes and two workers, each process with its own working and media
folders, sharing only PostgreSQL and Redis (DESIGN rule 7). Whatever node takes a request, whichever worker sends
its email, the email arrives whole; the per-client limit counts across nodes; probes answer a pod's IP."""

import http.client
import shutil
import tempfile
import uuid
from pathlib import Path
from urllib.parse import urlencode

import pytest

from events.models import Signup
from registrations.models import Registration
from tests.factories import MeetingFactory, RegistrationCallFactory, registration_form_data, signup_form_data
from tests.workers import RedisServer, WebNode, Worker, database_url, wait_for

pytestmark = [pytest.mark.needs_services, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

HOST = "portal.example.org"
POD_IP = "10.1.2.3:8000"
CSRF = "b" * 32  # the same secret as cookie and form field passes Django's CSRF check over plain HTTP


def request(
    node: WebNode,
    method: str,
    path: str,
    *,
    host: str = HOST,
    form: dict | None = None,
    session: dict | None = None,
):
    """(status, body) without following redirects, with the Host header a browser or a kubelet would send.

    `session` holds the browser's session cookie between requests: the response's is kept in it."""
    connection = http.client.HTTPConnection("127.0.0.1", node.port, timeout=30)
    cookie = f"csrftoken={CSRF}" + (f"; sessionid={session['id']}" if session and "id" in session else "")
    headers = {"Host": host, "Cookie": cookie, "Accept-Language": "en"}
    body = None
    if form is not None:
        body = urlencode({**form, "csrfmiddlewaretoken": CSRF}, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    status, content = response.status, response.read().decode()
    for header in response.headers.get_all("Set-Cookie") or []:
        if session is not None and header.startswith("sessionid="):
            session["id"] = header.split(";")[0].removeprefix("sessionid=")
    connection.close()
    return status, content


def own_folder() -> Path:
    folder = Path(tempfile.mkdtemp(prefix="portal-worker-"))
    (folder / "tmp").mkdir()
    return folder


def calendar_attachments(message) -> list[str]:
    return [
        part.get_content()
        for part in message.iter_attachments()
        if part.get_content_type() == "text/calendar"
    ]


@pytest.fixture
def redis_server():
    server = RedisServer()
    server.start()
    yield server
    server.stop()


def test_two_nodes_and_two_workers_share_only_the_database_and_redis(smtp_sink, redis_server):
    meeting = MeetingFactory(slug="several-nodes", in_person_capacity=10)
    call = RegistrationCallFactory()
    queue = f"test-{uuid.uuid4().hex[:12]}"
    shared = {
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": redis_server.url,
        "CELERY_QUEUE": queue,
        "CACHE_URL": redis_server.url.rsplit("/", 1)[0] + "/1",
        "RATELIMIT_PUBLIC_POSTS": "4/d",
        "DJANGO_ALLOWED_HOSTS": HOST,
        "PORTAL_BASE_URL": f"https://{HOST}",
    }
    node_a, node_b = WebNode(env=shared), WebNode(env=shared)
    workers = {}

    def worker(name: str) -> Worker:
        folder = own_folder()
        process = Worker(
            email_port=smtp_sink.port,
            broker_url=redis_server.url,
            queue=queue,
            beat=False,
            env={**shared, "MEDIA_ROOT": str(folder / "media"), "TMPDIR": str(folder / "tmp")},
            folder=folder,
        )
        process.args += ["--hostname", f"{name}@%h"]
        workers[name] = process
        process.start()
        return process

    node_a.start()
    node_b.start()
    try:
        # Worker A is stopped: a signup on node A is confirmed, calendar file and all, by worker B.
        worker_b = worker("b")
        signup = request(
            node_a, "POST", f"/en/events/{meeting.slug}/", form=signup_form_data(email="egle@example.lt")
        )
        assert Signup.objects.get().email == "egle@example.lt"
        assert wait_for(lambda: len(smtp_sink.messages) == 1), worker_b.output
        worker_b.stop()

        # And the other way round: answers checked on node A, sent from node B (the session is in the
        # database), confirmed by worker A.
        worker_a = worker("a")
        browser = {}
        data = registration_form_data(call)
        checked = request(node_a, "POST", "/en/register/", form=data, session=browser)
        registration = request(
            node_b,
            "POST",
            "/en/register/check/",
            form={"submission_key": data["submission_key"]},
            session=browser,
        )
        assert wait_for(lambda: len(smtp_sink.messages) == 2), worker_a.output
        worker_a.stop()

        # Three posts so far; one more on node A is the fourth and last allowed, node B refuses the fifth.
        fourth = request(
            node_a, "POST", f"/en/events/{meeting.slug}/", form=signup_form_data(email="ona@example.lt")
        )
        fifth = request(node_b, "POST", "/en/register/", form=registration_form_data(call))

        probes = {
            (node.port, path): request(node, "GET", path, host=POD_IP)[0]
            for node in (node_a, node_b)
            for path in ("/livez", "/readyz", "/healthz")
        }
        page_for_pod_ip = request(node_a, "GET", "/en/", host=POD_IP)[0]
        page_for_host = request(node_b, "GET", "/en/")[0]
        folders = [node_a.folder, node_b.folder, *(process.folder for process in workers.values())]
        written_to_disk = [path for folder in folders for path in (folder / "media").rglob("*")]
    finally:
        for process in workers.values():
            process.stop()
            shutil.rmtree(process.folder, ignore_errors=True)
        node_a.stop()
        node_b.stop()

    assert (signup[0], checked[0], registration[0], fourth[0]) == (302, 302, 302, 302)
    assert fifth[0] == 429
    confirmation, registered = smtp_sink.messages
    assert confirmation["To"] == "egle@example.lt"
    [calendar] = calendar_attachments(confirmation)
    assert "BEGIN:VEVENT" in calendar
    assert "SUMMARY" in calendar
    assert meeting.title_lt in calendar  # no English title: the Lithuanian one, which others fall back to
    assert "mail.sent" in workers["b"].output
    assert Registration.objects.get().reference in registered["Subject"]
    assert "mail.sent" in workers["a"].output
    assert Registration.objects.count() == 1  # the refused fifth post saved nothing
    assert set(probes.values()) == {200}
    assert (page_for_pod_ip, page_for_host) == (400, 200)
    assert written_to_disk == []  # no process kept a file on its own machine's disk
