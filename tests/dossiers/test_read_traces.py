"""Reads of personal data leave one audit event per view, naming what was seen, not the data.

Finding 12 of the security review: viewing a document page (its full text, an
IBAN), its metadata, a dossier, and searching added no audit event.
"""

from __future__ import annotations

import json

from fastapi.testclient import TestClient
from sqlalchemy import select

from paperasse.archive.indexer import drain_all
from paperasse.context import Context
from paperasse.ingest.worker import work_once
from paperasse.models.tables import AuditEvent
from tests.api.conftest import ClientFactory
from tests.samples import make_pdf
from tests.web.conftest import PASSWORD, sign_in

IBAN = "FR7630006000011234567890189"
READS = ("document.viewed", "document.original_read", "dossier.viewed", "search.performed")


def _reads(ctx: Context, seen_from: int = 0) -> list[tuple[str, str, str, dict[str, object]]]:
    with ctx.sessions() as session:
        rows = session.execute(
            select(AuditEvent)
            .where(AuditEvent.action.in_(READS), AuditEvent.seq > seen_from)
            .order_by(AuditEvent.seq)
        ).scalars()
        return [(e.actor, e.action, e.object, json.loads(e.details)) for e in rows]


def _head(ctx: Context) -> int:
    with ctx.sessions() as session:
        return int(
            session.execute(select(AuditEvent.seq).order_by(AuditEvent.seq.desc())).scalar() or 0
        )


def test_document_page_metadata_original_and_search_are_traced(
    ctx: Context, client_as: ClientFactory, app_client: TestClient
) -> None:
    mailroom = client_as("courrier")
    text = f"Demande de remboursement. Virement sur le compte IBAN {IBAN}. Madame Lucie Martin."
    answer = mailroom.post(
        "/api/v1/documents",
        files={"file": ("remboursement.pdf", make_pdf(text))},
        data={"service": "social"},
    )
    doc = answer.json()["id"]
    while work_once(ctx, "test"):
        pass
    drain_all(ctx, ctx.search)
    client_as("agent", services=("social",), name="sophie")
    page = TestClient(app_client.app)
    sign_in(page, "sophie", PASSWORD)
    start = _head(ctx)

    assert page.get(f"/documents/{doc}").status_code == 200
    assert page.get(f"/api/v1/documents/{doc}/original").status_code == 200
    assert page.get(f"/documents/{doc}").status_code == 200
    [(actor, action, obj, details)] = _reads(ctx, start)
    assert (actor, action, obj) == ("user:sophie", "document.viewed", f"document:{doc}")
    assert details["via"] == "page" and details["original"] is True

    api = client_as("agent", services=("social",), name="paul")
    mark = _head(ctx)
    assert api.get(f"/api/v1/documents/{doc}").status_code == 200
    for _ in range(2):
        assert api.get(f"/api/v1/documents/{doc}/original").status_code == 200
    assert [(a, o) for _, a, o, _ in _reads(ctx, mark)] == [
        ("document.viewed", f"document:{doc}"),
        ("document.original_read", f"document:{doc}"),
    ]

    mark = _head(ctx)
    found = page.get("/api/v1/search", params={"q": "remboursement", "entity": IBAN})
    assert found.status_code == 200
    assert page.get("/recherche", params={"q": "remboursement"}).status_code == 200
    searches = _reads(ctx, mark)
    assert [(a, act) for a, act, _, _ in searches] == [("user:sophie", "search.performed")] * 2
    assert searches[0][3]["entity"] is True and searches[0][3]["words"] is True
    assert searches[1][3]["shown"] == [doc] and searches[1][3]["services"] == []
    for _, _, _, details in _reads(ctx):
        dumped = json.dumps(details)
        assert IBAN not in dumped and "remboursement" not in dumped and "Lucie" not in dumped

    assert "Document consulté" in page.get(f"/documents/{doc}").text, "staff see who read it"


def test_a_dossier_view_is_traced_once_however_often_it_is_polled(
    ctx: Context, citizen: TestClient, dossier: dict[str, object]
) -> None:
    start = _head(ctx)
    assert citizen.get(f"/api/v1/dossiers/{dossier['id']}").status_code == 200
    for _ in range(3):
        assert citizen.get(f"/api/v1/dossiers/{dossier['id']}/checks").status_code == 200
    [(actor, action, obj, details)] = _reads(ctx, start)
    assert (action, obj, details) == ("dossier.viewed", f"dossier:{dossier['id']}", {"via": "api"})
    assert actor.startswith("user:citoyen")
