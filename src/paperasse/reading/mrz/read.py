"""Read the MRZ of a page image: find its band, OCR it with the MRZ alphabet, parse it.

General OCR often garbles an MRZ (security background, small card, photo). Here each
candidate band (``band.py``, squared up on its rows by ``rows.py``) is cut out along
its rows, scaled to rows of ``ROW_PX`` pixels, cleaned of its background and read
by Tesseract restricted to ``A-Z 0-9 <``. The first reading whose check digits all
pass wins. Readings, likeliest first: fillers told by their shape and blanked
(``cells.py``), the band as it is, each row on its own, the gray band, a smaller
scale. The side the fillers' chevrons point to decides whether the band is read
upright or turned 180° first. Attempts are bounded (``MAX_ATTEMPTS`` Tesseract
calls, ``TIME_BUDGET`` seconds), and a band whose reading shows nothing MRZ-like
is dropped at once, so a page without an MRZ costs at most a few small OCR calls.

Only a result whose every check digit holds is returned; readings that parse with
failed checks are logged, never returned (``parse_mrz`` is there for those).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections.abc import Callable
from functools import cached_property

import numpy as np
import pytesseract
from PIL import Image

from paperasse.models.domain import Word
from paperasse.reading.mrz.band import Band, Gray, bands_from_image, bands_from_words
from paperasse.reading.mrz.cells import Grid, blank_cells, fill_cells, filler_cells, grids_for
from paperasse.reading.mrz.crop import clean_background, crop_band
from paperasse.reading.mrz.parse import MrzResult, looks_like_mrz_line, parse_mrz
from paperasse.reading.mrz.repair import clean_line
from paperasse.reading.mrz.rows import best_group, square_up, text_rows

log = logging.getLogger(__name__)

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
LANG = "eng"
ROW_PX = 40  # height of an MRZ row in the crop Tesseract reads
SMALL_ROW_PX = 28
MAX_ATTEMPTS = 12
TIME_BUDGET = 8.0  # seconds for one page
_CONFIG = f"-c tessedit_char_whitelist={MRZ_ALPHABET} -c load_system_dawg=0 -c load_freq_dawg=0"


class _View:
    """One band cut out at one turn and row height, with its rows, grid and fillers."""

    def __init__(self, gray: Gray, band: Band, turn: int, row_px: int) -> None:
        self.gray = crop_band(gray, band, row_px, turn=turn)
        self.binary = clean_background(self.gray, row_px)

    @cached_property
    def grids(self) -> list[Grid]:
        ink = (self.binary == 0).astype(np.uint8)
        group = best_group(text_rows(ink))
        if group is None:
            return []
        return grids_for(ink, [(r.top, r.bottom, r.start, r.end) for r in group]) or []

    @cached_property
    def fillers(self) -> list[list[bool]]:
        return filler_cells((self.binary == 0).astype(np.uint8), self.grids) if self.grids else []

    @property
    def filler_count(self) -> int:
        return sum(sum(row) for row in self.fillers)


def _ocr(image: Gray, psm: int, timeout: float) -> str:
    text: str = pytesseract.image_to_string(
        Image.fromarray(image), lang=LANG, config=f"--psm {psm} {_CONFIG}",
        timeout=max(1.0, timeout),
    )  # fmt: skip
    return text


def _per_row(image: Gray, grids: list[Grid], timeout: float) -> str:
    """Each row of a levelled band read on its own (``--psm 7``)."""
    deadline = time.monotonic() + timeout
    lines = []
    for grid in grids:
        margin = max(2, (grid.bottom - grid.top) // 3)
        cut = image[max(0, grid.top - margin) : grid.bottom + margin]
        lines.append(_ocr(cut, 7, deadline - time.monotonic()).strip())
    return "\n".join(lines)


def _fill(view: _View, text: str) -> str:
    """The blanked band's reading with its fillers put back, row by row."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) != len(view.fillers):
        return ""
    filled = [fill_cells(mask, line) for mask, line in zip(view.fillers, lines, strict=True)]
    return "\n".join(line for line in filled if line is not None)


def _overlay(view: _View, text: str) -> str:
    """A plain reading with the cells seen as fillers forced to ``<`` where OCR read a
    look-alike (``K`` weighs as ``<`` in check digits), if its rows have the grid's length."""
    lines = [clean_line(line) for line in text.splitlines() if len(line.strip()) >= 20]
    if not view.fillers or len(lines) != len(view.fillers):
        return text
    out = []
    for mask, line in zip(view.fillers, lines, strict=True):
        if len(line) != len(mask):
            return text
        out.append(
            "".join("<" if f and c in "<KLECSX" else c for f, c in zip(mask, line, strict=True))
        )
    return "\n".join(out)


