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

import cv2
import numpy as np
import numpy.typing as npt

from paperasse.reading.mrz.band import Gray
from paperasse.reading.mrz.grid import Grid

GLYPH = 16  # glyphs are compared at GLYPH x GLYPH pixels
CHEVRON_MATCH = 0.45  # correlation with the drawn chevron that makes a filler candidate
FILLER_MATCH = 0.7  # correlation with the zone's typical filler that makes a filler
Floats = npt.NDArray[np.float64]


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


def fill_cells(fillers: list[bool], text: str) -> str | None:
    """The row with ``<`` in filler cells and ``text``'s characters in the others,
    or None when their counts differ."""
    chars = [c for c in text if not c.isspace()]
    if len(chars) != fillers.count(False):
        return None
    it = iter(chars)
    return "".join("<" if filler else next(it) for filler in fillers)


def blank_cells(binary: Gray, grids: list[Grid], fillers: list[list[bool]]) -> Gray:
    """The band (ink black on white) with only its non-filler cells kept: fillers, and
    whatever lies outside the rows (a card's edge, a photo), painted white."""
    out = np.full_like(binary, 255)
    for grid, row in zip(grids, fillers, strict=True):
        margin = max(1, (grid.bottom - grid.top) // 8)
        top, bottom = max(0, grid.top - margin), grid.bottom + margin
        for index, filler in enumerate(row):
            if not filler:
                left, right = grid.cell(index)
                out[top:bottom, max(0, left) : right] = binary[top:bottom, max(0, left) : right]
    return out
