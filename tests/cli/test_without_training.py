"""The running service needs none of the training packages: with Faker unimportable,
``serve``, ``ingest`` and ``extract`` work and ``train`` says how to install them."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.samples import make_pdf, make_png

NO_FAKER = 'raise ImportError("Faker is not installed (test: runtime without [training])")\n'


def _env(tmp_path: Path) -> dict[str, str]:
    shadow = tmp_path / "shadow"
    (shadow / "faker").mkdir(parents=True)
    (shadow / "faker" / "__init__.py").write_text(NO_FAKER)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(shadow), env.get("PYTHONPATH", "")]))
    env["PAPERASSE_DATA_DIR"] = str(tmp_path / "var")
    return env


def _run(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "paperasse.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_shadow_really_hides_faker(tmp_path: Path) -> None:
    probe = subprocess.run(
        [sys.executable, "-c", "import faker"], env=_env(tmp_path), capture_output=True, text=True
    )
    assert probe.returncode != 0 and "Faker is not installed" in probe.stderr


def test_extract_ingest_and_train_without_faker(tmp_path: Path) -> None:
    env = _env(tmp_path)
    scan = tmp_path / "scan.png"
    scan.write_bytes(make_png("Demande de permis de construire", (1400, 400)))
    extracted = _run(env, "extract", "--json", str(scan))
    assert extracted.returncode == 0, extracted.stderr
    assert "permis" in json.loads(extracted.stdout)["pages"][0]["text"].lower()
    letter = tmp_path / "lettre.pdf"
    letter.write_bytes(make_pdf("Monsieur le Maire, je sollicite un rendez-vous."))
    ingested = _run(env, "ingest", str(letter))
    assert ingested.returncode == 0, ingested.stderr
    trained = _run(env, "train")
    assert trained.returncode != 0 and "[training]" in trained.stderr
    assert "Traceback" not in trained.stderr


def test_serve_answers_without_faker(tmp_path: Path) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    service = subprocess.Popen(
        [sys.executable, "-m", "paperasse.cli", "serve", "--port", str(port)],
        env=_env(tmp_path) | {"PAPERASSE_JOBS__WORKERS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except httpx.TransportError:
                assert service.poll() is None, service.stderr.read() if service.stderr else ""
                assert time.monotonic() < deadline, "serve did not answer"
                time.sleep(0.5)
        assert response.status_code == 200
    finally:
        service.terminate()
        service.wait(30)
