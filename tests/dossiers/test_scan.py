"""A scanned upload: answered ``processing`` at once, judged once a worker has OCR'd it."""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from paperasse.checks import add_months
from paperasse.context import Context
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Dossier
from tests.dossiers.conftest import events, today, upload
from tests.dossiers.papers import edf_bill_text, scan_png


def test_a_scan_is_pending_until_a_worker_has_read_it(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    issued = add_months(today(), -1)
    data = scan_png(edf_bill_text("Marie DUPONT", issued))
    response = upload(citizen, dossier["id"], data, "facture-scannee.png")
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "processing" and body["doc_type"] is None
    assert body["dossier"]["pending"] == [body["document_id"]]
    assert body["dossier"]["final"] is False
    polled = citizen.get(f"/api/v1/dossiers/{dossier['id']}/checks").json()
    assert polled["pending"] == [body["document_id"]]

    assert work_once(ctx, "test")  # the OCR a worker process would do, here in-process
    view = citizen.get(f"/api/v1/dossiers/{dossier['id']}/checks").json()
    assert view["final"] is True and view["pending"] == []
    [doc] = view["documents"]
    assert doc["status"] in ("processed", "needs_review")
    # Read by OCR: the holder and the bill's date reach the dossier.
    assert doc["holder"] == "Marie DUPONT" and doc["issue_date"] == issued.isoformat()
    assert not [f for f in view["findings"] if f["code"] == "document_illisible"]


def test_the_worker_stores_the_dossier_verdict_without_anyone_reading_it(
    citizen: TestClient, ctx: Context, dossier: dict[str, Any]
) -> None:
    issued = add_months(today(), -1)
    data = scan_png(edf_bill_text("Marie DUPONT", issued))
    body = upload(citizen, dossier["id"], data, "facture-scannee.png").json()
    assert body["dossier"]["pending"] == [body["document_id"]]
    seen = len(events(ctx, f"dossier:{dossier['id']}"))

    assert work_once(ctx, "test")
    with ctx.sessions() as session:  # the stored verdict, with no API call in between
        stored = session.get(Dossier, dossier["id"])
        assert stored is not None and stored.verdict is not None
        assert stored.verdict["pending"] == [] and stored.verdict["final"] is True
        [doc] = stored.verdict["documents"]
        assert doc["id"] == body["document_id"] and doc["status"] in ("processed", "needs_review")
        provided = {p["piece"] for p in stored.verdict["pieces"] if p["documents"]}
        assert "justificatif_domicile" in provided
    traced = events(ctx, f"dossier:{dossier['id']}")[seen:]
    assert [(e.actor, e.action) for e in traced] == [("worker", "dossier.checked")]
