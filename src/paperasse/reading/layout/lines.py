"""Group a page's words into lines by their boxes, the way a reader sees rows of text.

OCR words and text-layer words arrive as boxes in page pixels. A line here is a row
across the whole page: two columns side by side on the same baseline share a line,
and the gaps between words tell the columns apart later. Words are chained from left
to right: a word joins the line whose last word overlaps it vertically by at least
half the smaller height and has similar size, so that a slightly tilted row stays one
line and a big stamp or a photo's noise does not swallow its neighbours.
"""

from __future__ import annotations

import bisect
import statistics
from dataclasses import dataclass, field

from paperasse.models.domain import Word

MIN_VERTICAL_OVERLAP = 0.5  # of the smaller height
MAX_HEIGHT_RATIO = 2.5  # a word more than this much taller than its neighbour is elsewhere
MAX_HORIZONTAL_OVERLAP = 0.3  # of the height: OCR boxes of neighbours may touch


@dataclass
class Line:
    """One row of words, left to right, with its text and where each word lies in it."""

    words: list[Word]
    text: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.words.sort(key=lambda w: w.left)
        parts: list[str] = []
        position = 0
        self.spans = []
        for word in self.words:
            self.spans.append((position, position + len(word.text)))
            parts.append(word.text)
            position += len(word.text) + 1
        self.text = " ".join(parts)
        self.starts = [start for start, _ in self.spans]

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.top + w.height for w in self.words)

    @property
    def height(self) -> float:
        """The median word height: one tall word does not make the line tall."""
        return float(statistics.median(w.height for w in self.words))

    def word_at(self, position: int) -> int | None:
        """The index of the word holding character ``position`` of ``text``, if any."""
        index = bisect.bisect_right(self.starts, position) - 1
        if index >= 0 and position < self.spans[index][1]:
            return index
        return None


def _vertical_overlap(a: Word, b: Word) -> float:
    overlap = min(a.top + a.height, b.top + b.height) - max(a.top, b.top)
    return max(overlap, 0) / max(min(a.height, b.height), 1)


def _fits(last: Word, word: Word) -> float | None:
    """How well ``word`` continues a line ending with ``last`` (None: it does not)."""
    if last.left + last.width > word.left + MAX_HORIZONTAL_OVERLAP * word.height:
        return None
    ratio = max(last.height, word.height) / max(min(last.height, word.height), 1)
    if ratio > MAX_HEIGHT_RATIO:
        return None
    overlap = _vertical_overlap(last, word)
    return overlap if overlap >= MIN_VERTICAL_OVERLAP else None


def group_lines(words: list[Word]) -> list[Line]:
    """The page's lines, top to bottom, each with its words from left to right."""
    rows: list[list[Word]] = []
    for word in sorted((w for w in words if w.text.strip()), key=lambda w: (w.left, w.top)):
        best: list[Word] | None = None
        best_score = 0.0
        bottom = word.top + word.height
        for row in rows:
            last = row[-1]
            if last.top >= bottom or last.top + last.height <= word.top:
                continue
            score = _fits(last, word)
            if score is None:
                continue
            gap = word.left - (row[-1].left + row[-1].width)
            score -= max(gap, 0) / max(word.height, 1) / 1000.0
            if best is None or score > best_score:
                best, best_score = row, score
        if best is None:
            rows.append([word])
        else:
            best.append(word)
    lines = [Line(row) for row in rows]
    lines.sort(key=lambda line: (line.top + line.bottom) / 2)
    return lines
