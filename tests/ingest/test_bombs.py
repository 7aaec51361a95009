"""The review's decompression bombs, posted to a running ``paperasse serve``: each is
refused in seconds with its French reason, and no process of the service grows past a
stated bound (the service and its workers parse nothing; readers stay under their
address-space limit)."""

from __future__ import annotations

import time
from pathlib import Path

import httpx
import pytest

from tests.hostile import png_bomb, space_bomb, text_operator_bomb
from tests.samples import make_pdf
from tests.service import MemoryWatch, rss_kb, running_service

pytestmark = pytest.mark.slow

REFUSED_WITHIN = 60.0  # seconds, on a 2-core machine shared with other jobs
SERVICE_GROWTH_MB = 64  # the API process parses nothing: it only passes bytes on
WORKER_MB = 400  # a worker holds no model and parses nothing either
READER_MB = 1536  # PAPERASSE_READER__MEMORY_MB: RSS can never pass the address space


def _wait_done(client: httpx.Client, document_id: str) -> dict[str, object]:
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        document: dict[str, object] = client.get(f"/api/v1/documents/{document_id}").json()
        if document["status"] not in ("received", "processing"):
            return document
        time.sleep(0.1)
    raise AssertionError(f"document {document_id} still pending")


def test_bombs_are_refused_in_seconds_and_no_process_grows(tmp_path: Path) -> None:
    users = {"jeanne": "citoyen", "accueil": "courrier"}
    env = {"PAPERASSE_JOBS__WORKERS": "2"}
    bombs = {
        "texte.pdf": text_operator_bomb(),
        "espaces.pdf": space_bomb(),
        "image.png": png_bomb(),
    }
    with running_service(tmp_path, users, env) as service:
        citizen, mailroom = service.client("jeanne"), service.client("accueil")
        dossier = citizen.post(
            "/api/v1/dossiers", json={"procedure": "inscription_listes_electorales"}
        ).json()["id"]

        def citizen_upload(name: str, data: bytes) -> str:
            response = citizen.post(
                f"/api/v1/dossiers/{dossier}/documents",
                files={"file": (name, data, "application/pdf")},
            )
            assert response.status_code == 201, response.text
            return str(response.json()["document_id"])

        def mail(name: str, data: bytes) -> str:
            mime = "image/png" if name.endswith(".png") else "application/pdf"
            response = mailroom.post("/api/v1/documents", files={"file": (name, data, mime)})
            assert response.status_code == 201, response.text
            return str(response.json()["id"])

        warm = _wait_done(citizen, citizen_upload("lettre.pdf", make_pdf("Demande")))
        assert warm["status"] in ("processed", "needs_review"), "readers warm and working"
        baseline_mb = rss_kb(service.pid) / 1024
        timings, reasons = {}, {}
        with MemoryWatch(service.pid) as watch:
            for name, data in bombs.items():
                start = time.monotonic()
                if name == "texte.pdf":  # read at once to answer the citizen
                    document = _wait_done(citizen, citizen_upload(name, data))
                else:
                    document = _wait_done(mailroom, mail(name, data))
                timings[name] = round(time.monotonic() - start, 2)
                assert document["status"] == "failed", document
                reasons[name] = str(document["status_reason"])
            after = _wait_done(citizen, citizen_upload("cerfa.pdf", make_pdf("Formulaire")))
        print(f"\nbaseline service {baseline_mb:.0f} MB; peaks {sorted(watch.peaks.values())}")
        print(f"timings {timings}")

    assert "plus de 4 Mo d'instructions de dessin" in reasons["texte.pdf"]
    assert "plus de 4 Mo d'instructions de dessin" in reasons["espaces.pdf"]
    assert "trop grande" in reasons["image.png"]
    assert all(seconds < REFUSED_WITHIN for seconds in timings.values()), timings
    assert after["status"] in ("processed", "needs_review"), "the service reads on"
    assert watch.peak_mb("service") < baseline_mb + SERVICE_GROWTH_MB
    assert 0 < watch.peak_mb("worker") < WORKER_MB
    assert 0 < watch.peak_mb("reader") < READER_MB
