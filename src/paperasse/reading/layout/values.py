"""Take the words a label points at: to its right on the same line, or just below it.

To the right, the value runs from the label to the next label, a wide gap or a run of
filler (dots, underscores) once it has begun. Below, it is the first line under the
label that has words in the label's column (from the label's left edge to the next
label on the label's line), starting under the label itself; a label found there means
the field is blank. Lines holding only OCR noise there (words read with a confidence
under 30, the specks of a security background) are looked through. A value may
continue on the next lines of the same column when they follow closely (an address),
up to the field's ``max_lines``.

Distances are measured in heights of the label's line, so that they hold at any
resolution: a phone photo at 4000 pixels and a text layer at 300 dpi alike.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from paperasse.models.domain import Word
from paperasse.reading.layout.labels import LabelMatch
from paperasse.reading.layout.lines import Line

FIRST_GAP = 12.0  # label to value on the same line, in label heights (a field may widen it)
NEXT_GAP = 2.5  # between two words of a value
BELOW_GAP = 2.0  # label line to value line
LINE_GAP = 1.0  # between two lines of a value, in value heights
COLUMN_SLACK = 1.0  # a value below may start this much left of its label
NOISE_CONFIDENCE = 30.0  # OCR words below this are specks of a security background
_FILLER = re.compile(r"^[\s._\-…·•:|=~—–*]+$")
_LEADING = " :.-–—=/|•*>°º)]"


@dataclass(frozen=True)
class Piece:
    """The part of a value's text that one word gave."""

    word: Word
    start: int
    end: int


@dataclass(frozen=True)
class Value:
    """The text a label points at (lines joined by a newline) and the words it came from."""

    text: str
    pieces: tuple[Piece, ...]
    line_count: int

    def words_in(self, start: int, end: int) -> list[Word]:
        """The words that gave characters ``start`` to ``end`` of the text."""
        return [p.word for p in self.pieces if p.start < end and start < p.end]


@dataclass
class _Builder:
    parts: list[str]
    pieces: list[Piece]
    length: int = 0

    def add(self, text: str, word: Word) -> None:
        if self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append(" ")
            self.length += 1
        self.parts.append(text)
        self.pieces.append(Piece(word, self.length, self.length + len(text)))
        self.length += len(text)

    def newline(self) -> None:
        self.parts.append("\n")
        self.length += 1

    def value(self, line_count: int) -> Value | None:
        text = "".join(self.parts).strip()
        return Value(text, tuple(self.pieces), line_count) if text else None


def is_filler(text: str) -> bool:
    """True for dotted lines, underscores and lone punctuation: the blank of a form."""
    return bool(_FILLER.match(text))


def _labels_on(matches: list[LabelMatch], line: int) -> list[LabelMatch]:
    return [m for m in matches if m.line == line]


def _run(
    line: Line,
    indices: list[int],
    builder: _Builder,
    *,
    start: int,
    stop: int,
    previous_right: int | None,
    first_gap: float,
    next_gap: float,
) -> bool:
    """Add the words of ``line`` (by index) from character ``start`` up to ``stop``.

    Returns True when some content was added. Leading punctuation and filler are
    skipped; filler after content, or a gap wider than allowed, ends the run.
    """
    began = False
    for index in indices:
        word = line.words[index]
        word_start, word_end = line.spans[index]
        if word_end <= start:
            continue
        if word_start >= stop:
            break
        piece_start, piece_end = max(word_start, start), min(word_end, stop)
        if previous_right is not None and word_start >= start:
            gap = word.left - previous_right
            if gap > (next_gap if began else first_gap):
                break
        previous_right = word.left + word.width
        text = line.text[piece_start:piece_end]
        if is_filler(text):
            if began:
                break
            continue
        if not began:
            text = text.lstrip(_LEADING)
            if not text:
                continue
        builder.add(text, word)
        began = True
    return began


