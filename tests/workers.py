"""Real processes for end-to-end tests: a Celery worker on the test database, a private Redis server."""

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
import uuid
from contextlib import contextmanager
from pathlib import Path

import redis
from django.conf import settings
from django.db import connection

from tests.smtp import free_port

ROOT = Path(__file__).resolve().parent.parent


def child_env(**overrides: str) -> dict[str, str]:
    """The environment for a process the tests start: this one's, minus what only the test process may have."""
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {**env, **overrides}


def database_url() -> str:
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


class Worker:
    """`celery worker` (optionally with beat, for the mail sweeper) in its own process group."""

    def __init__(
        self, *, email_port: int, broker_url: str, queue: str, beat: bool, env: dict, folder: Path = ROOT
    ):
        self.args = [
            sys.executable,
            "-m",
            "celery",
            "--quiet",  # as in production: no banner, only the portal's JSON log lines
            "-A",
            "consortium",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
        ]
        self.args += ["--without-gossip", "--without-mingle", "--without-heartbeat", "-Q", queue]
        if beat:
            self.args += ["--beat", "--schedule", str(Path(tempfile.mkdtemp()) / "beat-schedule")]
        self.env = {
            **child_env(),
            "DJANGO_SETTINGS_MODULE": "consortium.settings",
            "DJANGO_SECRET_KEY": "worker-under-test",
            "DATABASE_URL": database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_QUEUE": queue,
            "EMAIL_URL": f"smtp://127.0.0.1:{email_port}",
            "PORTAL_BASE_URL": settings.PORTAL_BASE_URL,
            "PYTHONPATH": str(ROOT),
            **env,
        }
        self.folder = folder  # its working folder: another machine's, when not the project's own
        self.process = None
        self.output = ""

    def start(self):
        self.process = subprocess.Popen(
            self.args,
            cwd=self.folder,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )

    def kill(self):
        """SIGKILL the worker and everything it started: no chance to finish or clean up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self._collect()

    def stop(self):
        if self.process.returncode is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self._collect(timeout=15)
        except subprocess.TimeoutExpired:
            self.kill()

    def _collect(self, timeout=None):
        self.output += self.process.communicate(timeout=timeout)[0]


@contextmanager
def celery_worker(
    *, email_port: int, broker_url: str | None = None, beat: bool = False, env: dict | None = None
):
    """A worker on the test database; what this test publishes goes to the worker's private queue."""
    from consortium.celery import app

    queue = f"test-{uuid.uuid4().hex[:12]}"
    worker = Worker(
        email_port=email_port,
        broker_url=broker_url or settings.CELERY_BROKER_URL,
        queue=queue,
        beat=beat,
        env=env or {},
    )
    worker.start()
    previous = app.conf.task_always_eager, app.conf.task_default_queue
    app.conf.task_always_eager, app.conf.task_default_queue = False, queue
    try:
        yield worker
    finally:
        app.conf.task_always_eager, app.conf.task_default_queue = previous
        worker.stop()


class RedisServer:
    """A private, disposable Redis server that a test can stop and start again on the same port."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port)
        for _ in range(100):
            try:
                client.ping()
                return
            except redis.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def wait_for(condition, timeout: float = 60.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


class WebNode:
    """The portal under gunicorn with production settings and deploy/gunicorn.conf.py, as a container runs it.

    It runs in a working folder of its own (cwd, TMPDIR and MEDIA_ROOT inside it), with the code on PYTHONPATH,
    so that nothing it writes on its disk can be seen by another node.
    """

    def __init__(self, *, env: dict, workers: int = 1):
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix="portal-node-"))
        (self.folder / "tmp").mkdir()
        self.env = {
            **child_env(),
            "PYTHONPATH": str(ROOT),
            "TMPDIR": str(self.folder / "tmp"),
            "MEDIA_ROOT": str(self.folder / "media"),
            "DJANGO_SETTINGS_MODULE": "consortium.settings",
            "DJANGO_SECRET_KEY": "web-node-under-test",
            "DJANGO_SECURE_SSL_REDIRECT": "off",
            "DJANGO_STATICFILES_STORAGE": "django.contrib.staticfiles.storage.StaticFilesStorage",
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            **env,
        }
        self.log = self.folder / "gunicorn.log"
        self.process = None

    def start(self):
        with self.log.open("w") as log:
            self.process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "--config",
                    str(ROOT / "deploy" / "gunicorn.conf.py"),
                    "consortium.wsgi",
                ],
                cwd=self.folder,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        if not wait_for(self.answers, timeout=60):
            raise RuntimeError(f"gunicorn did not start:\n{self.log.read_text()[-3000:]}")

    def answers(self) -> bool:
        try:
            with urllib.request.urlopen(f"{self.base_url}/livez", timeout=2):
                return True
        except OSError:
            return False

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.folder, ignore_errors=True)
