"""RGPD: a person's export holds exactly their documents; erasure removes what no rule
protects, from the database, the index and the store, and refuses the rest."""

from __future__ import annotations

import io
import json
import zipfile

from sqlalchemy import select

from paperasse import originals
from paperasse.archive.indexer import drain_all
from paperasse.audit.verify import verify_chain
from paperasse.context import Context
from paperasse.errors import NotFoundError
from paperasse.models.records_tables import Original
from paperasse.models.tables import AuditEvent, Document
from paperasse.records import rgpd
from paperasse.records.holds import place_hold
from paperasse.records.rgpd_export import export
from paperasse.search.types import SearchQuery
from tests.samples import make_pdf

from .conftest import ARCHIVIST, add_document, document_ids, years_ago


def _indexed(ctx: Context) -> set[str]:
    drain_all(ctx, ctx.search)
    query = SearchQuery(text="", principals=["role:admin"], limit=100, highlight=False)
    return {hit.id for hit in ctx.search.query(query).hits}


def _sha(ctx: Context, document_id: str) -> str:
    with ctx.sessions() as session:
        doc = session.get(Document, document_id)
        assert doc is not None
        return doc.sha256


def test_an_export_contains_exactly_the_persons_documents(rctx: Context) -> None:
    mine = {
        add_document(
            rctx, "Facture d'électricité", doc_type="facture_energie", holder="DUPONT Jeanne"
        ),
        add_document(rctx, "Relevé d'identité bancaire", holder="DUPONT Héloïse Jeanne"),
    }
    add_document(rctx, "Avis d'imposition", doc_type="avis_imposition", holder="MARTIN Paul")
    add_document(rctx, "Attestation", doc_type="attestation_caf", holder="DUPONT Jean")

    found = rgpd.find(rctx, "DUPONT Jeanne")
    assert set(found.documents) == mine
    archive = zipfile.ZipFile(io.BytesIO(export(rctx, found, "DUPONT Jeanne")))
    files = {n for n in archive.namelist() if n.startswith("documents/")}
    assert {n.split("/")[1].split(".")[0] for n in files} == mine
    for name in files:
        sha = _sha(rctx, name.split("/")[1].split(".")[0])
        assert archive.read(name) == originals.read(rctx, sha)
    readme = archive.read("LISEZMOI.txt").decode()
    assert "Données détenues par la mairie sur DUPONT Jeanne" in readme
    assert "Documents : 2" in readme
    data = json.loads(archive.read("donnees.json"))
    assert {d["document"] for d in data["documents"]} == mine


def test_erasure_removes_what_no_rule_protects_and_says_why_it_refuses(rctx: Context) -> None:
    old = add_document(rctx, "RIB ancien", holder="DUPONT Jeanne", received=years_ago(2))
    recent = add_document(rctx, "RIB récent", holder="DUPONT Jeanne")
    held = add_document(
        rctx, "Quittance", doc_type="quittance_loyer", holder="DUPONT Jeanne", received=years_ago(2)
    )
    other = add_document(rctx, "RIB d'un autre", holder="MARTIN Paul", received=years_ago(2))
    place_hold(rctx, ARCHIVIST, f"document:{held}", "Enquête de la chambre régionale des comptes")
    old_sha = _sha(rctx, old)
    assert _indexed(rctx) == {old, recent, held, other}

    result = rgpd.erase(rctx, "user:admin", rgpd.find(rctx, "DUPONT Jeanne"))

    assert result.erased == [f"document:{old}"]
    assert "conservation obligatoire jusqu'au" in result.refused[f"document:{recent}"]
    assert "gel" in result.refused[f"document:{held}"]
    assert document_ids(rctx) == {recent, held, other}
    assert _indexed(rctx) == {recent, held, other}
    try:
        originals.read(rctx, old_sha)
        raise AssertionError("the erased original can still be read")
    except NotFoundError:
        pass
    with rctx.sessions() as session:
        row = session.execute(select(Original).where(Original.sha256 == old_sha)).scalar_one()
        assert row.key is None and row.shredded_at is not None
        if row.blob_deleted_at is None:  # still under the bucket's lock: unreadable bytes
            assert rctx.store.retained_until(row.blob_key) is not None
        assert verify_chain(session, rctx.store).ok
        tombstones = (
            session.execute(select(AuditEvent).where(AuditEvent.action == "rgpd.erased"))
            .scalars()
            .all()
        )
    assert [t.object for t in tombstones] == [f"document:{old}"]
    assert all("DUPONT" not in t.details and "Jeanne" not in t.details for t in tombstones)
    assert set(rgpd.find(rctx, "DUPONT Jeanne").documents) == {recent, held}


def test_bytes_arriving_again_after_an_erasure_are_sealed_anew(rctx: Context) -> None:
    data = make_pdf("RIB de retour")
    first = add_document(rctx, "", data=data, holder="DUPONT Jeanne", received=years_ago(2))
    sha = _sha(rctx, first)
    assert rgpd.erase(rctx, "user:admin", rgpd.find(rctx, "DUPONT Jeanne")).erased
    again = add_document(rctx, "", data=data)  # the same bytes, deposited again
    assert again != first and _sha(rctx, again) == sha
    assert originals.read(rctx, sha).startswith(b"%PDF")
    with rctx.sessions() as session:
        rows = session.execute(select(Original).where(Original.sha256 == sha)).scalars().all()
    assert len(rows) == 2 and sum(r.shredded_at is None for r in rows) == 1
