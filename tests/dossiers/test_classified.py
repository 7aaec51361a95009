"""The whole chain, upload to hint, with the real document-type classifier.

# DEPENDS ON THE SHIPPED CLASSIFIER (paperasse/classify/data/doctype.pkl.gz):
# these tests let the pipeline decide the type of realistic French documents;
# they are skipped, with that reason, while no model is shipped.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from paperasse.checks import add_months
from paperasse.classify.model.store import shipped_model_path
from tests.cli.test_check import run
from tests.dossiers.conftest import today, upload
from tests.dossiers.papers import cerfa_inscription, edf_bill, identity_card

pytestmark = pytest.mark.skipif(
    not shipped_model_path().exists(), reason="no shipped document-type model yet"
)


def test_upload_answers_type_and_findings_in_the_same_response(
    citizen: TestClient, dossier: dict[str, Any]
) -> None:
    bill = edf_bill("Marie DUPONT", today() - dt.timedelta(days=12))
    body = upload(citizen, dossier["id"], bill, "facture-edf.pdf").json()
    assert body["status"] == "processed", body
    assert body["doc_type"] == "facture_energie" and body["doc_type_confidence"] >= 0.6
    view = body["dossier"]
    assert not [f for f in view["findings"] if f["piece"] == "justificatif_domicile"]
    missing = {f["piece"] for f in view["findings"] if f["code"] == "piece_manquante"}
    assert missing == {"piece_identite", "formulaire"}


def test_a_too_old_bill_is_told_at_upload(citizen: TestClient, dossier: dict[str, Any]) -> None:
    bill = edf_bill("Marie DUPONT", add_months(today(), -6))
    view = upload(citizen, dossier["id"], bill, "vieille-facture.pdf").json()["dossier"]
    [finding] = [f for f in view["findings"] if f["piece"] == "justificatif_domicile"]
    assert finding["code"] == "document_trop_ancien"
    assert "vieille-facture.pdf" in finding["hint"]


def test_a_full_dossier_is_complete(citizen: TestClient, dossier: dict[str, Any]) -> None:
    card = identity_card("DUPONT", "Marie", dt.date(2022, 3, 1), dt.date(2032, 2, 28))
    upload(citizen, dossier["id"], card, "cni.pdf")
    upload(citizen, dossier["id"], cerfa_inscription("DUPONT Marie"), "cerfa.pdf")
    bill = edf_bill("Marie DUPONT", today() - dt.timedelta(days=20))
    view = upload(citizen, dossier["id"], bill, "facture.pdf").json()["dossier"]
    types = {d["filename"]: d["doc_type"] for d in view["documents"]}
    assert types == {
        "cni.pdf": "carte_identite",
        "cerfa.pdf": "formulaire_cerfa",
        "facture.pdf": "facture_energie",
    }
    assert view["complete"] is True, view["findings"]


def test_cli_check_names_the_types(tmp_path: Path) -> None:
    (tmp_path / "facture.pdf").write_bytes(edf_bill("Marie DUPONT", dt.date(2025, 10, 3)))
    result = run(
        tmp_path, "check", "--procedure", "inscription_listes_electorales", "facture.pdf",
        "--date", "2026-01-20", "--json",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    [doc] = body["documents"]
    assert doc["doc_type"] == "facture_energie"
    codes = {f["code"] for f in body["findings"]}
    assert "document_trop_ancien" in codes
