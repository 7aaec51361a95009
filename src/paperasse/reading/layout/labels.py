"""Find printed labels (``NOM / Surname``, ``Titulaire du compte``...) in lines of words.

Labels are compared on folded text (lower case, no accents, typographic apostrophes
made plain), as runs of letters and digits with punctuation and spaces dropped, so
that ``NOM/Surname``, ``Nom / Surname`` and ``NOM :`` all meet the same label. OCR
slips are tolerated by a bounded edit distance that grows with the label's length
(none under 5 characters), after folding the classic confusion ``rn`` -> ``m`` on
both sides. A label of a single word must be set apart from what follows (a colon, a
slash, a wide gap or the end of the line) and start its line or follow a gap or a
delimiter: ``Nom :`` opens a field, ``Nom de l'architecte`` and ``le nom de jeune
fille`` do not (a value with a check key, an IBAN, needs no such care). Edits may not
drop a word of the label (``facture`` is not ``Facture n°``), except that OCR may run
two words of a long label together. Very short labels (``A``, ``C.1``, ``4b.``, the
codes of a carte grise or a driving licence) are matched exactly, punctuation
included, as the first thing on their line or after a wide gap. A label written for
either gender or number (``Salarié(e)``, ``Titulaire(s)``) is the label.

A pattern label (a regular expression on folded text) covers labels with a variable
part, ``facture n° 562044387 du``. When labels overlap, the longest wins: ``NOM
D'USAGE`` hides the ``NOM`` inside it; a pattern label hides nothing.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from paperasse.reading.layout.lines import Line

_TOKEN = re.compile(r"[^\W_]+")
_INFLECTION = re.compile(r"\((?:e|s|es|x|ne)\)", re.IGNORECASE)  # Salarié(e), Titulaire(s)
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "ʼ": "'"})
EXACT_BELOW = 3  # labels shorter than this (compacted) are matched exactly
DELIMITER_GAP = 1.2  # a gap wider than this many heights sets a label apart
DELIMITERS = ":/|=-.)"
MERGED_TOKENS_FROM = 10  # a label this long may come with two of its words run together


def fold(text: str) -> str:
    """Lower case without accents, same length as ``text`` so that offsets carry over."""
    out = []
    for char in text.translate(_APOSTROPHES):
        base = unicodedata.normalize("NFD", char.lower())[:1] or char
        out.append(base)
    return "".join(out)


def compact(text: str) -> str:
    """The letters and digits of folded ``text``, with ``rn`` read as ``m``."""
    return "".join(_TOKEN.findall(fold(text))).replace("rn", "m")


def allowed_edits(length: int) -> int:
    """Edits tolerated on a label of ``length`` compact characters."""
    if length < 5:
        return 0
    if length < 10:
        return 1
    return length // 8


def bounded_distance(a: str, b: str, limit: int) -> int | None:
    """Levenshtein distance of ``a`` and ``b`` if it is at most ``limit``, else None.

    Only the diagonal band of width ``limit`` is computed: labels are short and the
    limit small, and this runs for every word of every page.
    """
    if abs(len(a) - len(b)) > limit:
        return None
    big = limit + 1
    previous = [j if j <= limit else big for j in range(len(b) + 1)]
    for i in range(1, len(a) + 1):
        low, high = max(1, i - limit), min(len(b), i + limit)
        current = [big] * (len(b) + 1)
        current[0] = i if i <= limit else big
        char_a = a[i - 1]
        best = current[0]
        for j in range(low, high + 1):
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != b[j - 1]))
            current[j] = value if value <= limit else big
            best = min(best, current[j])
        if best > limit:
            return None
        previous = current
    return previous[-1] if previous[-1] <= limit else None


@dataclass(frozen=True)
class Label:
    """A label to look for, and whose it is: a field's name, or ``None`` for a stop label."""

    text: str
    owner: str | None
    pattern: re.Pattern[str] | None = None
    priority: int = 0
    self_checking: bool = False

    @functools.cached_property
    def key(self) -> str:
        return compact(self.text)

    @functools.cached_property
    def exact(self) -> bool:
        return self.pattern is None and len(self.key) < EXACT_BELOW

    @functools.cached_property
    def token_count(self) -> int:
        return len(_TOKEN.findall(fold(self.text)))

    @functools.cached_property
    def single_word(self) -> bool:
        return self.pattern is None and self.token_count == 1


@dataclass(frozen=True)
class LabelMatch:
    """Where a label was found: its line, its characters in the line, and how well it read."""

    label: Label
    line: int
    start: int
    end: int
    score: float
    left: int
    right: int
    top: int
    bottom: int

    @property
    def owner(self) -> str | None:
        return self.label.owner

    @property
    def height(self) -> int:
        return max(self.bottom - self.top, 1)


def _tokens(text: str) -> list[tuple[int, int, str]]:
    folded = fold(text)
    return [(m.start(), m.end(), m.group().replace("rn", "m")) for m in _TOKEN.finditer(folded)]


def _box(line: Line, start: int, end: int) -> tuple[int, int, int, int] | None:
    indices = [i for i, (s, e) in enumerate(line.spans) if s < end and e > start]
    if not indices:
        return None
    words = [line.words[i] for i in indices]
    return (
        min(w.left for w in words),
        max(w.left + w.width for w in words),
        min(w.top for w in words),
        max(w.top + w.height for w in words),
    )


