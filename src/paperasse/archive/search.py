"""Searching the archive on behalf of someone: their principals go into the engine query."""

from __future__ import annotations

import datetime as dt
import logging

from paperasse.archive.indexer import drain_all
from paperasse.archive.reads import trace_read
from paperasse.auth import Identity, principals
from paperasse.context import Context
from paperasse.errors import InputError, SearchError
from paperasse.search.types import FACET_NAMES, FacetName, SearchQuery, SearchResult

log = logging.getLogger(__name__)

# Days a search may name: the engines' date types (and day + 1) hold them all.
FIRST_DAY = dt.date(1900, 1, 1)
LAST_DAY = dt.date(2199, 12, 31)


def check_day(day: dt.date | None, what: str) -> dt.date | None:
    """``day`` if a search may use it, else an InputError (400) saying the allowed span."""
    if day is not None and not FIRST_DAY <= day <= LAST_DAY:
        raise InputError(
            f"Date {what} hors limites : {day.strftime('%d/%m/%Y')}. "
            f"Donnez une date entre le {FIRST_DAY.strftime('%d/%m/%Y')} "
            f"et le {LAST_DAY.strftime('%d/%m/%Y')}.",
            details={"date": day.isoformat()},
        )
    return day


def received_between(
    day_from: dt.date | None, day_to: dt.date | None
) -> tuple[dt.datetime | None, dt.datetime | None]:
    """Received-at bounds for whole days, the last day included; InputError out of range."""
    check_day(day_from, "de début")
    check_day(day_to, "de fin")
    if day_from and day_to and day_from > day_to:
        raise InputError(
            "La date de début est postérieure à la date de fin : inversez-les.",
            details={"from": day_from.isoformat(), "to": day_to.isoformat()},
        )
    start = dt.datetime.combine(day_from, dt.time(), tzinfo=dt.UTC) if day_from else None
    end = (
        dt.datetime.combine(day_to + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
        if day_to
        else None
    )
    return start, end


def parse_facets(raw: str | None) -> list[FacetName]:
    """Facet names from "doc_type,service,year"; unknown names are a clear error."""
    names = [name.strip() for name in (raw or "").split(",") if name.strip()]
    unknown = [n for n in names if n not in FACET_NAMES]
    if unknown:
        raise InputError(
            f"Facette inconnue : {', '.join(unknown)}. Possibles : {', '.join(FACET_NAMES)}."
        )
    return [n for n in FACET_NAMES if n in names]


def search_as(ctx: Context, identity: Identity, query: SearchQuery) -> SearchResult:
    """Run ``query`` with exactly the caller's rights, whatever principals it carried.

    The search is traced (``search.performed``): its filters and the ids of the
    hits shown, not the words typed nor an entity value looked up.
    """
    scoped = query.model_copy(update={"principals": principals(identity)})
    result = ctx.search.query(scoped)
    trace_read(ctx, identity, "search.performed", f"user:{identity.username}", _seen(query, result))
    return result


def _seen(query: SearchQuery, result: SearchResult) -> dict[str, object]:
    """What a search showed, for the audit trail: filters and hit ids, no personal data."""
    return {
        "words": bool(query.text.strip()),
        "entity": query.entity_value is not None,
        "types": list(query.doc_types),
        "services": list(query.services),
        "statuses": list(query.statuses),
        "from": query.date_from.isoformat() if query.date_from else None,
        "to": query.date_to.isoformat() if query.date_to else None,
        "dossier": query.dossier_id,
        "sort": query.sort,
        "next_page": query.search_after is not None,
        "total": result.total,
        "shown": [hit.id for hit in result.hits],
    }


def catch_up(ctx: Context) -> int:
    """Index pending changes when this process may write (no service holds the index)."""
    try:
        return drain_all(ctx, ctx.search)
    except SearchError as e:
        log.info("index not updated here (another process writes it): %s", e.message)
        return 0
