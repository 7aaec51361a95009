"""Latency of a citizen's upload, from the file to the hints, through the real HTTP API.

A real uvicorn server on localhost runs the app with one worker process, as
``paperasse serve`` would on a small machine. Models are loaded before timing
(a warm-up upload of each kind). Then:

* born-digital PDFs (bill, identity card, CERFA; three per dossier): the time of
  ``POST /api/v1/dossiers/{id}/documents``, whose answer carries the type and hints;
* one-page scans (300 dpi PNG of a bill): from the upload until
  ``GET /api/v1/dossiers/{id}/checks`` no longer lists the document as pending;
* phone photos (a 12-megapixel JPEG of a bill lying on a table, in perspective),
  timed the same way.

Usage:
    .venv/bin/python -m bench.checks [--pdfs 30] [--scans 10] [--photos 10]
Goals on 2 cores: p95 < 1 s for a born-digital PDF, p95 < 3 s for a one-page scan,
p95 < 4 s for a 12-megapixel phone photo.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import uvicorn
from PIL import Image
from tests.dossiers.papers import (
    cerfa_inscription,
    edf_bill,
    edf_bill_text,
    identity_card,
    scan_png,
)
from tests.reading.photos import jpeg, on_table

from paperasse.api.app import create_app
from paperasse.auth import add_user
from paperasse.context import open_context
from paperasse.settings import Settings

PASSWORD = "bench-horse-battery-42"
PDF_GOAL, SCAN_GOAL, PHOTO_GOAL = 1.0, 3.0, 4.0
PHOTO_SIZE = (4000, 3000)  # 12 megapixels, as a phone takes them
PHOTO_CORNERS = [(1010.0, 180.0), (2990.0, 250.0), (3080.0, 2860.0), (930.0, 2790.0)]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def server(settings: Settings) -> Iterator[str]:
    """The app under uvicorn in a thread, with its background workers; yields its URL."""
    ctx = open_context(settings)
    add_user(ctx, "citoyenne", PASSWORD, "citoyen", display_name="DUPONT Marie", actor="bench")
    port = free_port()
    app = create_app(settings, ctx, background=True, processing=True)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    while not srv.started:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(60)
        ctx.close()


def signed_in(url: str) -> httpx.Client:
    client = httpx.Client(base_url=url, timeout=120)
    token = client.post(
        "/api/v1/auth/token", data={"username": "citoyenne", "password": PASSWORD}
    ).json()["access_token"]
    client.headers["Authorization"] = f"Bearer {token}"
    return client


def new_dossier(client: httpx.Client) -> str:
    response = client.post("/api/v1/dossiers", json={"procedure": "inscription_listes_electorales"})
    response.raise_for_status()
    return str(response.json()["id"])


def upload(client: httpx.Client, dossier: str, data: bytes, name: str) -> dict[str, object]:
    mime = {"png": "image/png", "jpg": "image/jpeg"}.get(name.rsplit(".", 1)[-1], "application/pdf")
    response = client.post(
        f"/api/v1/dossiers/{dossier}/documents", files={"file": (name, data, mime)}
    )
    response.raise_for_status()
    body: dict[str, object] = response.json()
    return body


def pdf_set(n: int, today: dt.date) -> list[tuple[str, bytes]]:
    """Distinct born-digital files (distinct bytes, so none is a known duplicate)."""
    files = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            issued = today - dt.timedelta(days=10 + i)
            files.append((f"facture-{i}.pdf", edf_bill("Marie DUPONT", issued, f"1001{i:07d}")))
        elif kind == 1:
            issued = dt.date(2020 + i % 5, 1 + i % 12, 1)
            card = identity_card("DUPONT", "Marie", issued, issued.replace(year=issued.year + 10))
            files.append((f"cni-{i}.pdf", card))
        else:
            files.append((f"cerfa-{i}.pdf", cerfa_inscription(f"DUPONT Marie{' ' * (i % 2)}")))
    return files


def time_pdfs(client: httpx.Client, n: int, today: dt.date) -> tuple[list[float], list[str]]:
    timings, types = [], []
    dossier = ""
    for i, (name, data) in enumerate(pdf_set(n, today)):
        if i % 3 == 0:
            dossier = new_dossier(client)
        start = time.perf_counter()
        body = upload(client, dossier, data, name)
        timings.append(time.perf_counter() - start)
        if body["status"] == "processing":
            raise SystemExit(f"{name}: a born-digital PDF was left to the workers")
        types.append(str(body["doc_type"]))
    return timings, types


def wait_until(check: Callable[[], bool], limit: float = 120.0) -> None:
    end = time.monotonic() + limit
    while not check():
        if time.monotonic() > end:
            raise SystemExit("a scan was not processed in time")
        time.sleep(0.05)


def phone_photo(text: str) -> bytes:
    """A 12-megapixel JPEG of the page lying on a table, photographed in perspective."""
    page = Image.open(io.BytesIO(scan_png(text)))
    return jpeg(on_table(page, PHOTO_CORNERS, size=PHOTO_SIZE), quality=88)


def time_scans(client: httpx.Client, n: int, today: dt.date, *, photo: bool = False) -> list[float]:
    timings = []
    for i in range(n):
        dossier = new_dossier(client)
        text = edf_bill_text("Marie DUPONT", today - dt.timedelta(days=5 + i), f"2002{i:07d}")
        data, name = (
            (phone_photo(text), f"photo-{i}.jpg") if photo else (scan_png(text), f"scan-{i}.png")
        )
        start = time.perf_counter()
        body = upload(client, dossier, data, name)

        def judged(doc: object = body["document_id"], d: str = dossier) -> bool:
            view = client.get(f"/api/v1/dossiers/{d}/checks").json()
            return doc not in view["pending"]

        wait_until(judged)
        timings.append(time.perf_counter() - start)
    return timings


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]


def report(label: str, values: list[float], goal: float) -> str:
    p50, high = statistics.median(values), p95(values)
    verdict = "yes" if high < goal else "NO"
    return (
        f"{label:<28} {len(values):>4} {p50 * 1000:>8.0f} {high * 1000:>8.0f} "
        f"{max(values) * 1000:>8.0f}   p95 < {goal:.0f} s: {verdict}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pdfs", type=int, default=30)
    parser.add_argument("--scans", type=int, default=10)
    parser.add_argument("--photos", type=int, default=10)
    args = parser.parse_args(argv)
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    today = dt.date.today()
    with tempfile.TemporaryDirectory(prefix="paperasse-bench-") as tmp:
        settings = Settings(
            _env_file=None, data_dir=Path(tmp), jobs={"workers": 1}, log_level="WARNING"
        )
        with server(settings) as url:
            client = signed_in(url)
            try:
                print("warming up (models load in the API and the worker)...", file=sys.stderr)
                time_pdfs(client, 3, today - dt.timedelta(days=40))
                time_scans(client, 1, today - dt.timedelta(days=40))
                pdf_times, types = time_pdfs(client, args.pdfs, today)
                scan_times = time_scans(client, args.scans, today)
                photo_times = time_scans(client, args.photos, today, photo=True)
            finally:
                client.close()
    print(f"{'upload to hints':<28} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    print(report("born-digital PDF (inline)", pdf_times, PDF_GOAL))
    print(report("one-page scan (1 worker)", scan_times, SCAN_GOAL))
    print(report("12 MP phone photo (1 worker)", photo_times, PHOTO_GOAL))
    print(f"types detected on the PDFs: {', '.join(sorted(set(types)))}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
