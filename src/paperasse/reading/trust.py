"""Which fields read on a document are stated as facts, and the holder and dates they give.

Sources, most trusted first: a 2D-Doc whose signature verifies, an MRZ whose check
digits hold (and a second reading confirmed), a labelled value found on the page
by the positions of its words and read with good OCR confidence. Each reader gives
its fields a confidence; below ``TRUSTED`` a field is not stated at all (say
nothing rather than something wrong). When sources disagree on a field, the most
trusted one wins and the others' values for it are dropped, never mixed: a holder's
surname and given names always come from one source.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable

from paperasse.models.domain import Holder, ReadField

log = logging.getLogger(__name__)

TRUSTED = 0.8
SOURCE_RANK = {"2d-doc": 0, "mrz": 1, "label": 2}
NAME_FIELDS = ("surname", "given_names", "full_name")


def merge_fields(groups: Iterable[list[ReadField]]) -> list[ReadField]:
    """One trusted field per name: the most trusted source's, its surest reading first."""
    best: dict[str, ReadField] = {}
    for field in (f for group in groups for f in group):
        if field.confidence < TRUSTED:
            continue
        kept = best.get(field.name)
        if kept is None or _rank(field) < _rank(kept):
            if kept is not None and kept.value != field.value:
                log.info(
                    "field %s: %s says %r, %s says %r; the first is kept",
                    field.name,
                    field.source,
                    field.value,
                    kept.source,
                    kept.value,
                )
            best[field.name] = field
    return sorted(best.values(), key=lambda f: (_rank(f), f.page, f.name))


def _rank(field: ReadField) -> tuple[int, float, int]:
    return (SOURCE_RANK.get(field.source, len(SOURCE_RANK)), -field.confidence, field.page)


def holder_from(fields: list[ReadField]) -> Holder | None:
    """The holder from the most trusted source that names one, or None.

    The surname and given names are taken together from that source; a source that
    printed the name as one line (``full_name``) gives it whole.
    """
    names = [f for f in fields if f.name in NAME_FIELDS]
    if not names:
        return None
    source = min(names, key=_rank).source
    own = {f.name: f for f in names if f.source == source}
    surname, given, whole = own.get("surname"), own.get("given_names"), own.get("full_name")
    used = [f for f in (surname, given, whole) if f is not None]
    confidence = min(f.confidence for f in used)
    if surname is not None:
        given_names = given.value.replace(",", " ").split() if given else []
        full_name = " ".join([*given_names, surname.value.upper()])
        return Holder(
            full_name=full_name,
            surname=surname.value.upper(),
            given_names=given_names,
            source=source,
            confidence=confidence,
        )
    if whole is not None:
        return Holder(full_name=whole.value, source=source, confidence=confidence)
    return None


def date_field(fields: list[ReadField], name: str) -> dt.date | None:
    """The trusted date ``name`` (issue_date, expiry_date, birth_date...), or None."""
    for field in fields:
        if field.name == name:
            try:
                return dt.date.fromisoformat(field.value)
            except ValueError:
                log.warning(
                    "field %s from %s is not an ISO date: %r", name, field.source, field.value
                )
                return None
    return None
