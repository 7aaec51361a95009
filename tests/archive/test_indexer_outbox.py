"""The outbox indexer under concurrency: no change is dropped, no stale reading wins."""

from __future__ import annotations

import threading
from collections.abc import Sequence

import pytest
from sqlalchemy import delete, select, text

from paperasse.archive.indexer import DRAIN_LOCK, drain_all, drain_outbox
from paperasse.context import Context
from paperasse.ingest.deposit import Depositor, deposit
from paperasse.models.tables import Outbox
from paperasse.search.tantivy_index import TantivySearchIndex
from paperasse.search.types import IndexedDocument, SearchQuery
from tests.samples import make_pdf

CLI = Depositor("cli", "test")


class CommitDuringDrain(TantivySearchIndex):
    """A real tantivy index during whose first write another transaction commits a row."""

    def __init__(self, ctx: Context, row: Outbox) -> None:
        super().__init__(None)
        self.ctx, self.row = ctx, row

    def index(self, documents: Sequence[IndexedDocument]) -> None:
        if self.row is not None:
            with self.ctx.transaction() as session:
                session.add(self.row)
            self.row = None
        super().index(documents)


def _outbox_ids(ctx: Context) -> list[int]:
    with ctx.sessions() as session:
        return list(session.execute(select(Outbox.id).order_by(Outbox.id)).scalars())


def test_a_change_committed_during_a_drain_under_a_smaller_id_is_kept(ctx: Context) -> None:
    """PostgreSQL hands out ids before commit: row 11 may appear after 10 and 12 were read."""
    docs = [deposit(ctx, make_pdf(f"Courrier {n}"), f"c{n}.pdf", CLI).document_id for n in range(3)]
    with ctx.transaction() as session:
        session.execute(delete(Outbox))
        session.add_all([Outbox(id=10, document_id=docs[0], op="index")])
        session.add_all([Outbox(id=12, document_id=docs[1], op="index")])
    index = CommitDuringDrain(ctx, Outbox(id=11, document_id=docs[2], op="index"))
    assert drain_outbox(ctx, index) == 2
    assert _outbox_ids(ctx) == [11], "the row committed meanwhile was not indexed: it must stay"
    assert drain_outbox(ctx, index) == 1
    hits = index.query(SearchQuery(text="", principals=["role:admin"])).hits
    assert {hit.id for hit in hits} == set(docs)


def test_one_process_drains_at_a_time_on_postgresql(ctx: Context) -> None:
    if ctx.engine.dialect.name != "postgresql":
        pytest.skip("SQLite: the tantivy index has one writer, the serve process")
    doc = deposit(ctx, make_pdf("Demande de raccordement"), "r.pdf", CLI).document_id
    index = TantivySearchIndex(None)
    done = threading.Event()
    with ctx.engine.connect() as other:
        other.execute(text(f"SELECT pg_advisory_lock({DRAIN_LOCK})"))
        drainer = threading.Thread(target=lambda: (drain_all(ctx, index), done.set()))
        drainer.start()
        assert not done.wait(1.0), "drained while another process was draining"
        assert _outbox_ids(ctx), "the outbox was read while another process was draining"
        other.execute(text(f"SELECT pg_advisory_unlock({DRAIN_LOCK})"))
        other.commit()
    drainer.join(30)
    assert done.is_set() and not _outbox_ids(ctx)
    hits = index.query(SearchQuery(text="", principals=["role:admin"])).hits
    assert [hit.id for hit in hits] == [doc]
