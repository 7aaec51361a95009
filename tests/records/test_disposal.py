"""A document passes its DUA, is listed, approved, disposed of; its certificate holds."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from sqlalchemy import select

from paperasse import originals
from paperasse.archive.indexer import drain_all
from paperasse.audit.verify import verify_chain
from paperasse.context import Context
from paperasse.errors import InputError, NotFoundError
from paperasse.models.records_tables import Original
from paperasse.models.tables import AuditEvent, Document
from paperasse.records import certificate, disposal
from paperasse.records.holds import place_hold
from paperasse.records.retention import due, sync_locks
from paperasse.search.types import SearchQuery

from .conftest import ARCHIVIST, add_document, document_ids, years_ago


def _search_ids(ctx: Context, words: str) -> set[str]:
    drain_all(ctx, ctx.search)
    query = SearchQuery(text=words, principals=["role:admin"], limit=50)
    return {hit.id for hit in ctx.search.query(query).hits}


def test_a_document_past_its_dua_is_listed_approved_and_destroyed(rctx: Context) -> None:
    old = add_document(rctx, "Relevé d'identité bancaire ancien", received=years_ago(2))
    recent = add_document(rctx, "Relevé d'identité bancaire récent")
    with rctx.sessions() as session:
        sha = session.get(Document, old).sha256  # type: ignore[union-attr]
        assert [s.document_id for s in due(session)] == [old]
    assert _search_ids(rctx, "bancaire") == {old, recent}

    disposal_id = disposal.propose(rctx, "user:archiviste")
    assert disposal_id is not None
    assert disposal.propose(rctx, "user:archiviste") is None  # already on a list
    with pytest.raises(InputError):
        disposal.approve(rctx, "user:archiviste", disposal_id, visa="")
    cert = disposal.approve(rctx, "user:archiviste", disposal_id, visa="AD n° 2026-114")

    assert document_ids(rctx) == {recent}
    assert _search_ids(rctx, "bancaire") == {recent}
    with pytest.raises(NotFoundError):
        originals.read(rctx, sha)
    with rctx.sessions() as session:
        row = session.execute(select(Original).where(Original.sha256 == sha)).scalar_one()
        assert row.key is None and row.shredded_at is not None
        assert verify_chain(session, rctx.store).ok
    assert cert["nombre"] == 1 and cert["documents"][0]["sha256"] == sha
    assert cert["visa"] == "AD n° 2026-114"
    assert cert["regles"]["document:rib"]["dua_annees"] == 1
    json_name, pdf_name = certificate.names(disposal_id)
    assert json.loads(rctx.store.get_named(json_name)) == cert
    assert rctx.store.get_named(pdf_name).startswith(b"%PDF")
    assert disposal.verify(rctx, disposal_id).ok
    with rctx.sessions() as session:
        details = [e.details for e in session.execute(select(AuditEvent)).scalars()]
    assert not any("piece.pdf" in d for d in details)  # the trail keeps no file name


def test_a_held_document_is_not_disposed_of(rctx: Context) -> None:
    held = add_document(
        rctx, "Quittance de loyer", doc_type="quittance_loyer", received=years_ago(3)
    )
    free = add_document(
        rctx, "Avis d'imposition", doc_type="avis_imposition", received=years_ago(3)
    )
    disposal_id = disposal.propose(rctx, "user:archiviste")
    assert disposal_id is not None
    place_hold(
        rctx, ARCHIVIST, f"document:{held}", "Contentieux en cours au tribunal administratif"
    )
    cert = disposal.approve(rctx, "user:archiviste", disposal_id, visa="AD 2026-7")
    assert document_ids(rctx) == {held}
    assert [d["document"] for d in cert["documents"]] == [free]
    assert cert["ecartes"] == [{"document": held, "raison": "document gelé depuis la proposition"}]
    assert disposal.propose(rctx, "user:archiviste") is None  # held: never listed again


def test_a_tampered_certificate_fails_verification(rctx: Context) -> None:
    add_document(rctx, "Attestation CAF", doc_type="attestation_caf", received=years_ago(2))
    disposal_id = disposal.propose(rctx, "user:archiviste")
    assert disposal_id is not None
    disposal.approve(rctx, "user:archiviste", disposal_id, visa="AD 2026-8")
    with rctx.transaction() as session:
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "records.disposed")
        ).scalar_one()
        event.details = event.details.replace('"destroyed": 1', '"destroyed": 2')
    result = disposal.verify(rctx, disposal_id)
    assert not result.ok and "journal d'audit" in result.problems[0]


def test_store_locks_follow_the_dua(rctx: Context) -> None:
    doc = add_document(rctx, "Facture d'eau", doc_type="facture_eau")
    assert sync_locks(rctx) == 1
    with rctx.sessions() as session:
        row = session.execute(select(Original)).scalar_one()
        received = session.get(Document, doc).received_at  # type: ignore[union-attr]
    assert row.retain_until is not None
    assert row.retain_until.date() >= received.date() + dt.timedelta(days=365)
    assert rctx.store.retained_until(row.blob_key) == row.retain_until
    assert sync_locks(rctx) == 0  # never shortened, nothing to extend
