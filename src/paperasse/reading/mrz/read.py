"""Read the MRZ of a page image: find its band, OCR it with the MRZ alphabet, parse it.

General OCR often garbles an MRZ (security background, small card, photo). Here each
candidate band (``band.py``, squared up on its rows by ``rows.py``) is cut out along
its rows, scaled to rows of ``ROW_PX`` pixels, cleaned of its background and read
by Tesseract restricted to ``A-Z 0-9 <``. Readings, likeliest first (``READINGS``):
fillers told by their shape and blanked (``cells.py``), read as a block at two
scales then row by row; the band as it is; the gray band; the band smaller. The side the fillers'
chevrons point to decides whether a band is read upright or turned 180°.

A band that fits no MRZ grid or shows no filler costs no OCR at all, and one whose
plain reading shows nothing MRZ-like is dropped, so a page without an MRZ is done
in a fraction of a second. Attempts are bounded (``MAX_ATTEMPTS`` Tesseract calls,
``TIME_BUDGET`` seconds).

Only a result whose every check digit holds is returned; readings that parse with
failed checks are never returned (``parse_mrz`` is there for those). The names are
confirmed when a second valid reading gives the same MRZ (``confirmed``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import cached_property

import numpy as np
import pytesseract
from PIL import Image

from paperasse.models.domain import Word
from paperasse.reading.mrz.band import Band, Gray, bands_from_image, bands_from_words
from paperasse.reading.mrz.cells import blank_cells, fill_cells, filler_cells
from paperasse.reading.mrz.confirm import MIN_ROW, confirmed, rows_of
from paperasse.reading.mrz.crop import clean_background, crop_band
from paperasse.reading.mrz.grid import Grid, grids_for
from paperasse.reading.mrz.parse import MrzResult, looks_like_mrz_line, parse_mrz
from paperasse.reading.mrz.repair import clean_line
from paperasse.reading.mrz.rows import best_group, square_up, text_rows

log = logging.getLogger(__name__)

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
LANG = "eng"
ROW_PX = 40  # height of an MRZ row in the crop Tesseract reads
SMALL_ROW_PX = 28
MAX_ATTEMPTS = 12
CONFIRM_READINGS = 2  # readings made after the first valid one, to confirm it
MIN_FILLERS = 3  # every MRZ layout has more (``P<``, name and number padding)
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

    @property
    def mrz_like_fillers(self) -> bool:
        """Enough fillers, two of them side by side (names, numbers and rows end in runs)."""
        pairs = any(a and b for row in self.fillers for a, b in itertools.pairwise(row))
        return pairs and self.filler_count >= MIN_FILLERS


class _Views:
    """The views of a page's bands, each cut once."""

    def __init__(self, gray: Gray) -> None:
        self.gray = gray
        self._cache: dict[tuple[int, int, int], _View] = {}

    def get(self, band: Band, turn: int, row_px: int) -> _View:
        key = (id(band), turn, row_px)
        if key not in self._cache:
            self._cache[key] = _View(self.gray, band, turn, row_px)
        return self._cache[key]


def _ocr(image: Gray, psm: int, timeout: float) -> str:
    text: str = pytesseract.image_to_string(
        Image.fromarray(image), lang=LANG, config=f"--psm {psm} {_CONFIG}",
        timeout=max(1.0, timeout),
    )  # fmt: skip
    return text