def parse_lines(text: str, today: dt.date) -> MrzResult | None:
    """The first group of 3 or 2 consecutive OCR lines that parses with all checks valid."""
    lines = [line for line in text.splitlines() if len(line.replace(" ", "")) >= 20]
    for size in (3, 2):
        for start in range(len(lines) - size + 1):
            result = parse_mrz(lines[start : start + size], today=today)
            if result is not None and result.valid:
                return result
    return None


def _mrz_like(text: str) -> bool:
    return any(looks_like_mrz_line(line) for line in text.splitlines())


Reader = Callable[[_View, float], str]


def _cells(view: _View, timeout: float) -> str:
    if not view.filler_count:
        return ""
    return _fill(view, _ocr(blank_cells(view.binary, view.grids, view.fillers), 6, timeout))


def _cells_per_row(view: _View, timeout: float) -> str:
    if not view.filler_count:
        return ""
    blanked = blank_cells(view.binary, view.grids, view.fillers)
    return _fill(view, _per_row(blanked, view.grids, timeout))


def _plain(view: _View, timeout: float) -> str:
    return _overlay(view, _ocr(view.binary, 6, timeout))


def _gray(view: _View, timeout: float) -> str:
    return _overlay(view, _ocr(view.gray, 6, timeout))


# (reader, row height): after the first two, a band that showed nothing MRZ-like is dropped.
READINGS: tuple[tuple[Reader, int], ...] = (
    (_cells, ROW_PX), (_plain, ROW_PX), (_cells_per_row, ROW_PX), (_gray, ROW_PX),
    (_cells, SMALL_ROW_PX), (_plain, SMALL_ROW_PX),
)  # fmt: skip


def _bands(gray: Gray, words: list[Word] | None) -> list[Band]:
    """Candidate bands squared up on their rows, duplicates dropped."""
    kept: list[Band] = []
    for band in bands_from_words(words or []) + bands_from_image(gray):
        squared = square_up(gray, band)
        if squared is not None and not any(k.contains(squared.cx, squared.cy) for k in kept):
            kept.append(squared)
    return kept


def _turns(gray: Gray, bands: list[Band]) -> list[tuple[Band, int]]:
    """Each band with the turn its fillers' chevrons point to first; a turn where no
    filler shows is kept only upright (for one plain reading)."""
    pairs: list[tuple[int, int, Band, int]] = []
    for order, band in enumerate(bands):
        counts = {turn: _View(gray, band, turn, ROW_PX).filler_count for turn in (0, 180)}
        for turn, count in counts.items():
            if count or turn == 0:
                pairs.append((-count, order, band, turn))
    return [(band, turn) for _, _, band, turn in sorted(pairs, key=lambda p: p[:2])]


def read_mrz(image: Image.Image, words: list[Word] | None = None, *, page: int = 1,
             today: dt.date) -> MrzResult | None:  # fmt: skip
    """The MRZ of an upright page image, only if every one of its check digits holds.

    ``words`` (the page's OCR, in the image's pixels) point to the band when the
    general OCR already saw MRZ-like rows; their text is parsed first. ``today``
    decides the century of birth years. None when no MRZ reads with valid checks,
    after at most ``MAX_ATTEMPTS`` Tesseract calls and about ``TIME_BUDGET`` seconds.
    """
    started = time.monotonic()
    if words:
        direct = parse_lines(_lines_of(words), today)
        if direct is not None:
            return direct
    gray = np.asarray(image.convert("L"), dtype=np.uint8)
    calls = 0
    pairs = _turns(gray, _bands(gray, words))
    for band, turn in pairs:
        for index, (reader, row_px) in enumerate(READINGS):
            remaining = TIME_BUDGET - (time.monotonic() - started)
            if calls >= MAX_ATTEMPTS or remaining <= 0:
                break
            view = _View(gray, band, turn, row_px)
            calls += 1
            try:
                text = reader(view, remaining)
            except RuntimeError:
                log.info("MRZ page %d: Tesseract ran out of time", page)
                return None
            result = parse_lines(text, today)
            if result is not None:
                log.info("MRZ page %d: %s read by %s after %d OCR calls (%.2f s)", page,
                         result.format, reader.__name__, calls,
                         time.monotonic() - started)  # fmt: skip
                return result
            if index == 1 and not _mrz_like(text) and not view.filler_count:
                break
    log.info("MRZ page %d: none read, %d bands, %d OCR calls (%.2f s)", page, len(pairs), calls,
             time.monotonic() - started)  # fmt: skip
    return None


def _lines_of(words: list[Word]) -> str:
    """The words grouped into lines by their vertical overlap, left to right."""
    lines: list[list[Word]] = []
    for word in sorted(words, key=lambda w: (w.top + w.height / 2, w.left)):
        middle = word.top + word.height / 2
        if lines and abs(middle - (lines[-1][0].top + lines[-1][0].height / 2)) < word.height / 2:
            lines[-1].append(word)
        else:
            lines.append([word])
    return "\n".join(" ".join(w.text for w in sorted(line, key=lambda w: w.left)) for line in lines)
