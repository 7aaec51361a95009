"""The grid of character cells of each MRZ row: 30, 36 or 44 cells, one glyph each.

An MRZ has no empty cell (fillers are printed), so the glyphs of a row, taken left
to right, are its cells in order. Their centres give the grid, even when a photo's
perspective makes the pitch shrink along the row; a smooth curve through them
places the borders. Glyphs touching each other count for as many cells as their
width holds. When the glyphs cannot be counted to a layout's length, a regular grid
is laid over the row instead, at the pitch the row's ink repeats at.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from paperasse.reading.mrz.band import Gray

Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Grid:
    """The cells of one row, by the column of each cell's centre."""

    top: int
    bottom: int
    centres: tuple[float, ...]

    @property
    def count(self) -> int:
        return len(self.centres)

    def cell(self, index: int) -> tuple[int, int]:
        """Left and right pixel columns of a cell."""
        c = self.centres
        left = (c[index - 1] + c[index]) / 2 if index > 0 else 1.5 * c[0] - 0.5 * c[1]
        last = len(c) - 1
        right = (c[index] + c[index + 1]) / 2 if index < last else 1.5 * c[last] - 0.5 * c[last - 1]
        return round(left), round(right)


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


def _glyph_spans(strip: Gray) -> list[tuple[int, int]]:
    """Column spans of the glyphs of a row, pieces of one glyph (overlapping) joined."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(strip, connectivity=8)
    tall = 0.35 * strip.shape[0]
    spans = sorted((int(x), int(x + w)) for x, _, w, h, _ in stats[1:count] if h >= tall)
    joined: list[tuple[int, int]] = []
    for left, right in spans:
        if joined and left < joined[-1][1] - 0.3 * min(right - left, joined[-1][1] - joined[-1][0]):
            joined[-1] = (joined[-1][0], max(joined[-1][1], right))
        else:
            joined.append((left, right))
    return joined


def _centres_from_glyphs(strip: Gray, start: int, end: int, pitch: float,
                         counts: tuple[int, ...]) -> tuple[float, ...] | None:  # fmt: skip
    """Cell centres from the glyphs themselves, if they add up to one of ``counts``."""
    spans = [(a, b) for a, b in _glyph_spans(strip) if b > start and a < end]
    indices: list[float] = []
    xs: list[float] = []
    index = 0
    for left, right in spans:
        cells = max(1, round((right - left) / pitch)) if right - left > 1.4 * pitch else 1
        for part in range(cells):
            xs.append(left + (right - left) * (part + 0.5) / cells)
            indices.append(index)
            index += 1
    if index not in counts:
        return None
    # A smooth curve (perspective bends the pitch slowly) through the glyph centres.
    fit = np.polyfit(np.array(indices), np.array(xs), 2)
    return tuple(float(x) for x in np.polyval(fit, np.arange(index)))


def _regular_centres(column_ink: Floats, start: int, end: int, count: int) -> tuple[float, ...]:
    """``count`` even cells over ``[start, end)`` whose borders cross the least ink."""
    best = (np.inf, float(start), (end - start) / count)
    last = len(column_ink) - 1
    for p in np.linspace((end - start) / (count + 0.2), (end - start) / (count - 0.8), 15):
        for origin in np.linspace(start - 0.5 * p, start, 9):
            borders = np.clip(np.round(origin + p * np.arange(count + 1)).astype(int), 0, last)
            cost = float(column_ink[borders].sum())
            if cost < best[0]:
                best = (cost, float(origin), float(p))
    _, origin, p = best
    return tuple(origin + p * (i + 0.5) for i in range(count))


def grids_for(ink: Gray, rows: list[tuple[int, int, int, int]]) -> list[Grid] | None:
    """The cell grid of each MRZ row ``(top, bottom, start, end)``: 30 cells in 3 rows,
    36 or 44 in 2, or None if the rows fit no layout or disagree on their length."""
    counts = (30,) if len(rows) == 3 else (36, 44)
    top, bottom, start, end = rows[0]
    pitch = pitch_of(ink, top, bottom, start, end)
    if pitch is None:
        return None
    estimate = (end - start) / pitch + 0.35
    regular = min(counts, key=lambda n: abs(n - estimate))
    grids = []
    for top, bottom, start, end in rows:
        strip = ink[top:bottom]
        centres = _centres_from_glyphs(strip, start, end, pitch, counts)
        if centres is None:
            if abs(regular - estimate) > 0.12 * regular:
                return None
            column_ink = strip.sum(axis=0).astype(np.float64)
            centres = _regular_centres(column_ink, start, end, regular)
        grids.append(Grid(top, bottom, centres))
    if len({grid.count for grid in grids}) != 1:
        return None
    return grids