def _per_row(image: Gray, grids: list[Grid], timeout: float) -> list[str]:
    """Each row of a levelled band read on its own (``--psm 7``)."""
    deadline = time.monotonic() + timeout
    lines = []
    for grid in grids:
        margin = max(2, (grid.bottom - grid.top) // 3)
        cut = image[max(0, grid.top - margin) : grid.bottom + margin]
        lines.append(_ocr(cut, 7, deadline - time.monotonic()).strip())
    return lines


def _fill(view: _View, lines: list[str]) -> str:
    """The blanked band's rows as read, with their fillers put back; a row whose
    characters do not fill its cells is left empty (the rows keep their places)."""
    if len(lines) != len(view.fillers):
        return ""
    filled = [fill_cells(mask, line) for mask, line in zip(view.fillers, lines, strict=True)]
    return "\n".join(line or "" for line in filled)


def _overlay(view: _View, text: str) -> str:
    """A plain reading with ``K`` turned to ``<`` in the cells seen as fillers (no check
    digit tells them apart), if its rows have exactly the grid's length."""
    lines = [clean_line(line) for line in text.splitlines() if len(line.strip()) >= MIN_ROW]
    if not view.fillers or len(lines) != len(view.fillers):
        return text
    out = []
    for mask, line in zip(view.fillers, lines, strict=True):
        if len(line) != len(mask):
            return text
        out.append("".join("<" if f and c == "K" else c for f, c in zip(mask, line, strict=True)))
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


# A reader answers the text it read, or None when it does not apply to the band.
Reader = Callable[[_View, float], str | None]


def _cells(view: _View, timeout: float) -> str | None:
    if not view.filler_count:
        return None
    text = _ocr(blank_cells(view.binary, view.grids, view.fillers), 6, timeout)
    return _fill(view, [line for line in text.splitlines() if line.strip()])


def _cells_per_row(view: _View, timeout: float) -> str | None:
    if not view.filler_count:
        return None
    blanked = blank_cells(view.binary, view.grids, view.fillers)
    return _fill(view, _per_row(blanked, view.grids, timeout))


def _plain(view: _View, timeout: float) -> str:
    return _overlay(view, _long_lines(_ocr(view.binary, 6, timeout)))


def _gray(view: _View, timeout: float) -> str:
    return _overlay(view, _long_lines(_ocr(view.gray, 6, timeout)))


def _long_lines(text: str) -> str:
    return "\n".join(line for line in text.splitlines() if len(line.strip()) >= MIN_ROW)


# (reader, row height), in order. Fillers told by shape first: Tesseract misreads their
# runs. A band whose plain reading shows nothing MRZ-like is dropped there.
READINGS: tuple[tuple[Reader, int], ...] = (
    (_cells, ROW_PX), (_cells, SMALL_ROW_PX), (_cells_per_row, ROW_PX), (_plain, ROW_PX),
    (_gray, ROW_PX), (_plain, SMALL_ROW_PX),
)  # fmt: skip


def _bands(gray: Gray, words: list[Word] | None) -> list[Band]:
    """Candidate bands squared up on their rows, duplicates dropped."""
    kept: list[Band] = []
    for band in bands_from_words(words or []) + bands_from_image(gray):
        squared = square_up(gray, band)
        if squared is not None and not any(k.contains(squared.cx, squared.cy) for k in kept):
            kept.append(squared)
    return kept


def _turns(views: _Views, bands: list[Band]) -> list[tuple[Band, int]]:
    """The bands worth reading, each at the turn its fillers' chevrons point to.

    A band whose rows do not fit an MRZ grid (30, 36 or 44 even cells), or show no
    run of fillers either way up (every layout has some), is dropped without OCR,
    unless the page's words pointed to it: those keep at least one upright reading.
    """
    pairs: list[tuple[int, int, Band, int]] = []
    for order, band in enumerate(bands):
        for turn in (0, 180):
            view = views.get(band, turn, ROW_PX)
            if view.mrz_like_fillers or (turn == 0 and band.source == "words"):
                pairs.append((-view.filler_count, order, band, turn))
    return [(band, turn) for _, _, band, turn in sorted(pairs, key=lambda p: p[:2])]


def _texts(gray: Gray, words: list[Word] | None, started: float, page: int) -> Iterator[str]:
    """Successive readings of the page's likely MRZ, within the attempt and time bounds;
    the page's own words last (read without the MRZ alphabet, they are the weakest)."""
    views = _Views(gray)
    pairs = _turns(views, _bands(gray, words))
    calls = 0
    for band, turn in pairs:
        hopeful = cells_failed = False
        for reader, row_px in READINGS:
            remaining = TIME_BUDGET - (time.monotonic() - started)
            if calls >= MAX_ATTEMPTS or remaining <= 0:
                return
            if cells_failed and reader in (_cells, _cells_per_row):
                continue
            try:
                text = reader(views.get(band, turn, row_px), remaining)
            except RuntimeError:
                log.info("MRZ page %d: Tesseract ran out of time", page)
                return
            if text is None:
                continue
            calls += 1
            log.debug("MRZ page %d: %s read %r", page, reader.__name__, text)
            yield text
            hopeful = hopeful or _mrz_like(text)
            # Not one row filled its cells: the grid is wrong, other scales would be too.
            cells_failed = cells_failed or (reader is _cells and not text.strip())
            if reader is _plain and not hopeful:
                break  # nothing MRZ-like, even read as it is: not an MRZ
    if words:
        yield _lines_of(words)


def read_mrz(image: Image.Image, words: list[Word] | None = None, *, page: int = 1,
             today: dt.date) -> MrzResult | None:  # fmt: skip
    """The MRZ of an upright page image, only if every one of its check digits holds.

    ``words`` (the page's OCR, in the image's pixels) point to the band when the
    general OCR already saw MRZ-like rows, and their text is parsed after the
    image's readings. ``today`` decides the century of birth years. Names are under
    no check digit (or, on the 1988 card, one that cannot tell ``K`` from a filler)
    and a repair may pass its check digit by chance: after the first valid reading,
    up to ``CONFIRM_READINGS`` more are made, and ``confirmed`` says whether two
    valid readings gave the same MRZ, row by row (``confirm.py``; that one is
    returned, otherwise the first valid one).
    None when no MRZ reads with valid checks, after at most ``MAX_ATTEMPTS``
    Tesseract calls and about ``TIME_BUDGET`` seconds.
    """
    started = time.monotonic()
    gray = np.asarray(image.convert("L"), dtype=np.uint8)
    readings: list[list[str]] = []
    valid: list[tuple[int, MrzResult]] = []
    for text in _texts(gray, words, started, page):
        readings.append(rows_of(text))
        result = parse_lines(text, today)
        if result is not None:
            valid.append((len(readings) - 1, result))
        for source, candidate in valid:
            if confirmed(candidate, source, readings, today):
                log.info("MRZ page %d: %s read and confirmed (%.2f s)", page, candidate.format,
                         time.monotonic() - started)  # fmt: skip
                return replace(candidate, confirmed=True)
        if valid and len(readings) - 1 - valid[0][0] >= CONFIRM_READINGS:
            break
    if not valid:
        log.info("MRZ page %d: none read (%.2f s)", page, time.monotonic() - started)
        return None
    log.info("MRZ page %d: %s read, not confirmed by a second reading (%.2f s)", page,
             valid[0][1].format, time.monotonic() - started)  # fmt: skip
    return valid[0][1]


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
