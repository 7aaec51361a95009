"""Originals, sealed: the one way to keep and read a document's bytes.

Each original is encrypted (AES-256-GCM) with a key of its own, kept in the
database (table ``originals``), and stored write-once in the blob store under the
SHA-256 of what was stored. Destroying the key erases the original at once, even
while the store's write-once lock (MinIO object lock) still holds the object:
that is how disposal and RGPD erasure reach originals that the lock forbids
deleting early (crypto-shredding). The object itself is deleted once its lock
lapses (:func:`delete_shredded`).

Keys belong to stored originals, not to documents. Identical bytes in two owner
scopes are two documents sharing one original: they are the same information,
lawfully held by each, and one key for both keeps storage content-addressed. The
key is destroyed when the last document using it goes (:func:`shred_unused`);
while another document still holds the bytes, erasing one document removes that
document (its rows, receipts, index entry) and leaves the other's original intact.

Originals stored before encryption existed stay in clear (``sealed`` false): they
are read as before and erased only by deletion once no lock holds them.
"""

from __future__ import annotations

import datetime as dt
import logging
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from paperasse.context import Context
from paperasse.errors import ConflictError, IntegrityError, NotFoundError
from paperasse.models.records_tables import Original
from paperasse.models.tables import Document, utcnow
from paperasse.storage.hashing import sha256_hex

log = logging.getLogger(__name__)

MAGIC = b"paperasse-aes256gcm-1\n"
NONCE_BYTES = 12


class OriginalShreddedError(ConflictError):
    """The original's key was destroyed between storing and recording: store it again."""

    code = "original_shredded"


def keep(ctx: Context, data: bytes, *, retain_until: dt.datetime | None = None) -> str:
    """Store ``data`` sealed with a key of its own (unless already kept); returns its SHA-256.

    ``retain_until`` locks a newly stored object in the store until then.
    """
    sha256 = sha256_hex(data)
    with ctx.sessions() as session:
        if _live(session, sha256):
            return sha256
    key = AESGCM.generate_key(bit_length=256)
    blob_key = ctx.store.put(_seal(key, sha256, data), retain_until=retain_until)
    with ctx.transaction() as session:
        session.add(
            Original(
                blob_key=blob_key,
                sha256=sha256,
                sealed=True,
                key=key,
                size=len(data),
                retain_until=retain_until,
            )
        )
    log.info("original %s sealed as %s", sha256, blob_key)
    return sha256


def keep_in(ctx: Context, session: Session, data: bytes) -> str:
    """Like :func:`keep`, its key recorded in the caller's transaction; returns its SHA-256.

    For what the service writes itself inside a change (an acknowledgement of
    receipt names the citizen): if that transaction rolls back, the sealed object
    stays behind without a key, unreadable.
    """
    sha256 = sha256_hex(data)
    if _live(session, sha256):
        return sha256
    key = AESGCM.generate_key(bit_length=256)
    blob_key = ctx.store.put(_seal(key, sha256, data))
    session.add(Original(blob_key=blob_key, sha256=sha256, sealed=True, key=key, size=len(data)))
    return sha256


def attach(session: Session, sha256: str) -> None:
    """In the transaction that records a document: the original must still be readable.

    Locks the original's rows, so that a concurrent erasure either sees the new
    document (and keeps the key) or has destroyed the key first, in which case
    this raises OriginalShreddedError and the caller stores the bytes again.
    """
    rows = session.execute(
        select(Original.blob_key)
        .where(Original.sha256 == sha256, Original.shredded_at.is_(None))
        .with_for_update()
    ).all()
    if rows:
        return
    if session.execute(select(Original.blob_key).where(Original.sha256 == sha256)).first():
        raise OriginalShreddedError(
            f"L'original {sha256} vient d'être effacé : il est enregistré à nouveau.",
            details={"sha256": sha256},
        )


