"""The production-like stack on this machine: PostgreSQL, Redis, gunicorn, a Celery worker and an SMTP sink."""

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_services() -> None:
    """Start PostgreSQL and Redis if they are down, as CI does."""
    if subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-p", "5432"], check=False).returncode:
        cluster = sorted(os.listdir("/etc/postgresql"))[-1]
        subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", cluster, "main", "start"], check=True)
    if subprocess.run(["redis-cli", "-h", "127.0.0.1", "ping"], capture_output=True, check=False).returncode:
        subprocess.run(
            [
                *("redis-server", "--daemonize", "yes", "--bind", "127.0.0.1", "--port", "6379"),
                *("--save", "", "--appendonly", "no"),
            ],
            check=True,
        )
    for _ in range(30):
        pg = subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1"], check=False).returncode == 0
        redis = subprocess.run(["redis-cli", "ping"], capture_output=True, check=False).returncode == 0
        if pg and redis:
            return
        time.sleep(1)
    raise SystemExit("PostgreSQL or Redis did not start")


@dataclass
class Stack:
    database: str
    redis_db: int
    workers: int
    results: Path
    threads: int = 1
    port: int = field(default_factory=free_port)
    smtp_port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def database_url(self) -> str:
        return f"postgres://postgres@127.0.0.1:5432/{self.database}"

    @property
    def mail_log(self) -> Path:
        return self.results / "delivered.log"

    def env(self, **overrides: str) -> dict[str, str]:
        """Production settings: debug off, HTTPS behind a proxy, Redis cache and broker, real SMTP."""
        redis = f"redis://127.0.0.1:6379/{self.redis_db}"
        env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("DJANGO_", "CELERY_", "DATABASE_", "EMAIL_", "CACHE_"))
        }
        env.update(
            DJANGO_SETTINGS_MODULE="benchmarks.settings",
            DJANGO_DEBUG="off",
            DJANGO_SECRET_KEY=self._secret_key,
            DATABASE_URL=self.database_url,
            CELERY_BROKER_URL=redis,
            CACHE_URL=redis,
            EMAIL_URL=f"smtp://127.0.0.1:{self.smtp_port}",
            PORTAL_BASE_URL=self.base_url,
            # Every client comes from 127.0.0.1: X-Forwarded-For, as one proxy writes it, tells them apart.
            TRUSTED_PROXY_COUNT="1",
            LOG_FORMAT="json",
            PYTHONUNBUFFERED="1",
        )
        env.update(overrides)
        return env

    def __post_init__(self):
        self._secret_key = secrets.token_urlsafe(50)
        self.results.mkdir(parents=True, exist_ok=True)

    def manage(self, *args: str, **env: str) -> str:
        done = subprocess.run(
            [PYTHON, "manage.py", *args], cwd=ROOT, env=self.env(**env), capture_output=True, text=True
        )
        if done.returncode:
            raise SystemExit(f"manage.py {' '.join(args)} failed:\n{done.stdout}\n{done.stderr}")
        return done.stdout

    def create_database(self) -> None:
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", "--force", self.database],
            check=True,
        )
        subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", self.database], check=True)
        subprocess.run(["redis-cli", "-n", str(self.redis_db), "flushdb"], capture_output=True, check=True)
        self.manage("migrate", "--noinput")
        self.manage("collectstatic", "--noinput")

    def _start(self, name: str, command: list[str], **env: str) -> None:
        log = (self.results / f"{name}.log").open("w")
        self.processes[name] = subprocess.Popen(
            command, cwd=ROOT, env=self.env(**env), stdout=log, stderr=subprocess.STDOUT
        )

    def start(self) -> None:
        self.mail_log.write_text("")
        self._start(
            "smtp-sink", [PYTHON, "-m", "benchmarks.smtp_sink", str(self.smtp_port), str(self.mail_log)]
        )
        self._start(
            "worker",
            [
                *(str(BIN / "celery"), "-A", "consortium", "worker", "--concurrency=2", "--loglevel=WARNING"),
                *("--without-gossip", "--without-mingle", "--without-heartbeat"),
            ],
        )
        self._start(
            "gunicorn",
            [
                *(str(BIN / "gunicorn"), "consortium.wsgi", "--bind", f"127.0.0.1:{self.port}"),
                *("--workers", str(self.workers), "--backlog", "4096", "--log-level", "warning"),
                # More than one thread per worker makes gunicorn use its threaded worker, which keeps connections.
                *(("--threads", str(self.threads)) if self.threads > 1 else ()),
            ],
        )
        self.wait_until_up()

    def wait_until_up(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for name, process in self.processes.items():
                if process.poll() is not None:
                    raise SystemExit(f"{name} exited; see {self.results / (name + '.log')}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/healthz", timeout=2) as response:  # noqa: S310
                    if json.load(response)["status"] == "ok":
                        return
            except (OSError, urllib.error.URLError, ValueError):
                pass
            time.sleep(0.3)
        raise SystemExit("the portal did not answer /healthz in time")

    def stop(self, *names: str) -> None:
        for name in names or list(self.processes):
            process = self.processes.pop(name, None)
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()

    def psql(self, sql: str) -> str:
        done = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-d", self.database, "-tAc", sql],
            capture_output=True,
            text=True,
            check=True,
        )
        return done.stdout.strip()


