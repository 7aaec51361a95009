"""``read_fields``: the labelled fields of a document, read from its word boxes.

For each page, words are grouped into lines, every label of the document type's
specification (and the shared stop labels) is found, and each field's labels are
tried in the order the specification lists them, each place in reading order: the
first value that reads as the field's kind with enough confidence is kept.

Confidence of a field = quality of the label match (1 - edits / label length) x
confidence of the value's words (half their mean, half their minimum, over 100; the
words of a text layer count 100, those it draws over a scanned image 70) x a factor of
the kind (0.97 for a date printed without separators, 0.9 for a surname told from
given names by printing order only). A value a check key confirms (IBAN, NIR, numéro
fiscal) counts its words as at least 0.95.

Fields under ``THRESHOLD`` are not returned: saying nothing is better than stating a
wrong name or date. At 0.8, a word read by Tesseract at 60 next to words at 95 sinks a
value (0.5 x 0.95 + 0.5 x 0.6 = 0.78), one edit in a label of 10 letters costs 10 %,
and a text layer laid over a scan by unknown software never carries a field alone.
"""

from __future__ import annotations

import datetime as dt
import functools
import logging
import re
from collections.abc import Iterator

from paperasse.models.domain import UNKNOWN_TYPE, PageText, ReadField
from paperasse.reading.layout.kinds import Lexicon, Parsed, parse_value, word_key
from paperasse.reading.layout.labels import Label, LabelMatch, compact, find_labels, fold
from paperasse.reading.layout.lines import Line, group_lines
from paperasse.reading.layout.specs import GENERIC, DocSpec, FieldSpec, load_specs, load_vocabulary
from paperasse.reading.layout.values import Piece, Value, value_below, value_right

log = logging.getLogger(__name__)

THRESHOLD = 0.8
CHECKED_FLOOR = 0.95

_Page = tuple[PageText, list[Line], list[LabelMatch]]


def spec_for(doc_type: str | None) -> DocSpec:
    """The specification of ``doc_type``; the generic one for None, ``autre`` or no spec."""
    specs = load_specs()
    if doc_type is None or doc_type == UNKNOWN_TYPE or doc_type not in specs:
        return specs[GENERIC]
    return specs[doc_type]


@functools.cache
def lexicon() -> Lexicon:
    """Words no name holds: every label word of every type, instructions, small words."""
    vocabulary = load_vocabulary()
    particles = frozenset(word_key(p) for p in vocabulary.particles)
    texts = [*vocabulary.stop_labels]
    for spec in load_specs().values():
        texts.extend([*spec.stop_labels, *(t for f in spec.fields for t in f.labels)])
    label_words = {w for text in texts for w in re.findall(r"[^\W\d_]{2,}", fold(text))}
    label_words.update(word_key(w) for w in vocabulary.not_name_words)
    return Lexicon(
        not_name=frozenset(label_words - particles),
        instructions=frozenset(word_key(w) for w in vocabulary.instruction_words),
        particles=particles,
        civilities=frozenset(word_key(c) for c in vocabulary.civilities),
    )


def _labels(spec: DocSpec) -> list[Label]:
    labels: list[Label] = []
    for field in spec.fields:
        checked = field.kind == "iban" or field.checksum is not None
        labels.extend(
            Label(t, field.name, priority=i, self_checking=checked)
            for i, t in enumerate(field.labels)
        )
        labels.extend(
            Label(t, field.name, re.compile(t), priority=len(field.labels) + i)
            for i, t in enumerate(field.label_patterns)
        )
    owned = {compact(label.text) for label in labels}
    stops = [*spec.stop_labels, *load_vocabulary().stop_labels]
    labels.extend(Label(text, None) for text in stops if compact(text) not in owned)
    return labels


def _confidence(value: Value, parsed: Parsed) -> float:
    scores = [w.confidence / 100 for w in value.words_in(parsed.start, parsed.end)]
    if not scores:
        return 0.0
    words_confidence = 0.5 * sum(scores) / len(scores) + 0.5 * min(scores)
    if parsed.checked:
        words_confidence = max(words_confidence, CHECKED_FLOOR)
    return words_confidence * parsed.factor


