"""Identical bytes uploaded by two citizens: each reads only their own document, everywhere.

Finding 2 of the security review: citizen B uploading bytes identical to citizen
A's document used to get a receipt on A's document, then read A's filename,
entities, procedure and history, and B's agent could download it.
"""

from __future__ import annotations

from typing import Any

from fastapi.testclient import TestClient

from paperasse.archive.indexer import drain_all
from paperasse.context import Context
from paperasse.models.calendar import add_months
from tests.api.conftest import ClientFactory
from tests.dossiers.conftest import today, upload
from tests.dossiers.papers import edf_bill
from tests.web.conftest import PASSWORD, sign_in


def _open(client: TestClient, procedure: str, applicant: str) -> str:
    body = {"procedure": procedure, "persons": {"applicant": applicant}}
    answer = client.post("/api/v1/dossiers", json=body)
    assert answer.status_code == 201, answer.text
    return str(answer.json()["id"])


def _search_ids(client: TestClient) -> tuple[list[str], dict[str, Any]]:
    body = client.get("/api/v1/search", params={"q": "facture", "facets": "service"}).json()
    return [hit["id"] for hit in body["hits"]], body["facets"]["service"]


def test_each_citizen_reads_only_their_own_copy(
    ctx: Context, client_as: ClientFactory, app_client: TestClient
) -> None:
    alice = client_as("citoyen", name="alice")
    bruno = client_as("citoyen", name="bruno")
    a_dossier = _open(alice, "inscription_listes_electorales", "DUPONT Marie")
    b_dossier = _open(bruno, "aide_sociale_ccas", "DUPONT Marie")
    data = edf_bill("DUPONT Marie", add_months(today(), -1))
    a_doc = upload(alice, a_dossier, data, "facture-alice.pdf").json()["document_id"]
    b_doc = upload(bruno, b_dossier, data, "facture-bruno.pdf").json()["document_id"]
    assert a_doc != b_doc

    meta = bruno.get(f"/api/v1/documents/{b_doc}")
    assert meta.status_code == 200 and meta.json()["original_filename"] == "facture-bruno.pdf"
    for path in (f"/api/v1/documents/{a_doc}", f"/api/v1/documents/{a_doc}/original"):
        assert bruno.get(path).status_code == 404
    assert bruno.get(f"/api/v1/dossiers/{a_dossier}").status_code == 404
    documents = bruno.get(f"/api/v1/dossiers/{b_dossier}").json()["documents"]
    assert [d["id"] for d in documents] == [b_doc]

    page = TestClient(app_client.app)
    sign_in(page, "bruno", PASSWORD)
    own = page.get(f"/documents/{b_doc}")
    assert own.status_code == 200 and "facture-bruno.pdf" in own.text
    for foreign in ("facture-alice.pdf", a_dossier, a_doc, "alice", "listes électorales"):
        assert foreign not in own.text, f"{foreign} shown to bruno"
    assert page.get(f"/documents/{a_doc}").status_code == 404

    social = client_as("agent", services=("social",))
    elections = client_as("agent", services=("elections",))
    assert social.get(f"/api/v1/documents/{b_doc}/original").status_code == 200
    assert social.get(f"/api/v1/documents/{a_doc}").status_code == 404
    assert elections.get(f"/api/v1/documents/{a_doc}").status_code == 200
    assert elections.get(f"/api/v1/documents/{b_doc}").status_code == 404
    again = page.get(f"/documents/{b_doc}").text
    assert "consulté" not in again, "a citizen is not shown which agent read their document"

    drain_all(ctx, ctx.search)
    for client, own_doc in ((bruno, b_doc), (social, b_doc), (alice, a_doc), (elections, a_doc)):
        ids, facets = _search_ids(client)
        assert ids == [own_doc] and sum(facets.values()) == 1
    archivist = client_as("archiviste")
    assert sorted(_search_ids(archivist)[0]) == sorted([a_doc, b_doc])
