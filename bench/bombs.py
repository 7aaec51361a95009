"""Decompression bombs against a running ``paperasse serve``: time to refusal and memory.

The files of the security review, generated here: a ~16 KB PDF whose content stream
inflates to 10 MB of text operators (posted by a citizen to a dossier, read at once to
answer), a ~1 MB PDF inflating to 1 GB of spaces and a ~1 MB PNG of 900 megapixels
(posted by the mailroom, read by a worker). ``paperasse serve`` runs in its own process
with two workers; the resident memory of every process it starts is sampled every 50 ms.

Two runs: with the default settings (the cheap structural checks refuse the bombs),
then with those checks loosened (``--limits-only`` alone) so that the parsers meet the
bombs and only the readers' memory and time limits stand between them and the machine.

Usage:
    .venv/bin/python -m bench.bombs [--limits-only]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import httpx
from tests.hostile import png_bomb, space_bomb, text_operator_bomb
from tests.samples import make_pdf
from tests.service import MemoryWatch, rss_kb, running_service

LOOSE = {
    "PAPERASSE_READER__MAX_PAGE_CONTENT_MB": "4096",
    "PAPERASSE_READER__MAX_STREAM_MB": "4096",
}


def wait_done(client: httpx.Client, document_id: str) -> dict[str, object]:
    while True:
        document: dict[str, object] = client.get(f"/api/v1/documents/{document_id}").json()
        if document["status"] not in ("received", "processing"):
            return document
        time.sleep(0.1)


def run(label: str, env: dict[str, str]) -> None:
    bombs = {
        "texte.pdf": text_operator_bomb(),
        "espaces.pdf": space_bomb(),
        "image.png": png_bomb(),
    }
    users = {"jeanne": "citoyen", "accueil": "courrier"}
    with (
        tempfile.TemporaryDirectory() as tmp,
        running_service(Path(tmp), users, {"PAPERASSE_JOBS__WORKERS": "2", **env}) as service,
    ):
        citizen, mailroom = service.client("jeanne"), service.client("accueil")
        dossier = citizen.post(
            "/api/v1/dossiers", json={"procedure": "inscription_listes_electorales"}
        ).json()["id"]

        def post(name: str, data: bytes) -> tuple[httpx.Client, str]:
            mime = "image/png" if name.endswith(".png") else "application/pdf"
            files = {"file": (name, data, mime)}
            if name == "texte.pdf" or name == "lettre.pdf":
                url = f"/api/v1/dossiers/{dossier}/documents"
                return citizen, str(citizen.post(url, files=files).json()["document_id"])
            return mailroom, str(mailroom.post("/api/v1/documents", files=files).json()["id"])

        wait_done(*post("lettre.pdf", make_pdf("Demande d'inscription")))  # warm readers
        baseline = rss_kb(service.pid) / 1024
        print(f"\n{label}")
        print(f"  service process at rest: {baseline:.0f} MB")
        with MemoryWatch(service.pid) as watch:
            for name, data in bombs.items():
                start = time.monotonic()
                document = wait_done(*post(name, data))
                seconds = time.monotonic() - start
                reason = str(document["status_reason"])[:110]
                print(
                    f"  {name:12} {len(data) / 1024:7.0f} KB  {document['status']:8} "
                    f"{seconds:6.2f} s  {reason}"
                )
        for role in ("service", "worker", "reader"):
            print(f"  peak RSS of one {role} process: {watch.peak_mb(role):.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limits-only", action="store_true", help="only the loosened run")
    args = parser.parse_args()
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    if not args.limits_only:
        run("default settings (structural checks, then limits)", {})
    run("structural checks loosened: the readers' limits alone", LOOSE)


if __name__ == "__main__":
    main()