def tool_available(name: str) -> bool:
    return shutil.which(name) is not None


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _processes() -> dict[int, tuple[int, str, float]]:
    """Every process: pid → (parent pid, command name, CPU seconds used so far)."""
    table = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue  # gone meanwhile
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        # After the name: state, ppid, …; utime and stime are the 14th and 15th fields of the whole line.
        table[int(entry)] = (int(fields[1]), name, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS)
    return table


def _machine_busy_seconds() -> float:
    """CPU seconds all cores together have spent busy since boot: in processes (running now or long gone) and
    in the kernel, not idle or waiting for the disk."""
    user, nice, system, _idle, _iowait, irq, softirq = Path("/proc/stat").read_text().split()[1:8]
    return sum(int(ticks) for ticks in (user, nice, system, irq, softirq)) / CLOCK_TICKS


def cpu_seconds(stack: "Stack") -> dict[str, dict[int, float]]:
    """CPU seconds used so far by each process of each part of the stack (children included), and by this
    load generator; per process, so that one that exits in between (a database backend, say) is left out of the
    difference rather than subtracted from it. "whole machine" counts everything, including processes that
    came and went between two readings and the kernel's own work (the loopback network, for one)."""
    table = _processes()
    children: dict[int, list[int]] = {}
    for pid, (parent, _name, _seconds) in table.items():
        children.setdefault(parent, []).append(pid)

    def tree(pid: int) -> list[int]:
        return [pid, *(descendant for child in children.get(pid, []) for descendant in tree(child))]

    def seconds(pids) -> dict[int, float]:
        return {pid: table[pid][2] for pid in pids if pid in table}

    used = {name: seconds(tree(process.pid)) for name, process in stack.processes.items()}
    used["postgresql"] = seconds(pid for pid, (_p, name, _s) in table.items() if name == "postgres")
    used["redis"] = seconds(pid for pid, (_p, name, _s) in table.items() if name == "redis-server")
    used["load generator"] = seconds([os.getpid()])
    used["whole machine"] = {0: _machine_busy_seconds()}
    return used


def cores_busy(before: dict, after: dict, elapsed: float) -> dict[str, float]:
    """How many cores each part kept busy between two cpu_seconds() readings `elapsed` seconds apart."""
    return {
        name: round(
            sum(seconds - before.get(name, {}).get(pid, 0.0) for pid, seconds in processes.items()) / elapsed,
            2,
        )
        for name, processes in after.items()
    }
