"""The search page: one box, filters, clickable facet counts, highlighted snippets."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from paperasse.archive.search import received_between, search_as
from paperasse.context import Context
from paperasse.errors import InputError
from paperasse.models.domain import DOC_LABELS, SERVICES
from paperasse.search.types import SearchQuery, SearchResult
from paperasse.web.access import PageRoute, Viewer, ViewerDep
from paperasse.web.labels import doc_type_label, service_label
from paperasse.web.rendering import render

router = APIRouter(route_class=PageRoute, include_in_schema=False)
PAGE_SIZE = 20


@dataclass(frozen=True)
class FacetLink:
    label: str
    count: int
    href: str
    active: bool


@dataclass(frozen=True)
class Filters:
    """The search as the form holds it; ``params`` rebuilds its URL."""

    q: str
    types: list[str]
    services: list[str]
    date_from: str
    date_to: str

    def params(self, **changes: object) -> list[tuple[str, str]]:
        values: dict[str, object] = {
            "q": self.q,
            "type": self.types,
            "service": self.services,
            "du": self.date_from,
            "au": self.date_to,
        }
        values.update(changes)
        out: list[tuple[str, str]] = []
        for key, value in values.items():
            for item in value if isinstance(value, list) else [value]:
                if item:
                    out.append((key, str(item)))
        return out

    def href(self, **changes: object) -> str:
        return "/recherche?" + urlencode(self.params(**changes))


def parse_day(text: str) -> dt.date | None:
    """A date typed in the form (ISO from date inputs, or jj/mm/aaaa); None when unreadable."""
    text = text.strip()
    for fmt in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def _toggle(values: list[str], value: str) -> list[str]:
    return [v for v in values if v != value] if value in values else [*values, value]


def facet_links(filters: Filters, result: SearchResult) -> dict[str, list[FacetLink]]:
    """Each facet value as a link that adds (or removes) it from the filters."""
    links: dict[str, list[FacetLink]] = {}
    for code, count in sorted(result.facets.get("doc_type", {}).items(), key=lambda x: -x[1]):
        href = filters.href(type=_toggle(filters.types, code))
        links.setdefault("doc_type", []).append(
            FacetLink(doc_type_label(code), count, href, code in filters.types)
        )
    for code, count in sorted(result.facets.get("service", {}).items(), key=lambda x: -x[1]):
        href = filters.href(service=_toggle(filters.services, code))
        links.setdefault("service", []).append(
            FacetLink(service_label(code), count, href, code in filters.services)
        )
    for year, count in sorted(result.facets.get("year", {}).items(), reverse=True):
        active = filters.date_from == f"{year}-01-01" and filters.date_to == f"{year}-12-31"
        href = filters.href(
            du="" if active else f"{year}-01-01", au="" if active else f"{year}-12-31"
        )
        links.setdefault("year", []).append(FacetLink(str(year), count, href, active))
    return links


@router.get("/recherche")
def search_page(
    request: Request,
    viewer: ViewerDep,
    q: str = "",
    doc_type: Annotated[list[str], Query(alias="type")] = [],  # noqa: B006
    service: Annotated[list[str], Query()] = [],  # noqa: B006
    du: str = "",
    au: str = "",
    suite: str = "",
) -> Response:
    """Search what the viewer may see; "Résultats suivants" follows the engine's cursor."""
    ctx: Context = request.app.state.ctx
    filters = Filters(
        q=q.strip(),
        types=[t for t in doc_type if t in DOC_LABELS],
        services=[s for s in service if s in SERVICES],
        date_from=du.strip(),
        date_to=au.strip(),
    )
    day_from, day_to = parse_day(du), parse_day(au)
    bad_dates = [text for text, day in ((du, day_from), (au, day_to)) if text.strip() and not day]
    try:
        result = _search(ctx, viewer, filters, day_from, day_to, suite)
    except InputError as e:
        return _page(request, viewer, filters, EMPTY, suite, bad_dates, e.message, status=400)
    status = 400 if bad_dates else 200
    return _page(request, viewer, filters, result, suite, bad_dates, "", status=status)


EMPTY = SearchResult(total=0, hits=[], facets={})


def _search(
    ctx: Context,
    viewer: Viewer,
    filters: Filters,
    day_from: dt.date | None,
    day_to: dt.date | None,
    suite: str,
) -> SearchResult:
    start, end = received_between(day_from, day_to)
    query = SearchQuery(
        text=filters.q,
        doc_types=filters.types,
        services=filters.services,
        date_from=start,
        date_to=end,
        facets=["doc_type", "service", "year"],
        sort="relevance" if filters.q else "date",
        limit=PAGE_SIZE,
        search_after=suite or None,
        principals=[],
    )
    return search_as(ctx, viewer.identity, query)


def _page(
    request: Request,
    viewer: Viewer,
    filters: Filters,
    result: SearchResult,
    suite: str,
    bad_dates: list[str],
    error: str,
    *,
    status: int,
) -> Response:
    return render(
        request,
        "recherche.html",
        status=status,
        error=error,
        identity=viewer.identity,
        csrf=viewer.csrf,
        title=f"Recherche : {filters.q}" if filters.q else "Recherche",
        filters=filters,
        result=result,
        facets=facet_links(filters, result),
        next_href=filters.href(suite=result.next_cursor) if result.next_cursor else "",
        first_page=not suite,
        bad_dates=bad_dates,
        doc_types=DOC_LABELS,
        services=SERVICES,
    )