def _values(
    field: FieldSpec, lines: list[Line], matches: list[LabelMatch], match: LabelMatch
) -> Iterator[Value]:
    order = {
        "right": ("right",), "below": ("below",), "right_or_below": ("right", "below"),
        "below_or_right": ("below", "right"),
    }[field.where]  # fmt: skip
    for side in order:
        if side == "right":
            value = value_right(
                lines, matches, match, max_lines=field.max_lines, max_gap=field.max_gap
            )
        else:
            value = value_below(lines, matches, match, max_lines=field.max_lines)
        if value is not None:
            yield value
            if field.max_lines > 1:
                return  # what lies under a value that did not read is not the rest of it


def _line_values(line: Line) -> Iterator[Value]:
    """The line read from each of its words on: a value with no label may start anywhere."""
    for first in range(len(line.words)):
        offset = line.spans[first][0]
        pieces = tuple(
            Piece(w, s - offset, e - offset)
            for w, (s, e) in zip(line.words[first:], line.spans[first:], strict=True)
        )
        yield Value(line.text[offset:], pieces, 1)


def _field(
    field: FieldSpec, page: PageText, value: Value, parsed: Parsed, score: float
) -> list[ReadField]:
    confidence = round(score * _confidence(value, parsed), 3)
    text = value.text[parsed.start : parsed.end]
    if confidence < THRESHOLD:
        log.debug(
            "page %d: %s %r left out (confidence %.2f)", page.number, field.name, text, confidence
        )
        return []
    fields = [
        ReadField(
            name=field.name,
            value=parsed.value,
            source="label",
            confidence=confidence,
            page=page.number,
            text=text,
        )
    ]
    fields.extend(
        ReadField(
            name=name,
            value=extra,
            source="label",
            confidence=confidence,
            page=page.number,
            text=text,
        )
        for name, extra in parsed.extra
    )
    return fields


def _places(
    field: FieldSpec, pages: list[_Page]
) -> list[tuple[PageText, list[Line], list[LabelMatch], LabelMatch]]:
    """Where the field's labels were found: by label priority, then in reading order.

    With ``first_only``, only the first place in reading order, whatever its label.
    """
    places = [
        (index, page, lines, matches, match)
        for index, (page, lines, matches) in enumerate(pages)
        for match in matches
        if match.owner == field.name
    ]
    if field.first_only:
        places.sort(key=lambda p: (p[0], p[4].line, p[4].start))
        places = places[:1]
    else:
        places.sort(key=lambda p: (p[4].label.priority, p[0], p[4].line, p[4].start))
    return [(page, lines, matches, match) for _, page, lines, matches, match in places]


def _read_field(field: FieldSpec, pages: list[_Page], today: dt.date) -> list[ReadField]:
    words = lexicon()
    if field.where == "anywhere":
        for page, lines, _ in pages:
            for line in lines:
                for value in _line_values(line):
                    parsed = parse_value(field, value.text, words, today=today)
                    if parsed is not None and (found := _field(field, page, value, parsed, 1.0)):
                        return found
        return []
    for page, lines, matches, match in _places(field, pages):
        for value in _values(field, lines, matches, match):
            parsed = parse_value(field, value.text, words, today=today)
            if parsed is not None:
                found = _field(field, page, value, parsed, match.score)
                if found:
                    return found
                break
    return []


def read_fields(
    doc_type: str | None, pages: list[PageText], *, today: dt.date | None = None
) -> list[ReadField]:
    """The fields printed next to their labels on a document of type ``doc_type``.

    ``doc_type`` is a classifier label; for None or ``autre`` only the generic fields
    whose labels cannot mislead are read. Each field has ``source="label"`` and the
    confidence described in the module docstring; fields under ``THRESHOLD`` and
    fields whose value is blank, is another label or is instructions are left out.
    ``today`` bounds plausible dates (default: today).
    """
    today = today or dt.date.today()
    spec = spec_for(doc_type)
    labels = _labels(spec)
    prepared: list[_Page] = []
    for page in pages:
        if page.words:
            lines = group_lines(page.words)
            fuzzy = page.source != "text-layer"
            prepared.append((page, lines, find_labels(lines, labels, fuzzy=fuzzy)))
    found: dict[str, ReadField] = {}
    for field in spec.fields:
        if field.name in found:
            continue
        for read in _read_field(field, prepared, today):
            found.setdefault(read.name, read)
    return list(found.values())
