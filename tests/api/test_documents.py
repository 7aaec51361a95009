"""Upload, read back and refuse bad input through the HTTP API."""

from __future__ import annotations

import hashlib

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select

from paperasse import originals
from paperasse.context import Context
from paperasse.models.records_tables import Original
from paperasse.models.tables import AuditEvent, Document, Job, Outbox, Receipt
from tests.samples import make_pdf, make_png


def _count(ctx: Context, table: type) -> int:
    with ctx.sessions() as session:
        return int(session.execute(select(func.count()).select_from(table)).scalar_one())


def _upload(client: TestClient, data: bytes, name: str = "courrier.pdf"):  # type: ignore[no-untyped-def]
    return client.post("/api/v1/documents", files={"file": (name, data, "application/pdf")})


def test_upload_stores_original_row_job_and_audit_event(client: TestClient, ctx: Context) -> None:
    data = make_pdf("Demande de permis de construire")
    response = _upload(client, data)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["sha256"] == hashlib.sha256(data).hexdigest()
    assert body["mime"] == "application/pdf" and body["created"] is True
    assert originals.read(ctx, body["sha256"]) == data
    assert not ctx.store.exists(body["sha256"])  # stored sealed, under the hash of what was stored
    with ctx.sessions() as session:
        doc = session.get(Document, body["id"])
        assert doc is not None and doc.source == "api" and doc.size == len(data)
        assert session.execute(select(Job).where(Job.document_id == doc.id)).scalar()
        assert session.execute(select(Outbox).where(Outbox.document_id == doc.id)).scalar()
        event = (
            session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc())).scalars().first()
        )
    assert event is not None and event.action == "document.received"
    assert event.object == f"document:{body['id']}" and event.actor == "user:admin1"


def test_same_bytes_twice_give_one_document_and_two_receipts(
    client: TestClient, ctx: Context
) -> None:
    data = make_png("facture")
    first = _upload(client, data, "scan.png").json()
    second = _upload(client, data, "autre-nom.png").json()
    assert first["id"] == second["id"] and second["created"] is False
    assert _count(ctx, Document) == 1 and _count(ctx, Receipt) == 2 and _count(ctx, Job) == 1
    with ctx.sessions() as session:
        actions = session.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).scalars()
        assert list(actions)[-2:] == ["document.received", "document.received_again"]


@pytest.mark.parametrize(
    ("name", "data", "status", "code"),
    [
        ("vide.pdf", b"", 400, "empty_file"),
        ("lettre.pdf", b"PK\x03\x04 this is a docx archive", 415, "unsupported_type"),
        ("notes.pdf", b"Bonjour, ceci est du texte.", 415, "unsupported_type"),
        ("../../etc/passwd", b"%PDF-1.4 fake", 400, "unsafe_filename"),
        ("dossier\\scan.pdf", b"%PDF-1.4 fake", 400, "unsafe_filename"),
    ],
)
def test_bad_input_is_refused_in_french_and_changes_nothing(
    client: TestClient, ctx: Context, name: str, data: bytes, status: int, code: str
) -> None:
    events = _count(ctx, AuditEvent)
    response = client.post("/api/v1/documents", files={"file": (name, data, "application/pdf")})
    assert response.status_code == status
    body = response.json()
    assert body["code"] == code
    assert "fichier" in body["message"].lower() or "document" in body["message"].lower()
    assert _count(ctx, Document) == 0 and _count(ctx, AuditEvent) == events
    assert (
        not list((ctx.settings.blob_path / "originals").rglob("*"))
        if (ctx.settings.blob_path / "originals").exists()
        else True
    )


def test_file_over_the_limit_is_refused(client: TestClient, ctx: Context) -> None:
    ctx.settings.max_upload_mb = 1
    response = _upload(client, b"%PDF-1.4\n" + b"0" * (1024 * 1024 + 10))
    assert response.status_code == 413
    assert response.json()["code"] == "file_too_large" and "1 Mo" in response.json()["message"]
    assert _count(ctx, Document) == 0


