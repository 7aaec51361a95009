"""Opaque pagination cursors (``search_after``).

A cursor is URL-safe base64 of a small JSON object tagged with the sort it
belongs to; each backend decides what else it holds. Relevance cursors hold
an offset on both engines: tantivy cannot filter on score, and osmem-server
(our test server) compares rounded scores in ``search_after``. Offsets are
exact on an unchanged index; when documents arrive between two pages a few
hits may repeat or be skipped. Exhaustive walks sort by date, whose cursor
holds the last (date, id) and is stable. A cursor that cannot be
read, was made for the other sort, or whose fields are not of the kind each
backend wrote (a forged cursor) is refused with a French message, before it
reaches an engine.
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Mapping
from typing import Any

from paperasse.errors import InputError
from paperasse.search.types import MAX_RELEVANCE_DEPTH

MAX_CURSOR_CHARS = 1024
MAX_TEXT_CHARS = 128
MAX_UNSIGNED = 2**63 - 1
# What a field holds: a non-negative integer, a short text, or a list of those.
UNSIGNED, TEXT, KEYS = "unsigned", "text", "keys"


def encode_cursor(sort: str, payload: dict[str, Any]) -> str:
    """Pack ``payload`` for the given sort into a cursor string."""
    raw = json.dumps({"sort": sort, **payload}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str, fields: Mapping[str, str]) -> dict[str, Any]:
    """Unpack a cursor made by ``encode_cursor`` for the same sort, holding ``fields``."""
    if len(cursor) > MAX_CURSOR_CHARS:
        raise _invalid()
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as e:
        raise _invalid() from e
    if not isinstance(data, dict) or data.get("sort") != sort:
        raise _invalid()
    if not all(name in data and _holds(data[name], kind) for name, kind in fields.items()):
        raise _invalid()
    return data


def _holds(value: object, kind: str) -> bool:
    if kind == UNSIGNED:
        return type(value) is int and 0 <= value <= MAX_UNSIGNED
    if kind == TEXT:
        return isinstance(value, str) and len(value) <= MAX_TEXT_CHARS
    return (
        isinstance(value, list)
        and 0 < len(value) <= 4
        and all(_holds(v, UNSIGNED) or _holds(v, TEXT) for v in value)
    )


def _invalid() -> InputError:
    return InputError(
        "Le curseur de pagination est invalide ou ne correspond pas à ce tri : "
        "relancez la recherche depuis la première page."
    )


def relevance_offset(cursor: str | None, limit: int) -> int:
    """Offset held by a relevance cursor, refused beyond MAX_RELEVANCE_DEPTH."""
    offset = int(decode_cursor(cursor, "relevance", {"o": UNSIGNED})["o"]) if cursor else 0
    if offset < 0 or offset + limit > MAX_RELEVANCE_DEPTH:
        raise InputError(
            f"Le tri par pertinence ne va pas au-delà des {MAX_RELEVANCE_DEPTH} premiers "
            "résultats : affinez la recherche ou triez par date pour tout parcourir."
        )
    return offset
