"""paperasse extract FILE --json: every stage on one file, nothing stored."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.pagemaker import PageMaker
from tests.samples import make_pdf

LETTER = [
    "Monsieur le Maire,",
    "je sollicite un permis de construire",
    "pour une véranda au 4 rue des Lilas.",
    "Jean LEFEVRE, le 3 novembre 2026",
]


def extract(tmp_path: Path, path: Path) -> dict[str, object]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PAPERASSE_")}
    env["PAPERASSE_DATA_DIR"] = str(tmp_path / "var")
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "paperasse.cli",
            "extract",
            str(path),
            "--json",
            "--date",
            "2026-11-20",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    body: dict[str, object] = json.loads(result.stdout)
    assert not (tmp_path / "var" / "blobs").exists(), "extract stores nothing"
    return body


def test_extract_a_scanned_page(tmp_path: Path, pages: PageMaker) -> None:
    scan = tmp_path / "scan.png"
    scan.write_bytes(pages.png(pages.text_page(LETTER, tilt=0.8, noise=6)))
    body = extract(tmp_path, scan)
    assert body["mime"] == "image/png" and len(str(body["sha256"])) == 64
    (page,) = body["pages"]  # type: ignore[misc]
    assert page["number"] == 1 and page["source"] == "ocr" and page["ocr_confidence"] > 60
    assert "permis de construire" in page["text"]
    assert set(body) >= {"doc_type", "holder", "issue_date", "entities", "triage"}
    assert body["triage"]["service"]["label"] == "urbanisme"  # type: ignore[index]
    assert {"label", "confidence", "needs_review", "explanation"} <= set(body["doc_type"])  # type: ignore[arg-type]


def test_extract_a_born_digital_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "lettre.pdf"
    pdf.write_bytes(make_pdf("\n".join(LETTER), "Page deux : pièces jointes"))
    body = extract(tmp_path, pdf)
    pages = body["pages"]
    assert [p["source"] for p in pages] == ["text-layer", "text-layer"]  # type: ignore[union-attr]
    assert all(p["ocr_confidence"] is None for p in pages)  # type: ignore[union-attr]
    entities = {(e["label"], e["value"]) for e in body["entities"]}  # type: ignore[union-attr]
    assert ("date", "2026-11-03") in entities
