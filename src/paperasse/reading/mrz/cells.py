"""Tell the filler ``<`` apart by its shape, so that OCR reads only the other characters.

Tesseract, even restricted to the MRZ alphabet, misreads runs of fillers
(``<<<<<<`` comes out ``KKKLLEE``, or one character short or long), and no check
digit sees it: ``K`` and ``<`` weigh the same modulo 10, and names are under no
check digit in TD1, TD2 and TD3. But an MRZ is printed on a fixed grid (30, 36 or
44 cells a row), so each cell can be looked at on its own: the fillers are the
most frequent glyph of the zone and are shaped like a chevron. Cells whose glyph
matches both a drawn chevron and the zone's own typical filler are fillers; they
are blanked, Tesseract reads what remains, and its characters are put back into
the non-filler cells in order. If the counts do not agree, this reading is
dropped (another attempt reads the band as it is).
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from paperasse.reading.mrz.band import Gray

GLYPH = 16  # glyphs are compared at GLYPH x GLYPH pixels
CHEVRON_MATCH = 0.45  # correlation with the drawn chevron that makes a filler candidate
FILLER_MATCH = 0.7  # correlation with the zone's typical filler that makes a filler
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Grid:
    """The cells of one row: ``count`` cells of ``pitch`` pixels from ``start``."""

    top: int
    bottom: int
    start: float
    pitch: float
    count: int

    def cell(self, index: int) -> tuple[int, int]:
        """Left and right pixel columns of a cell."""
        left = self.start + index * self.pitch
        return round(left), round(left + self.pitch)


def _chevron() -> Floats:
    image = np.zeros((GLYPH, GLYPH), np.uint8)
    points = np.array([[GLYPH - 1, 0], [0, GLYPH // 2], [GLYPH - 1, GLYPH - 1]], np.int32)
    cv2.polylines(image, [points], isClosed=False, color=255, thickness=3)
    return _standard(image.astype(np.float64))


def _standard(glyph: Floats) -> Floats:
    centred: Floats = glyph - glyph.mean()
    norm = float(np.linalg.norm(centred))
    return centred / norm if norm > 0 else centred


def _glyph(ink: Gray, grid: Grid, index: int) -> Floats | None:
    """The ink of a cell cropped to its box and scaled to GLYPH x GLYPH, or None if blank."""
    left, right = grid.cell(index)
    cell = ink[grid.top : grid.bottom, max(0, left) : right]
    ys, xs = np.nonzero(cell)
    if len(xs) < 4:
        return None
    box = cell[ys.min() : ys.max() + 1, xs.min() : xs.max() + 1].astype(np.float64)
    scaled = cv2.resize(box, (GLYPH, GLYPH), interpolation=cv2.INTER_AREA)
    return _standard(np.asarray(scaled, dtype=np.float64))


def filler_cells(ink: Gray, grids: list[Grid]) -> list[list[bool]]:
    """For each row, which of its cells hold a filler (ink = 1 in ``ink``)."""
    chevron = _chevron()
    glyphs = [[_glyph(ink, grid, i) for i in range(grid.count)] for grid in grids]
    seeds = [g for row in glyphs for g in row if g is not None and float(np.sum(g * chevron))
             >= CHEVRON_MATCH]  # fmt: skip
    if len(seeds) < 2:
        return [[False] * grid.count for grid in grids]
    stack = np.stack(seeds).reshape(len(seeds), -1)
    typical = stack[int(np.argmax((stack @ stack.T).mean(axis=1)))]
    return [
        [g is not None and float(np.sum(g.reshape(-1) * typical)) >= FILLER_MATCH for g in row]
        for row in glyphs
    ]


def pitch_of(ink: Gray, top: int, bottom: int, start: int, end: int) -> float | None:
    """The character pitch of a row, from the autocorrelation of its column profile."""
    profile = ink[top:bottom, start:end].sum(axis=0).astype(np.float64)
    profile -= profile.mean()
    height = bottom - top
    lags = range(max(2, int(0.5 * height)), min(len(profile) // 4, int(1.6 * height)) + 1)
    if len(profile) < 8 or not lags:
        return None
    scores = [float(np.dot(profile[:-lag], profile[lag:])) / (len(profile) - lag) for lag in lags]
    best = int(np.argmax(scores))
    if best == 0 or best == len(scores) - 1:
        return float(lags[best])
    # Parabolic peak between whole lags: the pitch is rarely a whole number of pixels.
    a, b, c = scores[best - 1], scores[best], scores[best + 1]
    shift = 0.5 * (a - c) / (a - 2 * b + c) if a - 2 * b + c != 0 else 0.0
    return float(lags[best]) + shift


def fill_cells(fillers: list[bool], text: str) -> str | None:
    """The row with ``<`` in filler cells and ``text``'s characters in the others,
    or None when their counts differ."""
    chars = [c for c in text if not c.isspace()]
    if len(chars) != fillers.count(False):
        return None
    it = iter(chars)
    return "".join("<" if filler else next(it) for filler in fillers)


def blank_cells(binary: Gray, grids: list[Grid], fillers: list[list[bool]]) -> Gray:
    """A copy of the band (ink black on white) with its filler cells painted white."""
    out = binary.copy()
    for grid, row in zip(grids, fillers, strict=True):
        margin = (grid.bottom - grid.top) // 3
        for index, filler in enumerate(row):
            if filler:
                left, right = grid.cell(index)
                out[max(0, grid.top - margin) : grid.bottom + margin, max(0, left) : right] = 255
    return out


def _fit_grid(
    column_ink: Floats, start: int, end: int, pitch: float, count: int
) -> tuple[float, float]:
    """Phase and pitch of ``count`` cells over ``[start, end)`` whose borders cross the
    least ink (borders fall between glyphs)."""
    best = (np.inf, float(start), pitch)
    last = len(column_ink) - 1
    for p in np.linspace((end - start) / (count + 0.2), (end - start) / (count - 0.8), 15):
        for origin in np.linspace(start - 0.5 * p, start, 9):
            borders = np.clip(np.round(origin + p * np.arange(count + 1)).astype(int), 0, last)
            cost = float(column_ink[borders].sum())
            if cost < best[0]:
                best = (cost, float(origin), float(p))
    return best[1], best[2]


def grids_for(ink: Gray, rows: list[tuple[int, int, int, int]]) -> list[Grid] | None:
    """The cell grid of each MRZ row ``(top, bottom, start, end)``: 30 cells in 3 rows,
    36 or 44 in 2 (whichever the measured pitch fits), or None if neither fits."""
    counts = (30,) if len(rows) == 3 else (36, 44)
    top, bottom, start, end = rows[0]
    pitch = pitch_of(ink, top, bottom, start, end)
    if pitch is None:
        return None
    estimate = (end - start) / pitch + 0.35
    count = min(counts, key=lambda n: abs(n - estimate))
    if abs(count - estimate) > 0.12 * count:
        return None
    grids = []
    for top, bottom, start, end in rows:
        column_ink = ink[top:bottom].sum(axis=0).astype(np.float64)
        origin, p = _fit_grid(column_ink, start, end, pitch, count)
        grids.append(Grid(top, bottom, origin, p, count))
    return grids
