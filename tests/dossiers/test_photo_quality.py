"""A blurred phone photo of a bill, uploaded to an electoral-roll dossier, is not taken
for the proof of address: the citizen is asked to retake it and told why."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from paperasse.context import Context
from paperasse.ingest.worker import work_once
from tests.dossiers.conftest import upload
from tests.reading.photos import bill, blur, jpeg, on_table

CORNERS = [(210.0, 90.0), (1330.0, 140.0), (1290.0, 1130.0), (170.0, 1090.0)]


def test_a_blurred_photo_of_a_bill_is_asked_again_and_the_proof_stays_missing(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    photo = jpeg(blur(on_table(bill(), CORNERS), 9.0), quality=70)
    body = upload(citizen, dossier["id"], photo, "photo-facture.jpg").json()
    assert body["status"] == "processing"
    assert work_once(ctx, "test")

    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}/checks").json()
    findings = {f["code"]: f for f in view["findings"] if f["document"] or f["piece"]}
    missing = {f["piece"] for f in view["findings"] if f["code"] == "piece_manquante"}
    assert "justificatif_domicile" in missing
    retake = findings["document_illisible"]
    assert retake["document"] == body["document_id"]
    assert "photo-facture.jpg" in retake["hint"]
    assert (
        "Votre photo est floue : reprenez-la à plat, bien éclairée, sans reflet." in retake["hint"]
    )
    provided = {d for p in view["pieces"] for d in p["documents"]}
    assert body["document_id"] not in provided
    assert not view["complete"]
