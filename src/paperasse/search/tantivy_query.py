"""Build the tantivy query of a ``SearchQuery``.

Every filter, the permission filter first, is a scoreless ``Must`` clause of
one boolean query, so tantivy never even scores a document the caller may not
see. Text parts are analysed here with the same French analyzer as the index,
so "l'électricité" or "FACTURES" reach the engine as the stems it stored.
"""

from __future__ import annotations

import tantivy

from paperasse.search.tantivy_schema import (
    PHRASE_FIELDS,
    TEXT_FIELDS,
    day_start,
)
from paperasse.search.textquery import TextPart, parse_text
from paperasse.search.types import SearchQuery, as_utc, normalize_entity

Clause = tuple[tantivy.Occur, tantivy.Query]


def build_query(
    schema: tantivy.Schema, analyzer: tantivy.TextAnalyzer, q: SearchQuery
) -> tantivy.Query:
    """The whole query: text parts and filters, all required."""
    must = tantivy.Occur.Must
    clauses = [(must, part) for part in text_queries(schema, analyzer, q.text)]
    # Filters score 0 so that relevance depends on the text alone.
    clauses += [(must, tantivy.Query.const_score_query(f, 0.0)) for f in filters(schema, q)]
    return tantivy.Query.boolean_query(clauses)


def text_queries(
    schema: tantivy.Schema, analyzer: tantivy.TextAnalyzer, text: str
) -> list[tantivy.Query]:
    """One query per word or phrase; each matches in any text field."""
    out: list[tantivy.Query] = []
    for part in parse_text(text):
        query = _part_query(schema, analyzer, part)
        if query is not None:
            out.append(query)
    return out


def _part_query(
    schema: tantivy.Schema, analyzer: tantivy.TextAnalyzer, part: TextPart
) -> tantivy.Query | None:
    tokens = [(t.position, t.text) for t in analyzer.pre_tokenize(part.text).tokens]
    if not tokens:
        return None
    should: list[Clause] = []
    if len(tokens) == 1:
        for field, boost in TEXT_FIELDS.items():
            term = tantivy.Query.term_query(schema, field, tokens[0][1])
            should.append((tantivy.Occur.Should, tantivy.Query.boost_query(term, boost)))
    else:
        # Relative positions keep the gaps left by dropped elisions, as indexed.
        first = tokens[0][0]
        words: list[str | tuple[int, str]] = [(pos - first, tok) for pos, tok in tokens]
        for field in PHRASE_FIELDS:
            phrase = tantivy.Query.phrase_query(schema, field, words)
            should.append(
                (tantivy.Occur.Should, tantivy.Query.boost_query(phrase, TEXT_FIELDS[field]))
            )
    return tantivy.Query.boolean_query(should)


def filters(schema: tantivy.Schema, q: SearchQuery) -> list[tantivy.Query]:
    """The permission filter and every metadata filter of ``q``."""
    out = [tantivy.Query.term_set_query(schema, "principals", list(q.principals))]
    for field, values in (
        ("doc_type", q.doc_types),
        ("service", q.services),
        ("status", q.statuses),
        ("source", q.sources),
    ):
        if values:
            out.append(tantivy.Query.term_set_query(schema, field, list(values)))
    if q.dossier_id:
        out.append(tantivy.Query.term_query(schema, "dossier_id", q.dossier_id))
    if q.entity_value is not None:
        out.append(tantivy.Query.term_query(schema, "entities", normalize_entity(q.entity_value)))
    if q.date_from is not None or q.date_to is not None:
        out.append(
            tantivy.Query.range_query(
                schema,
                "received_at",
                tantivy.FieldType.Date,
                lower_bound=as_utc(q.date_from) if q.date_from else None,
                upper_bound=as_utc(q.date_to) if q.date_to else None,
                include_upper=q.date_to is None,
            )
        )
    if q.issue_from is not None or q.issue_to is not None:
        out.append(
            tantivy.Query.range_query(
                schema,
                "issue_date",
                tantivy.FieldType.Date,
                lower_bound=day_start(q.issue_from) if q.issue_from else None,
                upper_bound=day_start(q.issue_to) if q.issue_to else None,
            )
        )
    return out
