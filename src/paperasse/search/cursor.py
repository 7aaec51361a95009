"""Opaque pagination cursors (``search_after``).

A cursor is URL-safe base64 of a small JSON object tagged with the sort it
belongs to; each backend decides what else it holds. A cursor that cannot be
read, or was made for the other sort, is refused with a French message.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from paperasse.errors import InputError


def encode_cursor(sort: str, payload: dict[str, Any]) -> str:
    """Pack ``payload`` for the given sort into a cursor string."""
    raw = json.dumps({"sort": sort, **payload}, separators=(",", ":"), sort_keys=True)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str) -> dict[str, Any]:
    """Unpack a cursor made by ``encode_cursor`` for the same sort."""
    padded = cursor + "=" * (-len(cursor) % 4)
    try:
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
    except (binascii.Error, ValueError, UnicodeDecodeError) as e:
        raise _invalid() from e
    if not isinstance(data, dict) or data.get("sort") != sort:
        raise _invalid()
    return data


def _invalid() -> InputError:
    return InputError(
        "Le curseur de pagination est invalide ou ne correspond pas à ce tri : "
        "relancez la recherche depuis la première page."
    )