def test_metadata_and_verified_original(client: TestClient, ctx: Context) -> None:
    data = make_pdf("Avis d'imposition")
    doc_id = _upload(client, data, "avis impôt.pdf").json()["id"]
    meta = client.get(f"/api/v1/documents/{doc_id}").json()
    assert meta["original_filename"] == "avis impôt.pdf" and meta["status"] == "received"
    assert meta["job"]["status"] == "queued"
    original = client.get(f"/api/v1/documents/{doc_id}/original")
    assert original.status_code == 200 and original.content == data
    assert original.headers["content-type"] == "application/pdf"
    with ctx.sessions() as session:
        actions = list(
            session.execute(select(AuditEvent.action).order_by(AuditEvent.seq)).scalars()
        )
    assert actions[-1] == "document.original_read"


def test_tampered_original_is_not_served(client: TestClient, ctx: Context) -> None:
    data = make_pdf("Acte de naissance")
    body = _upload(client, data).json()
    with ctx.sessions() as session:
        stored = session.execute(
            select(Original.blob_key).where(Original.sha256 == body["sha256"])
        ).scalar_one()
    path = next(p for p in (ctx.settings.blob_path / "originals").rglob(stored))
    path.chmod(0o644)
    path.write_bytes(path.read_bytes() + b"%% falsifie")
    response = client.get(f"/api/v1/documents/{body['id']}/original")
    assert response.status_code == 500 and response.json()["code"] == "integrity_error"


def test_unknown_document_is_404(client: TestClient) -> None:
    response = client.get("/api/v1/documents/0123456789abcdef0123456789abcdef")
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_documents_need_a_signed_in_caller(app_client: TestClient) -> None:
    response = _upload(app_client, make_pdf("anonyme"))
    assert response.status_code == 401 and response.headers["www-authenticate"] == "Bearer"
    assert "Connexion requise" in response.json()["message"]


def test_others_documents_answer_404(client: TestClient, client_as) -> None:  # type: ignore[no-untyped-def]
    doc_id = _upload(client, make_pdf("Dossier social confidentiel")).json()["id"]
    citizen = client_as("citoyen")
    assert citizen.get(f"/api/v1/documents/{doc_id}").status_code == 404
    assert citizen.get(f"/api/v1/documents/{doc_id}/original").status_code == 404
    assert _upload(citizen, make_pdf("x")).status_code == 403


def test_health_and_openapi(client: TestClient) -> None:
    assert client.get("/health").json()["status"] == "ok"
    paths = client.get("/openapi.json").json()["paths"]
    assert "/api/v1/documents" in paths and "/api/v1/documents/{document_id}/original" in paths


def test_agent_correction_is_traced_and_survives_reprocessing(
    client: TestClient, ctx: Context
) -> None:
    from paperasse.ingest.worker import work_once

    doc_id = _upload(client, make_pdf("Lettre de réclamation")).json()["id"]
    assert work_once(ctx, "test")
    response = client.patch(
        f"/api/v1/documents/{doc_id}", json={"doc_type": "courrier", "service": "technique"}
    )
    assert response.status_code == 200, response.text
    assert response.json()["doc_type"] == "courrier" and response.json()["service"] == "technique"
    with ctx.transaction() as session:
        session.add(Job(document_id=doc_id))  # processed again, as after a model update
    assert work_once(ctx, "test")
    with ctx.sessions() as session:
        doc = session.get(Document, doc_id)
        assert doc is not None and doc.doc_type == "courrier" and doc.doc_type_by == "user:admin1"
        last = session.execute(
            select(AuditEvent).where(AuditEvent.action == "document.corrected")
        ).scalar_one()
    assert '"after": {"doc_type": "courrier"' in last.details
    bad = client.patch(f"/api/v1/documents/{doc_id}", json={"doc_type": "licorne"})
    assert bad.status_code == 422 and "licorne" in bad.json()["message"]


def test_only_failed_documents_can_be_retried(client: TestClient, ctx: Context) -> None:
    from paperasse.ingest.worker import work_once

    doc_id = _upload(client, make_pdf("En attente")).json()["id"]
    queued = client.post(f"/api/v1/documents/{doc_id}/retry")
    assert queued.status_code == 200 and queued.json()["status"] == "received"
    assert _count(ctx, Job) == 1  # already queued: nothing added
    assert work_once(ctx, "test")
    done = client.post(f"/api/v1/documents/{doc_id}/retry")
    assert done.status_code == 409 and "échec" in done.json()["message"]