def value_right(
    lines: list[Line],
    matches: list[LabelMatch],
    match: LabelMatch,
    *,
    max_lines: int = 1,
    max_gap: float = FIRST_GAP,
) -> Value | None:
    """The value on the label's line, up to the next label or gap, then the lines under it."""
    line = lines[match.line]
    later = [m for m in _labels_on(matches, match.line) if m.start >= match.end]
    builder = _Builder([], [])
    height = match.height
    if not _run(
        line,
        list(range(len(line.words))),
        builder,
        start=match.end,
        stop=min((m.start for m in later), default=len(line.text)),
        previous_right=match.right,
        first_gap=max_gap * height,
        next_gap=NEXT_GAP * height,
    ):
        return None
    first = builder.pieces[0].word
    right = min((m.left for m in later), default=10**9) - 0.5 * height
    # A value begun right of its label may wrap under the label (``Adresse : 35 rue...``).
    left = min(first.left, match.left) - COLUMN_SLACK * height
    column = _Column(left, right, (first.left, match.left))
    count = _more_lines(lines, matches, builder, match.line + 1, column, line.bottom, max_lines)
    return builder.value(count)


@dataclass(frozen=True)
class _Column:
    """Where a value's next lines may lie, and where they may start."""

    left: float
    right: float
    starts: tuple[int, ...]


def _column(line: Line, column: _Column) -> list[int]:
    return [i for i, w in enumerate(line.words) if column.left <= w.left < column.right]


def _add_line(
    line: Line, number: int, matches: list[LabelMatch], indices: list[int], builder: _Builder
) -> bool:
    """Add a line's words in the column; False when it starts with a label or holds none."""
    labels_here = _labels_on(matches, number)
    first_start = line.spans[indices[0]][0]
    if any(m.start <= first_start < m.end for m in labels_here):
        return False
    mark = (len(builder.parts), builder.length)
    if builder.pieces:
        builder.newline()
    stop = min((m.start for m in labels_here if m.start > first_start), default=len(line.text))
    gap = NEXT_GAP * line.height
    if _run(
        line,
        indices,
        builder,
        start=first_start,
        stop=stop,
        previous_right=None,
        first_gap=gap,
        next_gap=gap,
    ):
        return True
    del builder.parts[mark[0] :]
    builder.length = mark[1]
    return False


def _more_lines(
    lines: list[Line],
    matches: list[LabelMatch],
    builder: _Builder,
    number: int,
    column: _Column,
    previous_bottom: float,
    max_lines: int,
) -> int:
    """Continue a value on the lines that closely follow it in its column; lines in all."""
    count = 1
    for line_number in range(number, len(lines)):
        if count >= max_lines:
            break
        line = lines[line_number]
        if (line.top + line.bottom) / 2 <= previous_bottom:
            continue
        if line.top - previous_bottom > LINE_GAP * line.height:
            break
        indices = _column(line, column)
        if not indices:
            continue  # a line of another column, set a little higher or lower
        start = line.words[indices[0]].left
        if all(abs(start - place) > 2 * line.height for place in column.starts):
            break
        if not _add_line(line, line_number, matches, indices, builder):
            break
        count += 1
        previous_bottom = line.bottom
    return count


def value_below(
    lines: list[Line], matches: list[LabelMatch], match: LabelMatch, *, max_lines: int = 1
) -> Value | None:
    """The value under the label, in its column, on up to ``max_lines`` lines."""
    height = match.height
    later = [m.left for m in _labels_on(matches, match.line) if m.start >= match.end]
    right = min(later, default=10**9) - 0.5 * height
    probe = _Column(match.left - COLUMN_SLACK * height, right, (match.left,))
    for number in range(match.line + 1, len(lines)):
        line = lines[number]
        if (line.top + line.bottom) / 2 <= match.bottom:
            continue
        if line.top - match.bottom > BELOW_GAP * height:
            return None
        indices = _column(line, probe)
        if all(line.words[i].confidence < NOISE_CONFIDENCE for i in indices):
            continue
        first = line.words[indices[0]]
        builder = _Builder([], [])
        if first.left > match.right or not _add_line(line, number, matches, indices, builder):
            return None
        column = _Column(first.left - COLUMN_SLACK * line.height, right, (first.left,))
        count = _more_lines(lines, matches, builder, number + 1, column, line.bottom, max_lines)
        return builder.value(count)
    return None