def read(ctx: Context, sha256: str, session: Session | None = None) -> bytes:
    """The original's bytes, checked against ``sha256``.

    NotFoundError once it was destroyed (disposal or erasure), IntegrityError
    when the stored object or its seal no longer matches.
    """
    if session is None:
        with ctx.sessions() as own:
            rows = _rows(own, sha256)
    else:
        rows = _rows(session, sha256)
    live = [r for r in rows if r.shredded_at is None]
    if not rows:
        return ctx.store.open(sha256)  # stored before originals were recorded
    if not live:
        when = max(r.shredded_at for r in rows if r.shredded_at is not None)
        raise NotFoundError(
            f"L'original {sha256} a été détruit le {when:%d/%m/%Y} "
            "(élimination réglementaire ou effacement) : il ne peut plus être lu.",
            details={"sha256": sha256},
        )
    row = live[0]
    blob = ctx.store.open(row.blob_key)
    if not row.sealed:
        return blob
    assert row.key is not None
    data = _unseal(row.key, sha256, blob)
    if sha256_hex(data) != sha256:
        raise IntegrityError(
            f"L'original {sha256} déchiffré ne correspond pas à son empreinte SHA-256.",
            details={"sha256": sha256},
        )
    return data


def readable(session: Session, sha256: str) -> bool:
    """Whether the original can still be read (its key, or its clear copy, is there)."""
    rows = _rows(session, sha256)
    return not rows or any(r.shredded_at is None for r in rows)


def retain(ctx: Context, session: Session, sha256: str, until: dt.datetime) -> bool:
    """Keep the stored object locked until ``until`` at least; True when a lock was extended."""
    extended = False
    for row in _rows(session, sha256):
        if row.shredded_at is not None or (row.retain_until and row.retain_until >= until):
            continue
        row.retain_until = ctx.store.retain(row.blob_key, until)
        extended = True
    return extended


def lock(session: Session, sha256: str) -> None:
    """Take the original's row locks first, before deleting documents that use it.

    Erasures lock in this order (original, then documents), like intake, so that
    the two never wait on each other in a circle.
    """
    session.execute(
        select(Original.blob_key).where(Original.sha256 == sha256).with_for_update()
    ).all()


def shred_unused(session: Session, sha256: str, reason: str) -> bool:
    """Destroy the original's key when no document uses it any more; True if destroyed.

    Call it in the transaction that deleted the documents, after :func:`lock`.
    Originals kept in clear are only marked: :func:`delete_shredded` deletes them.
    """
    users = session.execute(
        select(func.count()).select_from(Document).where(Document.sha256 == sha256)
    ).scalar_one()
    if users:
        return False
    now = utcnow()
    rows = [r for r in _rows(session, sha256) if r.shredded_at is None]
    for row in rows:
        row.key, row.shredded_at, row.shred_reason = None, now, reason[:64]
    log.info("original %s shredded (%s)", sha256, reason)
    return bool(rows)


def delete_shredded(ctx: Context) -> tuple[int, int]:
    """Delete the stored objects of destroyed originals whose lock lapsed.

    Returns (deleted, still locked). Runs after the erasing transaction commits,
    so that a rolled-back erasure never loses bytes.
    """
    with ctx.sessions() as session:
        rows = list(
            session.execute(
                select(Original).where(
                    Original.shredded_at.is_not(None), Original.blob_deleted_at.is_(None)
                )
            ).scalars()
        )
    deleted = locked = 0
    for row in rows:
        try:
            ctx.store.delete(row.blob_key)
        except ConflictError:
            locked += 1
            continue
        with ctx.transaction() as session:
            stored = session.get(Original, row.blob_key)
            if stored is not None:
                stored.blob_deleted_at = utcnow()
        deleted += 1
    return deleted, locked


def _rows(session: Session, sha256: str) -> list[Original]:
    stmt = select(Original).where(Original.sha256 == sha256).order_by(Original.created_at)
    return list(session.execute(stmt).scalars())


def _live(session: Session, sha256: str) -> bool:
    stmt = select(Original.blob_key).where(
        Original.sha256 == sha256, Original.shredded_at.is_(None)
    )
    return session.execute(stmt).first() is not None


def _seal(key: bytes, sha256: str, data: bytes) -> bytes:
    nonce = os.urandom(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, sha256.encode("ascii"))


def _unseal(key: bytes, sha256: str, blob: bytes) -> bytes:
    if not blob.startswith(MAGIC):
        raise IntegrityError(f"L'original {sha256} n'est pas un original scellé par paperasse.")
    body = blob[len(MAGIC) :]
    nonce, sealed = body[:NONCE_BYTES], body[NONCE_BYTES:]
    try:
        return AESGCM(key).decrypt(nonce, sealed, sha256.encode("ascii"))
    except InvalidTag as e:
        raise IntegrityError(
            f"L'original {sha256} ne se déchiffre pas avec sa clé : il a été altéré.",
            details={"sha256": sha256},
        ) from e
