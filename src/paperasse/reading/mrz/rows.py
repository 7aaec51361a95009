"""Square a candidate band up on its MRZ rows: exact angle, rows, row height.

A band found on the whole page is only roughly placed: its blob may hold one row or
several rows melted together, and its angle may be a degree off, enough to blur the
gaps between rows of 44 characters. Cut out along the band, the ink's horizontal
profile is sharpest at the right angle; there its peaks are the text rows. MRZ rows
are long, of one height, evenly spaced, and start and end together (fillers run to
the end): the best group of two or three such rows gives the band Tesseract reads.
A band with no such group is dropped before any OCR, which keeps pages without an
MRZ cheap.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass, replace

import cv2
import numpy as np
import numpy.typing as npt

from paperasse.reading.mrz.band import Band, Gray
from paperasse.reading.mrz.crop import clean_background, crop_band

SURVEY_LENGTH = 1100  # band length, in pixels, at which rows are surveyed
ANGLES = (-2.0, -1.5, -1.0, -0.5, 0.0, 0.5, 1.0, 1.5, 2.0)


@dataclass(frozen=True)
class _Row:
    top: int
    bottom: int
    start: int
    end: int

    @property
    def height(self) -> int:
        return self.bottom - self.top

    @property
    def length(self) -> int:
        return self.end - self.start


def _turned(binary: Gray, degrees: float) -> Gray:
    if degrees == 0.0:
        return binary
    height, width = binary.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), degrees, 1.0)
    return np.asarray(cv2.warpAffine(binary, matrix, (width, height), flags=cv2.INTER_NEAREST,
                                     borderValue=0), dtype=np.uint8)  # fmt: skip


def _profile_sharpness(ink: Gray) -> float:
    profile = ink.sum(axis=1, dtype=np.float64)
    return float(np.sum(np.diff(profile) ** 2))


def _longest_run(mask: npt.NDArray[np.bool_]) -> tuple[int, int]:
    padded = np.concatenate(([False], mask, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    starts, ends = edges[0::2], edges[1::2]
    if len(starts) == 0:
        return 0, 0
    best = int(np.argmax(ends - starts))
    return int(starts[best]), int(ends[best])


def _glyph_columns(strip: Gray) -> npt.NDArray[np.bool_]:
    """Columns of a row that hold a glyph: specks of background print are left out."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(strip, connectivity=8)
    columns = np.zeros(strip.shape[1], dtype=bool)
    tall = 0.4 * strip.shape[0]
    for left, _, width, height, _ in stats[1:count]:
        if height >= tall:
            columns[left : left + width] = True
    return columns


def text_rows(ink: Gray) -> list[_Row]:
    """Text rows of an ink mask (ink = 1), each with its longest run of joined ink."""
    profile = ink.sum(axis=1).astype(np.float64)
    if profile.max() <= 0:
        return []
    on = profile > 0.12 * float(np.percentile(profile[profile > 0], 95))
    rows: list[_Row] = []
    padded = np.concatenate(([False], on, [False])).astype(np.int8)
    edges = np.flatnonzero(np.diff(padded))
    for top, bottom in zip(edges[0::2], edges[1::2], strict=True):
        if bottom - top < 4:
            continue
        columns = _glyph_columns(ink[top:bottom])
        # Gaps narrower than a row height (between characters) do not break a row.
        gap = max(3, int(bottom - top))
        joined = cv2.dilate(columns.astype(np.uint8)[None, :], np.ones((1, gap), np.uint8))[0]
        start, end = _longest_run(joined.astype(bool))
        rows.append(_Row(int(top), int(bottom), start + gap // 2, end - gap // 2))
    return rows


def _group_score(group: list[_Row]) -> float:
    """How much a run of rows looks like an MRZ: long, aligned, same height, even pitch."""
    lengths = [r.length for r in group]
    heights = [r.height for r in group]
    height = float(np.median(heights))
    if height <= 0 or min(lengths) < 12 * height:
        return 0.0
    if max(heights) > 1.6 * min(heights) or max(lengths) > 1.2 * min(lengths):
        return 0.0
    if max(r.start for r in group) - min(r.start for r in group) > 1.5 * height:
        return 0.0
    gaps = [b.top - a.bottom for a, b in itertools.pairwise(group)]
    if any(g > 2.0 * height for g in gaps) or max(gaps) > 2.5 * max(min(gaps), 1):
        return 0.0
    return float(min(lengths)) * (1.0 + 0.1 * len(group))


def best_group(rows: list[_Row]) -> list[_Row] | None:
    best: tuple[float, list[_Row]] | None = None
    for size in (3, 2):
        for start in range(len(rows) - size + 1):
            group = rows[start : start + size]
            score = _group_score(group)
            if score > 0 and (best is None or score > best[0]):
                best = (score, group)
    return best[1] if best else None


def square_up(gray: Gray, band: Band) -> Band | None:
    """The band narrowed to its best group of MRZ-like rows, or None if it has none."""
    survey_scale = SURVEY_LENGTH / max(band.length, 1.0)
    row_guess = band.row_height * survey_scale
    crop = crop_band(gray, band, row_guess)
    ink = (clean_background(crop, row_guess) == 0).astype(np.uint8)
    angle = max(ANGLES, key=lambda a: _profile_sharpness(_turned(ink, a)))
    rows = text_rows(_turned(ink, angle))
    group = best_group(rows)
    if group is None:
        return None
    scale = crop.shape[1] / band.length  # crop pixels per page pixel
    height = float(np.median([r.height for r in group]))
    top, bottom = group[0].top, group[-1].bottom
    start, end = min(r.start for r in group), max(r.end for r in group)
    # Row centre in crop pixels, turned back by ``angle`` about the crop centre, then to page.
    h, w = crop.shape
    u, v = (start + end) / 2 - w / 2, (top + bottom) / 2 - h / 2
    rad = math.radians(angle)  # cv2 turned the crop by -angle (y down) to level the rows
    u, v = u * math.cos(rad) - v * math.sin(rad), u * math.sin(rad) + v * math.cos(rad)
    direction = band.angle + angle
    dir_rad = math.radians(band.angle)
    cx = band.cx + (u * math.cos(dir_rad) - v * math.sin(dir_rad)) / scale
    cy = band.cy + (u * math.sin(dir_rad) + v * math.cos(dir_rad)) / scale
    return replace(
        band, cx=cx, cy=cy, angle=direction, rows=len(group),
        length=(end - start + 2.5 * height) / scale, height=(bottom - top + 1.6 * height) / scale,
        row_height=height / scale,
    )  # fmt: skip
