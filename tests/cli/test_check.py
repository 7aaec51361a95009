"""``paperasse check`` and ``paperasse procedures`` run as a user runs them (subprocess)."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

from tests.dossiers.papers import cerfa_inscription, edf_bill, identity_card


def run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PAPERASSE_DATA_DIR": str(tmp_path / "var")}
    return subprocess.run(
        [sys.executable, "-m", "paperasse.cli", *args],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )


def test_check_reports_findings_and_what_each_file_says(tmp_path: Path) -> None:
    (tmp_path / "facture.pdf").write_bytes(edf_bill("Marie DUPONT", dt.date(2025, 10, 3)))
    card = identity_card("DUPONT", "Marie", dt.date(2022, 3, 1), dt.date(2032, 2, 28))
    (tmp_path / "cni.pdf").write_bytes(card)
    (tmp_path / "copie-cni.pdf").write_bytes(card)
    result = run(
        tmp_path, "check", "--procedure", "inscription_listes_electorales",
        "facture.pdf", "cni.pdf", "copie-cni.pdf",
        "--applicant", "DUPONT Marie", "--date", "2026-01-20", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["procedure"] == "inscription_listes_electorales"
    assert body["complete"] is False
    files = {d["file"]: d for d in body["documents"]}
    assert set(files) == {"facture.pdf", "cni.pdf", "copie-cni.pdf"}
    assert files["facture.pdf"]["holder"] == "Marie DUPONT"
    assert files["facture.pdf"]["issue_date"] == "2025-10-03"
    assert files["cni.pdf"]["holder"] == "Marie DUPONT"  # from the MRZ
    assert {"code", "severity", "piece", "document", "hint"} <= set(body["findings"][0])
    [duplicate] = [f for f in body["findings"] if f["code"] == "doublon"]
    assert duplicate["document"] == "copie-cni.pdf" and "cni.pdf" in duplicate["hint"]
    assert any(f["piece"] == "formulaire" for f in body["findings"])
    assert not list((tmp_path / "var").glob("**/*.db")), "check must store nothing"


def test_unknown_procedure_is_one_french_line(tmp_path: Path) -> None:
    (tmp_path / "cerfa.pdf").write_bytes(cerfa_inscription("DUPONT Marie"))
    result = run(tmp_path, "check", "--procedure", "permis_de_chasse", "cerfa.pdf")
    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0
    assert "permis_de_chasse" in result.stderr and "n'existe pas" in result.stderr
    assert result.stdout == ""


def test_procedures_lists_the_catalogue(tmp_path: Path) -> None:
    listing = run(tmp_path, "procedures", "--json")
    assert listing.returncode == 0, listing.stderr
    procedures = {p["id"]: p for p in json.loads(listing.stdout)}
    assert procedures["logement_social"]["service"] == "social"
    assert any(p["id"] == "bulletins_salaire" for p in procedures["logement_social"]["pieces"])
    detail = run(tmp_path, "procedures", "mariage")
    assert detail.returncode == 0 and "Acte de naissance" in detail.stdout
