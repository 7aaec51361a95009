"""The audit trail detects every kind of tampering."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import delete, select, update

from paperasse.audit.chain import GENESIS, chain_hash, event_fields, record
from paperasse.audit.digest import write_digest
from paperasse.audit.verify import verify_chain
from paperasse.context import Context
from paperasse.errors import ConflictError
from paperasse.models.tables import AuditEvent, AuditHead


def _append(ctx: Context, count: int) -> None:
    for i in range(count):
        with ctx.transaction() as session:
            record(session, "agent:test", "document.received", f"document:{i}", {"n": i})


def _verify(ctx: Context, with_digests: bool = False):  # type: ignore[no-untyped-def]
    with ctx.sessions() as session:
        return verify_chain(session, ctx.store if with_digests else None)


def test_intact_chain_verifies(ctx: Context) -> None:
    _append(ctx, 5)
    report = _verify(ctx)
    assert report.ok and report.events == 5


def test_each_hash_covers_the_event_and_the_previous_hash(ctx: Context) -> None:
    _append(ctx, 2)
    with ctx.sessions() as session:
        first, second = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
    assert first.prev_hash == GENESIS and second.prev_hash == first.hash
    fields = event_fields(2, second.at, second.actor, second.action, second.object, second.details)
    assert second.hash == chain_hash(fields, first.hash)
    assert json.loads(second.details) == {"n": 1}


def test_modified_event_is_named(ctx: Context) -> None:
    _append(ctx, 5)
    with ctx.transaction() as session:
        session.execute(update(AuditEvent).where(AuditEvent.seq == 3).values(actor="intrus"))
    report = _verify(ctx)
    assert not report.ok and report.bad_seq == 3 and "modifié" in report.reason


def test_deleted_event_is_named(ctx: Context) -> None:
    _append(ctx, 5)
    with ctx.transaction() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.seq == 2))
    report = _verify(ctx)
    assert not report.ok and report.bad_seq == 2


def test_inserted_event_is_named(ctx: Context) -> None:
    _append(ctx, 4)
    with ctx.transaction() as session:
        rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq.desc())).scalars().all()
        for row in rows:
            if row.seq >= 3:
                row.seq += 1
                session.flush()
        second = next(r for r in rows if r.seq == 2)
        fields = event_fields(3, second.at, "intrus", "document.deleted", "document:x", "{}")
        session.add(
            AuditEvent(
                seq=3,
                at=second.at,
                actor="intrus",
                action="document.deleted",
                object="document:x",
                details="{}",
                prev_hash=second.hash,
                hash=chain_hash(fields, second.hash),
            )
        )
    report = _verify(ctx)
    assert not report.ok and report.bad_seq == 4


def test_reordered_events_are_named(ctx: Context) -> None:
    _append(ctx, 4)
    with ctx.transaction() as session:
        two = session.get(AuditEvent, 2)
        three = session.get(AuditEvent, 3)
        assert two is not None and three is not None
        columns = ("at", "actor", "action", "object", "details", "prev_hash", "hash")
        saved = {c: getattr(two, c) for c in columns}
        for c in columns:
            setattr(two, c, getattr(three, c))
            setattr(three, c, saved[c])
    report = _verify(ctx)
    assert not report.ok and report.bad_seq == 2


def _rewrite_all(ctx: Context, actor: str) -> None:
    """Rewrite every event consistently, as an intruder with database access would."""
    with ctx.transaction() as session:
        prev = GENESIS
        for row in session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars():
            row.actor = actor
            fields = event_fields(row.seq, row.at, row.actor, row.action, row.object, row.details)
            row.prev_hash, row.hash = prev, chain_hash(fields, prev)
            prev = row.hash
        session.execute(update(AuditHead).values(hash=prev))


def test_rewritten_chain_passes_alone_but_not_against_digests(ctx: Context) -> None:
    _append(ctx, 3)
    with ctx.transaction() as session:
        assert write_digest(session, ctx.store) == 3
    _append(ctx, 2)
    _rewrite_all(ctx, "intrus")
    assert _verify(ctx).ok, "a consistent rewrite defeats the chain alone"
    report = _verify(ctx, with_digests=True)
    assert not report.ok and report.bad_seq == 3 and "réécrit" in report.reason


def test_truncated_chain_is_caught_by_digests(ctx: Context) -> None:
    _append(ctx, 4)
    with ctx.transaction() as session:
        write_digest(session, ctx.store)
    with ctx.transaction() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.seq == 4))
        third = session.get(AuditEvent, 3)
        assert third is not None
        session.execute(update(AuditHead).values(seq=3, hash=third.hash))
    assert _verify(ctx).ok, "a truncation that also moves the head passes the chain alone"
    report = _verify(ctx, with_digests=True)
    assert not report.ok and report.bad_seq == 4


def test_digest_is_write_once(ctx: Context) -> None:
    _append(ctx, 2)
    for _ in range(2):
        with ctx.transaction() as session:
            write_digest(session, ctx.store)
    names = ctx.store.list_named("audit/digests/")
    assert names == ["audit/digests/000000000002.json"]
    with pytest.raises(ConflictError):
        ctx.store.put_named(names[0], b'{"seq": 2, "hash": "forged"}')


def test_concurrent_appends_keep_one_chain(ctx: Context) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(4) as pool:
        list(pool.map(lambda _: _append(ctx, 5), range(4)))
    report = _verify(ctx)
    assert report.ok and report.events == 20
