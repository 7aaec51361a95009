"""The scale-out profile as separate processes, for the system test and ``bench.system``.

Every service runs as a process of its own, as on separate hosts: moto's S3 server
(``python -m moto.server``), osmem-server (an OpenSearch-protocol server), the API
(``paperasse serve --no-workers``) and ``paperasse worker`` processes. PostgreSQL is
the server that answers on 127.0.0.1:5432, in a schema of the caller's. The
paperasse processes share their settings through the environment only: each has
its own data folder, so that nothing passes through a local file. Each process is
the leader of its own process group, so that killing one kills its worker
children with it, as when a host dies.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from minio import Minio
from minio.commonconfig import ENABLED
from minio.versioningconfig import VersioningConfig
from osmem_server import OsmemServer

from paperasse.settings import ENV_PREFIX, Settings

ACCESS_KEY = "paperasse-system"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(condition: Callable[[], bool], timeout: float, what: str) -> None:
    """Poll ``condition`` until true; TimeoutError naming ``what`` past ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # it answered, even if with an error status
    except OSError:
        return False


def to_env(values: Mapping[str, Any]) -> dict[str, str]:
    """``{"blob": {"backend": "minio"}}`` as ``{"PAPERASSE_BLOB__BACKEND": "minio"}``."""
    env: dict[str, str] = {}
    for name, value in values.items():
        if isinstance(value, Mapping):
            for sub, inner in value.items():
                env[f"{ENV_PREFIX}{name.upper()}__{sub.upper()}"] = str(inner)
        elif value is not None:
            env[f"{ENV_PREFIX}{name.upper()}"] = str(value)
    return env


def clean_environ() -> dict[str, str]:
    """This process's environment without any paperasse setting of the developer's."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(ENV_PREFIX)}
    env["OMP_THREAD_LIMIT"] = "1"
    return env


@dataclass
class Service:
    """One started process (group), its log file, and how to stop it."""

    name: str
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def pid(self) -> int:
        return self.process.pid

    def alive(self) -> bool:
        return self.process.poll() is None

    def members(self) -> set[int]:
        """Pids of the process group: the command and the worker processes it started."""
        found = set()
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getpgid(int(entry.name)) == self.pid:
                        found.add(int(entry.name))
                except OSError:
                    continue
        return found

    def kill(self) -> None:
        """SIGKILL the whole group, as a power cut would."""
        if self.alive() or self.members():
            with suppress(ProcessLookupError):
                os.killpg(self.pid, signal.SIGKILL)
        self.process.wait(30)

    def stop(self, timeout: float = 60) -> None:
        """SIGTERM and wait (the service finishes its job and seals the audit trail)."""
        if self.alive():
            self.process.send_signal(signal.SIGTERM)
            with suppress(subprocess.TimeoutExpired):
                self.process.wait(timeout)
        self.kill()

    def tail(self, lines: int = 40) -> str:
        try:
            text = self.log.read_text(errors="replace")
        except OSError:
            return ""
        return "\n".join(text.splitlines()[-lines:])


def start_process(name: str, args: list[str], env: Mapping[str, str], logs: Path) -> Service:
    logs.mkdir(parents=True, exist_ok=True)
    log = logs / f"{name}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            args, env=dict(env), stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Service(name, process, log)


def start_moto(logs: Path) -> tuple[Service, str]:
    """moto's S3 server in its own process; returns it and its host:port."""
    port = free_port()
    args = [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)]
    service = start_process("moto", args, clean_environ(), logs)
    endpoint = f"127.0.0.1:{port}"
    wait_until(lambda: answers(f"http://{endpoint}/"), 60, "moto's S3 server")
    return service, endpoint


def make_locked_bucket(endpoint: str, access_key: str, secret_key: str, bucket: str) -> None:
    """Create the bucket with object lock and versioning, as the compose file's setup does."""
    client = Minio(endpoint, access_key=access_key, secret_key=secret_key, secure=False)
    client.make_bucket(bucket, object_lock=True)
    client.set_bucket_versioning(bucket, VersioningConfig(ENABLED))


