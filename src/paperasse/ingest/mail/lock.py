"""One reader of a mailbox at a time, released by the system when its holder dies.

Two readers moving the same message at once can leave two copies of it in the
processed folder (IMAP MOVE is not atomic between sessions), so a pass first takes
this lock and a reader that does not get it skips its pass. On PostgreSQL it is an
advisory lock held by the pass's connection (every host shares it); on SQLite,
which lives on one host, an ``flock`` on a file beside the database. Both end with
the process that holds them, SIGKILL included: no lease to wait for.
"""

from __future__ import annotations

import fcntl
import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url

from paperasse.context import Context


@contextmanager
def reading_lock(ctx: Context, mailbox: str) -> Iterator[bool]:
    """Yields True while this process is the mailbox's only reader, False if another is."""
    digest = hashlib.sha256(f"paperasse-mailbox:{mailbox}".encode()).digest()
    if ctx.engine.dialect.name == "postgresql":
        key = int.from_bytes(digest[:8], "big", signed=True)
        with ctx.engine.connect() as conn:
            got = bool(conn.execute(text("SELECT pg_try_advisory_lock(:k)"), {"k": key}).scalar())
            conn.commit()
            try:
                yield got
            finally:
                if got:
                    conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    conn.commit()
        return
    database = make_url(ctx.settings.sqlalchemy_url).database or ""
    folder = Path(database).parent if database not in ("", ":memory:") else ctx.settings.data_dir
    path = folder / f".mailbox-{digest[:6].hex()}.lock"
    with path.open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
