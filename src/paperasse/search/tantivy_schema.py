"""Tantivy schema, French analyzer and document conversion.

One tantivy document per archived document. The pages are the values of the
multi-valued ``body`` field, so totals and facets count documents, never
pages; the page of a hit is found afterwards from the snippet's position
(see ``highlight.page_of_offset``). Tantivy leaves a position gap between
values, so a phrase never matches across two pages.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, date, datetime, time

import tantivy

from paperasse.search.types import IndexedDocument, as_utc, normalize_entity

FRENCH = "fr_text"
TEXT_FIELDS: dict[str, float] = {"title": 2.0, "body": 1.0, "holder": 1.5, "filename": 1.0}
PHRASE_FIELDS: tuple[str, ...] = ("title", "body", "holder")
KEYWORD_FIELDS: tuple[str, ...] = ("doc_type", "service", "status", "source")

# Elided articles and pronouns: the simple tokenizer splits "l'électricité"
# into "l" and "électricité"; dropping these single particles is our elision.
_ELISIONS = ["l", "d", "qu", "j", "n", "s", "c", "m", "t", "jusqu", "lorsqu", "puisqu", "quoiqu"]
_TIE_BITS = 31


def french_analyzer() -> tantivy.TextAnalyzer:
    """Lower case, elision, accent folding, French stemming."""
    return (
        tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
        .filter(tantivy.Filter.remove_long(64))
        .filter(tantivy.Filter.lowercase())
        .filter(tantivy.Filter.custom_stopword(_ELISIONS))
        .filter(tantivy.Filter.ascii_fold())
        .filter(tantivy.Filter.stemmer("french"))
        .build()
    )


def build_schema() -> tantivy.Schema:
    """The index schema; changing it requires a reindex."""
    sb = tantivy.SchemaBuilder()
    sb.add_text_field("id", stored=True, tokenizer_name="raw")
    for name in TEXT_FIELDS:
        sb.add_text_field(name, stored=name in ("title", "body"), tokenizer_name=FRENCH)
    for name in KEYWORD_FIELDS:
        sb.add_text_field(name, stored=name == "doc_type", fast=True, tokenizer_name="raw")
    for name in ("principals", "entities", "dossier_id", "procedure"):
        sb.add_text_field(name, tokenizer_name="raw", index_option="basic")
    sb.add_date_field("received_at", stored=True, indexed=True, fast=True)
    sb.add_date_field("issue_date", indexed=True, fast=True)
    sb.add_integer_field("year", indexed=True, fast=True)
    sb.add_unsigned_field("sort_key", indexed=True, fast=True)
    return sb.build()


def day_start(value: date) -> datetime:
    """Midnight UTC of a calendar date, as tantivy stores dates."""
    return datetime.combine(value, time.min, tzinfo=UTC)


def sort_key(doc_id: str, received_at: datetime) -> int:
    """Date-sort key: epoch seconds, then 31 bits of a hash of the id.

    Two documents received in the same second rarely share a key, so the
    date sort almost never has ties to break (the rare ones are broken by id
    at query time). Dates before 1970 sort as 1970.
    """
    seconds = max(int(as_utc(received_at).timestamp()), 0)
    tie = int.from_bytes(hashlib.blake2b(doc_id.encode(), digest_size=4).digest(), "big")
    return (seconds << _TIE_BITS) | (tie >> (32 - _TIE_BITS))


def to_tantivy(doc: IndexedDocument) -> tantivy.Document:
    """Convert an ``IndexedDocument`` to the tantivy document that stores it."""
    received = as_utc(doc.received_at)
    out = tantivy.Document()
    out.add_text("id", doc.id)
    out.add_text("title", doc.title)
    out.add_text("filename", doc.filename)
    out.add_date("received_at", received)
    out.add_integer("year", received.year)
    out.add_unsigned("sort_key", sort_key(doc.id, received))
    for page in doc.pages:
        out.add_text("body", page)
    for name in KEYWORD_FIELDS:
        out.add_text(name, getattr(doc, name))
    for name in ("holder", "dossier_id", "procedure"):
        value = getattr(doc, name)
        if value:
            out.add_text(name, value)
    for principal in doc.principals:
        out.add_text("principals", principal)
    for entity in {normalize_entity(v) for v in doc.entity_values}:
        if entity:
            out.add_text("entities", entity)
    if doc.issue_date is not None:
        out.add_date("issue_date", day_start(doc.issue_date))
    return out
