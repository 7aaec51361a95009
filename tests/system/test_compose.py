"""The compose file, as Debian's docker-compose reads it: no default password, no shared disk.

``docker-compose config`` resolves the file without a Docker engine. Where the
``docker-compose`` package is not installed these tests are skipped and say so
(``scripts/setup.sh test`` installs it).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from paperasse.cli.secrets import placeholder_secrets
from paperasse.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker-compose.yml"
SECRETS = {
    "POSTGRES_PASSWORD": "4f1d0c8a9b2e7d3c6a5b4e1f0d9c8b7a",
    "MINIO_PASSWORD": "9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b",
    "PAPERASSE_SECRET_KEY": "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a6978",
}
DOCKER_COMPOSE = shutil.which("docker-compose")

pytestmark = pytest.mark.skipif(
    DOCKER_COMPOSE is None,
    reason="docker-compose not installed (apt-get install --no-install-recommends "
    "docker-compose) : docker-compose.yml not validated",
)


def _config(tmp_path: Path, secrets: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """``docker-compose config`` with only ``secrets`` in its environment (no .env read)."""
    empty = tmp_path / "empty.env"
    empty.write_text("")
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), **secrets}
    return subprocess.run(
        [str(DOCKER_COMPOSE), "--file", str(COMPOSE), "--env-file", str(empty), "config"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def services(tmp_path: Path) -> dict[str, Any]:
    result = _config(tmp_path, SECRETS)
    assert result.returncode == 0, result.stderr
    resolved: dict[str, Any] = yaml.safe_load(result.stdout)["services"]
    return resolved


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_compose_refuses_to_start_without_each_secret(tmp_path: Path, missing: str) -> None:
    result = _config(tmp_path, {k: v for k, v in SECRETS.items() if k != missing})
    assert result.returncode != 0
    assert f"set {missing} in .env" in result.stderr


def test_every_password_comes_from_the_operator(services: dict[str, Any]) -> None:
    api = services["api"]["environment"]
    assert api["PAPERASSE_SECRET_KEY"] == SECRETS["PAPERASSE_SECRET_KEY"]
    assert api["PAPERASSE_BLOB__MINIO_SECRET_KEY"] == SECRETS["MINIO_PASSWORD"]
    assert f":{SECRETS['POSTGRES_PASSWORD']}@postgres" in api["PAPERASSE_DATABASE_URL"]
    assert services["postgres"]["environment"]["POSTGRES_PASSWORD"] == SECRETS["POSTGRES_PASSWORD"]
    assert services["minio"]["environment"]["MINIO_ROOT_PASSWORD"] == SECRETS["MINIO_PASSWORD"]
    for name in ("api", "worker"):
        env = services[name]["environment"]
        settings = Settings(_env_file=None, **_nested(env))  # type: ignore[call-arg]
        assert placeholder_secrets(settings) == [], name


def test_the_startup_check_catches_an_example_password_put_in_env(tmp_path: Path) -> None:
    result = _config(tmp_path, {**SECRETS, "POSTGRES_PASSWORD": "change-me"})
    assert result.returncode == 0, result.stderr
    env = yaml.safe_load(result.stdout)["services"]["worker"]["environment"]
    settings = Settings(_env_file=None, **_nested(env))  # type: ignore[call-arg]
    assert placeholder_secrets(settings) == ["PAPERASSE_DATABASE_URL"]


def test_workers_and_the_api_share_no_local_volume(services: dict[str, Any]) -> None:
    api, worker = services["api"], services["worker"]
    assert "volumes" not in worker, "workers keep nothing on a local disk"
    (inbox,) = api["volumes"]
    assert inbox.split(":")[1] == "/srv/inbox" == api["environment"]["PAPERASSE_INBOX__DIR"]
    assert "PAPERASSE_INBOX__DIR" not in worker["environment"]
    shared = {k for k in api["environment"] if k.startswith("PAPERASSE_")} - {
        "PAPERASSE_INBOX__DIR"
    }
    assert all(worker["environment"][k] == api["environment"][k] for k in shared)


def test_workers_yield_the_cores_to_the_api(services: dict[str, Any]) -> None:
    api, worker = services["api"], services["worker"]
    assert int(worker["environment"]["PAPERASSE_JOBS__NICE"]) > 0
    assert int(worker["cpu_shares"]) < int(api.get("cpu_shares", 1024))


def _nested(env: dict[str, str]) -> dict[str, Any]:
    """``PAPERASSE_BLOB__BACKEND=minio`` as ``{"blob": {"backend": "minio"}}``."""
    values: dict[str, Any] = {}
    for name, value in env.items():
        if not name.startswith("PAPERASSE_"):
            continue
        key = name.removeprefix("PAPERASSE_").lower()
        if "__" in key:
            group, sub = key.split("__", 1)
            values.setdefault(group, {})[sub] = value
        else:
            values[key] = value
    return values
