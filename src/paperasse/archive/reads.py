"""Traces of reads of personal data: who saw which document, dossier or search results.

RGPD accountability asks who saw what. One audit event per view: a document
page (its text, its entities, its original), a document's metadata, a dossier,
a search. Events name the caller and what was seen (ids; for a search its
filters and the ids of the hits shown), never the personal data itself (no
text typed in a search, no entity value looked up).

Without flooding the chain: the same person reading the same thing again within
``READ_WINDOW_SECONDS`` (a page reloaded, a script polling, the original an open
document page shows, the next page of one search) is not traced again. The
window is remembered per process; with several processes a read may be traced
once per process.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from typing import Any

from paperasse.audit.chain import record
from paperasse.auth import Identity
from paperasse.context import Context

log = logging.getLogger(__name__)

READ_WINDOW_SECONDS = 300.0
MAX_REMEMBERED = 50_000
READ_ACTIONS = frozenset({"document.viewed", "document.original_read", "dossier.viewed"})


class _Recent:
    """Keys traced lately, with the time they were; bounded, safe between threads."""

    def __init__(self) -> None:
        self._seen: dict[str, float] = {}
        self._lock = threading.Lock()

    def first_in_window(self, key: str, now: float) -> bool:
        with self._lock:
            seen = self._seen.get(key)
            if seen is not None and now - seen < READ_WINDOW_SECONDS:
                return False
            if len(self._seen) >= MAX_REMEMBERED:
                cutoff = now - READ_WINDOW_SECONDS
                self._seen = {k: t for k, t in self._seen.items() if t >= cutoff}
                while len(self._seen) >= MAX_REMEMBERED:
                    self._seen.pop(next(iter(self._seen)))
            self._seen[key] = now
            return True

    def forget(self, key: str) -> None:
        with self._lock:
            self._seen.pop(key, None)


_RECENT = _Recent()


def trace_read(
    ctx: Context,
    identity: Identity,
    action: str,
    obj: str,
    details: dict[str, Any] | None = None,
    *,
    same_view: str = "",
) -> bool:
    """Record that ``identity`` saw ``obj``, unless they did within the window; True if recorded.

    Reads sharing ``same_view`` (for example a document's page and its original)
    count as one view of ``obj``; otherwise the action and details must match.
    """
    what = same_view or f"{action}:{json.dumps(details or {}, sort_keys=True, default=str)}"
    where = ctx.settings.sqlalchemy_url
    key = hashlib.sha256(f"{where}\x00{identity.actor}\x00{obj}\x00{what}".encode()).hexdigest()
    if not _RECENT.first_in_window(key, time.monotonic()):
        return False
    try:
        with ctx.transaction() as session:
            record(session, identity.actor, action, obj, details)
    except Exception:
        _RECENT.forget(key)
        raise
    log.debug("%s by %s traced on %s", action, identity.actor, obj)
    return True


def trace_document_view(
    ctx: Context, identity: Identity, document_id: str, details: dict[str, Any]
) -> bool:
    """A document seen, on its page (``via: page``, the original included) or as metadata.

    The page and the original it shows are one view; metadata read through the
    API is a view of its own, and so is the download of the original after it.
    """
    view = "document" if details.get("via") == "page" else "metadata"
    return trace_read(
        ctx, identity, "document.viewed", f"document:{document_id}", details, same_view=view
    )


def trace_original_read(ctx: Context, identity: Identity, document_id: str, sha256: str) -> bool:
    """The original's bytes sent: part of the page's view when its page was just seen."""
    details = {"sha256": sha256}
    obj = f"document:{document_id}"
    return trace_read(ctx, identity, "document.original_read", obj, details, same_view="document")


def trace_dossier_view(ctx: Context, identity: Identity, dossier_id: str, via: str) -> bool:
    """A dossier seen (its page, its checks): one event per person, dossier and window."""
    return trace_read(
        ctx, identity, "dossier.viewed", f"dossier:{dossier_id}", {"via": via}, same_view="dossier"
    )