@dataclass
class Cluster:
    """The running services of one scale-out deployment."""

    workdir: Path
    values: dict[str, Any]
    moto: Service
    osmem: OsmemServer
    api_url: str = ""
    services: dict[str, Service] = field(default_factory=dict)

    @property
    def logs(self) -> Path:
        return self.workdir / "logs"

    def settings(self, name: str = "checker") -> Settings:
        """The settings every process shares, with a data folder of ``name``'s own."""
        values = {**self.values, "data_dir": self.workdir / name}
        return Settings(_env_file=None, **values)  # type: ignore[call-arg]

    def env(self, name: str, **extra: Any) -> dict[str, str]:
        values = {**self.values, "data_dir": self.workdir / name}
        for key, value in extra.items():
            if isinstance(value, Mapping) and isinstance(values.get(key), Mapping):
                values[key] = {**values[key], **value}
            else:
                values[key] = value
        return clean_environ() | to_env(values)

    def paperasse(self, name: str, *args: str, **extra: Any) -> Service:
        command = [sys.executable, "-m", "paperasse.cli", *args]
        service = start_process(name, command, self.env(name, **extra), self.logs)
        self.services[name] = service
        return service

    def start_api(self, **extra: Any) -> Service:
        port = free_port()
        self.api_url = f"http://127.0.0.1:{port}"
        args = ("serve", "--no-workers", "--host", "127.0.0.1", "--port", str(port))
        service = self.paperasse("api", *args, **extra)

        def healthy() -> bool:
            if not service.alive():
                raise RuntimeError(f"the API stopped:\n{service.tail()}")
            return answers(f"{self.api_url}/health")

        wait_until(healthy, 120, "the API")
        return service

    def start_worker(self, name: str, processes: int = 1, **extra: Any) -> Service:
        return self.paperasse(name, "worker", "--workers", str(processes), **extra)

    def run(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        """A one-off ``paperasse`` command with the shared settings."""
        return subprocess.run(
            [sys.executable, "-m", "paperasse.cli", *args],
            env=self.env("cli"),
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    def report(self) -> str:
        """The end of every service's log, for a failure message."""
        parts = [f"--- {s.name} (pid {s.pid}) ---\n{s.tail()}" for s in self.services.values()]
        return "\n".join(parts)

    def stop_paperasse(self) -> None:
        for service in self.services.values():
            service.stop()


@contextmanager
def scale_out(
    workdir: Path, database_url: str, *, lease_seconds: int = 10, **values: Any
) -> Iterator[Cluster]:
    """Start S3 and OpenSearch servers; yield the cluster; stop every process it started.

    ``values`` are settings on top of the scale-out ones (``inbox={"dir": ...}``).
    """
    logs = workdir / "logs"
    secret = secrets.token_hex(24)
    bucket = f"paperasse-{secrets.token_hex(6)}"
    moto, endpoint = start_moto(logs)
    osmem: OsmemServer | None = None
    cluster: Cluster | None = None
    try:
        make_locked_bucket(endpoint, ACCESS_KEY, secret, bucket)
        osmem = OsmemServer.start(japanese=False, addr="127.0.0.1:0", startup_timeout=60)
        settings: dict[str, Any] = {
            "database_url": database_url,
            "secret_key": secrets.token_hex(32),
            "audit_digest_seconds": 5,
            "blob": {
                "backend": "minio",
                "minio_endpoint": endpoint,
                "minio_access_key": ACCESS_KEY,
                "minio_secret_key": secret,
                "minio_bucket": bucket,
                "retention_mode": "GOVERNANCE",
                "retention_days": 1,
            },
            "search": {
                "backend": "opensearch",
                "opensearch_url": osmem.url,
                "index_name": f"paperasse-{secrets.token_hex(6)}",
            },
            "jobs": {"lease_seconds": lease_seconds, "backoff_seconds": 1},
        }
        for key, value in values.items():
            if isinstance(value, Mapping) and isinstance(settings.get(key), Mapping):
                settings[key] = {**settings[key], **value}
            else:
                settings[key] = value
        cluster = Cluster(workdir, settings, moto, osmem)
        yield cluster
    finally:
        if cluster is not None:
            cluster.stop_paperasse()
        if osmem is not None:
            osmem.close()
        moto.stop(timeout=10)