def _starts_segment(line: Line, position: int) -> bool:
    """True at the start of a line, after a wide gap or after a delimiter."""
    before = line.text[:position].rstrip(" ")
    if not before or before[-1] in DELIMITERS:
        return True
    index = line.word_at(position)
    previous = line.word_at(len(before) - 1)
    if index is None or previous is None or index == previous:
        return False
    word, last = line.words[index], line.words[previous]
    return word.left - (last.left + last.width) > DELIMITER_GAP * word.height


def _set_apart(line: Line, end: int, right: int, height: float) -> bool:
    """True when nothing follows a label closely on its line but a delimiter."""
    rest = line.text[end:]
    stripped = rest.lstrip(" ")
    if not stripped or stripped[0] in DELIMITERS:
        return True
    if len(stripped) < len(rest) or line.word_at(end) is None:
        index = line.word_at(end + len(rest) - len(stripped))
        if index is not None:
            return line.words[index].left - right > DELIMITER_GAP * height
    return False


def _exact_matches(line: Line, number: int, label: Label) -> list[LabelMatch]:
    found = []
    for index, word in enumerate(line.words):
        if word.text.lower() != label.text.lower():
            continue
        previous = line.words[index - 1] if index else None
        if previous is not None and word.left - (previous.left + previous.width) < (
            DELIMITER_GAP * word.height
        ):
            continue
        start, end = line.spans[index]
        found.append(
            LabelMatch(
                label,
                number,
                start,
                end,
                1.0,
                word.left,
                word.left + word.width,
                word.top,
                word.top + word.height,
            )
        )
    return found


def _pattern_matches(line: Line, number: int, label: Label) -> list[LabelMatch]:
    assert label.pattern is not None
    found = []
    for match in label.pattern.finditer(fold(line.text)):
        box = _box(line, match.start(), match.end())
        if box is not None and match.end() > match.start():
            found.append(LabelMatch(label, number, match.start(), match.end(), 1.0, *box))
    return found


def _word_match(
    line: Line,
    number: int,
    tokens: list[tuple[int, int, str]],
    first: int,
    label: Label,
    *,
    fuzzy: bool,
) -> LabelMatch | None:
    """The label read from token ``first`` of the line on, if it is there."""
    key = label.key
    limit = allowed_edits(len(key)) if fuzzy else 0
    count = label.token_count
    fewest = count - 1 if len(key) >= MERGED_TOKENS_FROM else count
    start = tokens[first][0]
    window = ""
    best: tuple[int, int] | None = None  # distance, end of the window
    for taken, (_, end, token) in enumerate(tokens[first : first + count], start=1):
        window += token
        if len(window) > len(key) + limit:
            break
        if len(window) < len(key) - limit or taken < fewest:
            continue
        distance = 0 if window == key else bounded_distance(window, key, limit)
        if distance is not None and (best is None or distance <= best[0]):
            best = (distance, end)
    if best is None:
        return None
    distance, end = best
    inflection = _INFLECTION.match(line.text, end)
    if inflection is not None:
        end = inflection.end()
    if label.single_word and not label.self_checking and not _starts_segment(line, start):
        return None
    box = _box(line, start, end)
    if box is None:
        return None
    loose = label.self_checking or not label.single_word
    if not loose and not _set_apart(line, end, box[1], line.height):
        return None
    return LabelMatch(label, number, start, end, 1.0 - distance / len(key), *box)


def _hides(kept: LabelMatch, match: LabelMatch) -> bool:
    """True when ``kept`` overlaps ``match``; the same label of two fields both stay.

    A pattern label (``facture n° 123 du``) holds another field's value inside it: it
    neither hides nor is hidden by the labels it overlaps.
    """
    if kept.line != match.line or not (kept.start < match.end and match.start < kept.end):
        return False
    if kept.label.pattern is not None or match.label.pattern is not None:
        return False
    same = (kept.start, kept.end, kept.label.text) == (match.start, match.end, match.label.text)
    return not (same and kept.owner != match.owner)


def find_labels(lines: list[Line], labels: list[Label], *, fuzzy: bool = True) -> list[LabelMatch]:
    """Every label found on the lines, overlaps resolved in favour of the longest.

    ``fuzzy`` tolerates OCR slips; a text layer has none, and is matched exactly.
    """
    patterns = [label for label in labels if label.pattern is not None]
    exact = [label for label in labels if label.pattern is None and label.exact]
    by_first: defaultdict[str, list[Label]] = defaultdict(list)
    for label in labels:
        if label.pattern is None and not label.exact and label.key:
            by_first[label.key[0]].append(label)
    candidates: list[LabelMatch] = []
    for number, line in enumerate(lines):
        tokens = _tokens(line.text)
        if not tokens:
            continue
        for label in patterns:
            candidates.extend(_pattern_matches(line, number, label))
        for label in exact:
            candidates.extend(_exact_matches(line, number, label))
        for index, (_, _, token) in enumerate(tokens):
            for label in by_first.get(token[0], ()):
                match = _word_match(line, number, tokens, index, label, fuzzy=fuzzy)
                if match is not None:
                    candidates.append(match)
    candidates.sort(key=lambda m: (-(m.end - m.start), -m.score, m.line, m.start))
    kept: list[LabelMatch] = []
    for match in candidates:
        if any(_hides(k, match) for k in kept):
            continue
        kept.append(match)
    kept.sort(key=lambda m: (m.line, m.start))
    return kept
