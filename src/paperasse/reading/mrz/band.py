"""Find where a machine-readable zone may lie on a page image, before reading it.

An MRZ is two or three rows of evenly spaced capitals and digits, each row as long
as the card is wide: after a black-hat (dark ink smaller than the kernel, whatever
the background) and a horizontal gradient, closing the image with a wide, short
kernel melts each row into one long thin blob. Every long thin blob becomes a
candidate ``Band`` (a rotated rectangle, so a card photographed askew is read
along its rows), ranked by how MRZ-like it is: long, with parallel siblings of the
same length close above or below it. Two kernel scales cover a card that fills the
image and a card small on an A4 scan. Words the page's OCR already read as
MRZ-like lines give a band of their own, ranked first.

Only the location is decided here; whether it is an MRZ is for the check digits.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from paperasse.models.domain import Word

WORK_SIDE = 1200  # long side of the image the blobs are looked for on, in pixels
SCALES = (110.0, 45.0)  # long side / kernel height: rows of small cards, then large ones
MIN_ASPECT = 4.0  # rows melted into one block (tilted card) are 4-6 times as long as high
MIN_LENGTH = 0.12  # of the working image's long side
MAX_TILT = 50.0  # degrees; the page is upright, a card on it may be askew
_MRZ_WORD = re.compile(r"[A-Z0-9<]{6,}")

Gray = npt.NDArray[np.uint8]


@dataclass(frozen=True)
class Band:
    """A rotated rectangle of the page (pixels) that may hold MRZ rows.

    ``angle`` is the direction of the rows in degrees (image axes, y down), in
    (-90, 90]; ``length`` runs along the rows and ``height`` across them.
    """

    cx: float
    cy: float
    length: float
    height: float
    angle: float
    rows: int
    row_height: float
    score: float
    source: str

    def contains(self, x: float, y: float) -> bool:
        """Whether a page point lies inside the band."""
        rad = math.radians(self.angle)
        dx, dy = x - self.cx, y - self.cy
        along = dx * math.cos(rad) + dy * math.sin(rad)
        across = -dx * math.sin(rad) + dy * math.cos(rad)
        return abs(along) <= self.length / 2 and abs(across) <= self.height / 2


@dataclass(frozen=True)
class _Blob:
    cx: float
    cy: float
    length: float
    thickness: float
    angle: float


def _blobs(small: Gray, kernel_height: int) -> list[_Blob]:
    """Long thin blobs of evenly inked rows, in working-image pixels."""
    k = max(3, kernel_height)
    rect = cv2.getStructuringElement(cv2.MORPH_RECT, (3 * k, k))
    blackhat = cv2.morphologyEx(cv2.GaussianBlur(small, (3, 3), 0), cv2.MORPH_BLACKHAT, rect)
    grad = np.absolute(cv2.Sobel(blackhat, cv2.CV_32F, 1, 0, ksize=-1))
    grad_u8 = (255 * grad / max(float(grad.max()), 1e-6)).astype(np.uint8)
    closed = cv2.morphologyEx(grad_u8, cv2.MORPH_CLOSE, rect)
    _, mask = cv2.threshold(closed, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    # Thin vertical strokes (frames, card edges) would weld rows to the border.
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((1, max(3, k // 2)), np.uint8))
    mask = cv2.morphologyEx(mask, cv2.MORPH_OPEN, np.ones((max(3, k // 3), 1), np.uint8))
    contours, _ = cv2.findContours(mask, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    side = max(small.shape)
    found: list[_Blob] = []
    for contour in contours:
        (cx, cy), (w, h), angle = cv2.minAreaRect(contour)
        length, thickness = max(w, h), min(w, h)
        if thickness < 3 or length < MIN_LENGTH * side or length < MIN_ASPECT * thickness:
            continue
        direction = angle if w >= h else angle + 90.0
        direction = (direction + 90.0) % 180.0 - 90.0
        if abs(direction) > MAX_TILT:
            continue
        found.append(_Blob(cx, cy, length, thickness, direction))
    return found


def _siblings(blob: _Blob, others: list[_Blob]) -> list[_Blob]:
    """Blobs parallel to ``blob``, as long, and within three row heights across it."""
    rad = math.radians(blob.angle)
    near = []
    for other in others:
        if other is blob or abs(other.angle - blob.angle) > 4.0:
            continue
        if not 0.75 <= other.length / blob.length <= 1.33:
            continue
        dx, dy = other.cx - blob.cx, other.cy - blob.cy
        along = dx * math.cos(rad) + dy * math.sin(rad)
        across = -dx * math.sin(rad) + dy * math.cos(rad)
        if abs(along) < 0.15 * blob.length and 0.8 * blob.thickness < abs(across) < 3.5 * max(
            blob.thickness, other.thickness
        ):
            near.append(other)
    return near


def _band_of(blob: _Blob, siblings: list[_Blob], factor: float) -> Band:
    """The band around a blob and its siblings, with room for rows not seen."""
    rad = math.radians(blob.angle)
    members = [blob, *siblings]
    across = [-(m.cx - blob.cx) * math.sin(rad) + (m.cy - blob.cy) * math.cos(rad) for m in members]
    top = min(a - m.thickness / 2 for a, m in zip(across, members, strict=True))
    bottom = max(a + m.thickness / 2 for a, m in zip(across, members, strict=True))
    pitch = blob.thickness * 1.6
    # A lone row may be one of two or three: leave room for two more on each side.
    extra = pitch * (2.2 if not siblings else 0.8)
    top, bottom = top - extra, bottom + extra
    middle = (top + bottom) / 2
    cx = blob.cx - middle * math.sin(rad)
    cy = blob.cy + middle * math.cos(rad)
    length = max(m.length for m in members) * 1.08 + 2 * blob.thickness
    rows = len(members)
    score = blob.length * (1.0 + 0.5 * min(rows - 1, 2)) / math.sqrt(1.0 + abs(blob.angle) / 30)
    return Band(cx=cx * factor, cy=cy * factor, length=length * factor,
                height=(bottom - top) * factor, angle=blob.angle, rows=rows,
                row_height=blob.thickness * factor, score=score, source="image")  # fmt: skip


def bands_from_image(gray: Gray, limit: int = 4) -> list[Band]:
    """Up to ``limit`` bands of ``gray`` (page pixels) that may hold an MRZ, best first."""
    height, width = gray.shape
    factor = max(height, width) / WORK_SIDE
    interpolation = cv2.INTER_AREA if factor > 1 else cv2.INTER_CUBIC
    size = (round(width / factor), round(height / factor))
    small = np.asarray(cv2.resize(gray, size, interpolation=interpolation), dtype=np.uint8)
    candidates: list[Band] = []
    for scale in SCALES:
        blobs = _blobs(small, round(WORK_SIDE / scale))
        candidates.extend(_band_of(b, _siblings(b, blobs), factor) for b in blobs)
    chosen: list[Band] = []
    for band in sorted(candidates, key=lambda b: -b.score):
        if any(other.contains(band.cx, band.cy) for other in chosen):
            continue
        chosen.append(band)
        if len(chosen) == limit:
            break
    return chosen


def bands_from_words(words: list[Word]) -> list[Band]:
    """One band around the OCR words that already look like MRZ rows, if any."""
    rows = [w for w in words if _MRZ_WORD.fullmatch(w.text.strip()) and (
        "<<" in w.text or len(w.text) >= 20)]  # fmt: skip
    if not rows:
        return []
    left = min(w.left for w in rows)
    right = max(w.left + w.width for w in rows)
    top = min(w.top for w in rows)
    bottom = max(w.top + w.height for w in rows)
    row_height = float(np.median([w.height for w in rows]))
    pitch = float(np.median([w.width / len(w.text.strip()) for w in rows]))
    # A row read only in part may go on either side, up to the 44 characters of a TD3.
    missing = max(0.0, 46 * pitch - (right - left))
    length = right - left + 2 * missing + 2 * row_height
    height = bottom - top + 2.5 * row_height
    return [Band(cx=(left + right) / 2, cy=(top + bottom) / 2, length=length, height=height,
                 angle=0.0, rows=0, row_height=row_height, score=math.inf,
                 source="words")]  # fmt: skip
