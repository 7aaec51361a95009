"""Commands that search the archive and rebuild its index."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys

from tqdm import tqdm

from paperasse.auth import Identity, get_user, identity_of
from paperasse.cli.common import Subparsers, context
from paperasse.context import Context
from paperasse.settings import Settings

OPERATOR = Identity(user_id="cli", username="cli", role="admin", display_name="exploitant")


def _identity(ctx: Context, username: str | None) -> Identity:
    """Search with a user's rights (--as), or as the operator who runs the command."""
    if not username:
        return OPERATOR
    with ctx.sessions() as session:
        return identity_of(get_user(session, username))


def cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    from paperasse.archive.search import catch_up, parse_facets, received_between, search_as
    from paperasse.search.types import SearchQuery

    with context(settings) as ctx:
        catch_up(ctx)
        start, end = received_between(args.date_from, args.date_to)
        query = SearchQuery(
            text=" ".join(args.query),
            doc_types=args.type or [],
            services=args.service or [],
            date_from=start,
            date_to=end,
            entity_value=args.entity,
            facets=parse_facets(args.facets),
            sort=args.sort,
            limit=args.limit,
            search_after=args.cursor,
            principals=[],
        )
        result = search_as(ctx, _identity(ctx, args.as_user), query)
    if args.json:
        body = result.model_dump(mode="json")
        body["hits"] = [
            {
                "id": h.id,
                "score": h.score,
                "type": h.doc_type,
                "page": h.page,
                "snippet": h.snippet,
                "title": h.title,
            }
            for h in result.hits
        ]
        print(json.dumps(body, ensure_ascii=False, indent=2))
        return 0
    print(f"{result.total} document(s)")
    for hit in result.hits:
        page = f" p.{hit.page}" if hit.page else ""
        print(f"{hit.id}\t{hit.doc_type or '-'}{page}\t{hit.title}")
    return 0


def cmd_reindex(_args: argparse.Namespace, settings: Settings) -> int:
    from sqlalchemy import func, select

    from paperasse.archive.indexer import reindex
    from paperasse.models.tables import Document

    with context(settings) as ctx:
        with ctx.sessions() as session:
            total = session.execute(select(func.count()).select_from(Document)).scalar_one()
        hidden = not sys.stderr.isatty()
        with tqdm(total=total, unit="document", file=sys.stderr, disable=hidden) as bar:
            count = reindex(ctx, ctx.search, on_batch=bar.update)
    print(f"index reconstruit : {count} documents")
    return 0


def register(sub: Subparsers) -> None:
    search = sub.add_parser("search", help="chercher dans les archives")
    search.add_argument("query", nargs="*", metavar="MOTS", help='mots ou "expression exacte"')
    search.add_argument("--type", action="append", help="type de document (répétable)")
    search.add_argument("--service", action="append", help="service (répétable)")
    search.add_argument(
        "--from", dest="date_from", type=dt.date.fromisoformat, help="reçu à partir du AAAA-MM-JJ"
    )
    search.add_argument(
        "--to", dest="date_to", type=dt.date.fromisoformat, help="reçu jusqu'au AAAA-MM-JJ inclus"
    )
    search.add_argument("--entity", help="valeur exacte : IBAN, NIR, SIRET, nom...")
    search.add_argument("--facets", help="doc_type,service,year")
    search.add_argument("--sort", choices=("relevance", "date"), default="relevance")
    search.add_argument("--limit", type=int, default=20)
    search.add_argument("--cursor", help="suite des résultats (next_cursor)")
    search.add_argument("--as", dest="as_user", help="chercher avec les droits de cet utilisateur")
    search.add_argument("--json", action="store_true")
    search.set_defaults(handler=cmd_search)

    reindex = sub.add_parser("reindex", help="reconstruire l'index de recherche depuis la base")
    reindex.set_defaults(handler=cmd_reindex)
