"""The review's attacks on the audit trail, judged by ``paperasse audit verify`` as a user runs it.

The chain is built through the library (448 events, a seal at 353, as in the
review), then altered the way an intruder with write access to the database (and
to the filesystem store) would, then verified by the real command.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import delete, select, update

from paperasse.audit.chain import chain_hash, event_fields, record
from paperasse.audit.digest import DIGEST_PREFIX, digest_name, write_digest
from paperasse.context import Context, open_context
from paperasse.models.tables import AuditEvent, AuditHead
from paperasse.runtime import Background
from tests.cli.test_commands import run
from tests.conftest import make_settings


@pytest.fixture
def chain(tmp_path: Path) -> Iterator[Context]:
    """448 events in the data folder the command uses, sealed at event 353."""
    ctx = open_context(make_settings(tmp_path))
    append(ctx, 353)
    seal(ctx)
    append(ctx, 95)
    yield ctx
    ctx.close()


def append(ctx: Context, count: int) -> None:
    with ctx.transaction() as session:
        for i in range(count):
            record(session, "user:agent", "document.viewed", f"document:{i}", {"n": i})


def seal(ctx: Context) -> None:
    with ctx.transaction() as session:
        write_digest(session, ctx.store)


def rewrite_from(ctx: Context, first: int) -> None:
    """Rewrite events from ``first`` on with recomputed hashes, and the head with them."""
    with ctx.transaction() as session:
        previous = session.get(AuditEvent, first - 1)
        prev = previous.hash if previous else "0" * 64
        rows = session.execute(
            select(AuditEvent).where(AuditEvent.seq >= first).order_by(AuditEvent.seq)
        ).scalars()
        for row in rows:
            row.actor = "user:intrus"
            fields = event_fields(row.seq, row.at, row.actor, row.action, row.object, row.details)
            row.prev_hash, row.hash = prev, chain_hash(fields, prev)
            prev = row.hash
        session.execute(update(AuditHead).values(hash=prev))


def seals(ctx: Context) -> list[str]:
    return ctx.store.list_named(DIGEST_PREFIX)


def test_the_untouched_chain_is_intact_and_its_unsealed_stretch_is_stated(
    tmp_path: Path, chain: Context
) -> None:
    result = run(tmp_path, "audit", "verify")
    assert result.returncode == 0, result.stderr
    assert "448 événements" in result.stdout
    assert "95 événement(s) postérieur(s) au dernier scellement (n°353)" in result.stdout


def test_events_cut_from_the_end_are_caught(tmp_path: Path, chain: Context) -> None:
    with chain.transaction() as session:
        session.execute(delete(AuditEvent).where(AuditEvent.seq >= 444))
    result = run(tmp_path, "audit", "verify")
    assert result.returncode == 1
    assert "n°444" in result.stderr and "supprimés" in result.stderr


def test_a_rewritten_tail_is_caught_once_a_command_has_sealed_it(
    tmp_path: Path, chain: Context
) -> None:
    password = {"PAPERASSE_NEW_PASSWORD": "tortue-parapluie-lundi-42"}
    added = run(tmp_path, "users", "add", "lucie", "--role", "citoyen", env=password)
    assert added.returncode == 0, added.stderr
    assert digest_name(449) in seals(chain), "the command sealed the event it wrote"
    rewrite_from(chain, 445)
    result = run(tmp_path, "audit", "verify")
    assert result.returncode == 1
    assert "n°449" in result.stderr and "réécrit" in result.stderr


def test_deleted_seals_and_a_rewrite_from_event_10_are_caught(
    tmp_path: Path, chain: Context
) -> None:
    for path in (tmp_path / "var" / "blobs").rglob("*.json"):
        if "digests" in str(path):
            path.unlink()
    assert seals(chain) == []
    rewrite_from(chain, 10)
    assert run(tmp_path, "audit", "verify", "--no-digests").returncode == 0
    result = run(tmp_path, "audit", "verify")
    assert result.returncode == 1
    assert "n°353" in result.stderr and "manque dans le stockage" in result.stderr


def test_a_seal_deleted_from_the_middle_is_caught(tmp_path: Path, chain: Context) -> None:
    append(chain, 10)
    seal(chain)
    append(chain, 10)
    seal(chain)
    middle = digest_name(458)
    assert seals(chain) == [digest_name(353), middle, digest_name(468)]
    for path in (tmp_path / "var" / "blobs").rglob("*458.json"):
        path.unlink()
    result = run(tmp_path, "audit", "verify")
    assert result.returncode == 1
    assert "n°458" in result.stderr and "supprimées" in result.stderr


def test_serve_seals_the_moving_head_by_itself(tmp_path: Path) -> None:
    ctx = open_context(make_settings(tmp_path, audit_digest_seconds=5))
    background = Background(ctx, processing=False, indexing=False)
    background.start()
    try:
        append(ctx, 3)
        deadline = time.monotonic() + 60
        while digest_name(3) not in seals(ctx) and time.monotonic() < deadline:
            time.sleep(0.5)
        assert digest_name(3) in seals(ctx)
        append(ctx, 2)
    finally:
        background.stop()
        ctx.close()
    ctx = open_context(make_settings(tmp_path))
    try:
        assert seals(ctx)[-1] == digest_name(5), "stopping seals the last events"
    finally:
        ctx.close()
