"""Condition a page image before OCR: find the document, size its text, straighten it.

Citizens photograph cards on a table, scan a passport in a corner of an A3 page or
send a 400-pixel carte grise. Tesseract reads none of these as they are; it reads
them well once the document fills the image, its letters stand about 30 pixels tall
and its lines run level on a flat, light background. Each step here is one of those
treatments, done with OpenCV, and each says what it did so that the kept reading can
report it (``PageQuality.conditioning``):

- ``find_document`` looks for the document's outline (largest convex quadrilateral of
  a plausible size and shape that holds most of the text) and ``warp_document``
  flattens it; when no outline is clearly found, the image is left whole.
- ``text_height`` measures letters from connected components of the thresholded
  page, weighting each by its ink so that specks and security micro-print (tiny but
  numerous) do not drown the real text; ``scale_for_text`` brings it to ~30 px.
- ``skew_angle`` finds the angle (±45°) at which text lines run level, by the
  sharpness of the row (or column) profile of the letters' boxes.
- ``flatten_background`` divides the page by an estimate of its paper (closing then
  blur, at quarter size): shadows and uneven light disappear, and light security
  backgrounds (guilloche) become near-white, so that ``threshold`` (Otsu) keeps ink.

All functions take and return 8-bit grayscale numpy arrays (``Gray``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt
from PIL import Image

Gray = npt.NDArray[np.uint8]
Quad = npt.NDArray[np.float32]  # 4 corners: top-left, top-right, bottom-right, bottom-left

TARGET_TEXT_PX = 30.0  # letter height (ink-weighted median) Tesseract reads best
MIN_TEXT_PX = 20.0  # below this, text is enlarged to the target
MAX_TEXT_PX = 80.0  # above this, the page is reduced (big letters read slower, not better)
LARGE_TEXT_TARGET_PX = 60.0
MAX_UPSCALE = 4.0
MAX_CONDITIONED_PIXELS = 24_000_000  # an enlarged page stays within this
MIN_GLYPHS = 8
MIN_SKEW_DEGREES = 0.5
MAX_SKEW_DEGREES = 45
SKEW_WORK_PX = 600
QUAD_WORK_PX = 700
QUAD_AREA = (0.08, 0.92)  # share of the image a found document may cover
QUAD_MAX_ASPECT = 2.2  # long side / short side: cards 1.59, A4 1.41, letters 1.29
QUAD_MAX_COS = 0.5  # corners between 60 and 120 degrees
QUAD_MIN_FILL = 0.85  # a rough outline must fill its bounding rectangle this much
QUAD_MIN_TEXT = 0.6  # share of the page's letters (by ink) inside a found document
BACKGROUND_REDUCTION = 4


@dataclass(frozen=True)
class Glyphs:
    """Letter-like connected components of a thresholded page: boxes and ink areas."""

    boxes: npt.NDArray[np.int32]  # rows of left, top, width, height, area

    def __len__(self) -> int:
        return len(self.boxes)


def _gray(array: object) -> Gray:
    return np.asarray(array, dtype=np.uint8)


def as_array(image: Image.Image) -> Gray:
    """A PIL page as an 8-bit grayscale array."""
    gray = image if image.mode == "L" else image.convert("L")
    return np.asarray(gray, dtype=np.uint8)


def as_image(gray: Gray) -> Image.Image:
    """An 8-bit grayscale array as a PIL "L" image."""
    return Image.fromarray(gray, mode="L")


def flatten_background(gray: Gray) -> Gray:
    """Divide the page by its estimated paper, so paper is white and even, ink stays dark.

    The paper is estimated at quarter size by a closing (which fills in letters
    narrower than its kernel, a 25th of the page) then a blur: cheap on 12-megapixel
    photos, and wide enough for headings.
    """
    height, width = gray.shape
    small = cv2.resize(
        gray,
        (max(1, width // BACKGROUND_REDUCTION), max(1, height // BACKGROUND_REDUCTION)),
        interpolation=cv2.INTER_AREA,
    )
    kernel = max(5, (min(small.shape) // 25) | 1)
    paper = cv2.morphologyEx(
        small, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (kernel, kernel))
    )
    paper = cv2.GaussianBlur(paper, (0, 0), kernel / 2)
    paper = cv2.resize(paper, (width, height), interpolation=cv2.INTER_LINEAR)
    return _gray(cv2.divide(gray, np.maximum(paper, 1), scale=255))


def threshold(gray: Gray) -> Gray:
    """Black ink on white by Otsu's threshold (best after ``flatten_background``)."""
    _, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return _gray(binary)


def find_glyphs(binary: Gray) -> Glyphs:
    """Connected components of ink shaped like letters (not specks, rules or photos)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    boxes = stats[1:count].astype(np.int32)
    width, height, area = boxes[:, 2], boxes[:, 3], boxes[:, 4]
    letter = (
        (height >= 4)
        & (height <= binary.shape[0] / 5)
        & (width <= height * 2)
        & (width * 5 >= height)
        & (area >= 0.15 * width * height)
        & (area <= 0.9 * width * height)
    )
    return Glyphs(boxes[letter])


def text_height(glyphs: Glyphs) -> float | None:
    """Typical letter height in pixels: the ink-weighted median of glyph heights."""
    if len(glyphs) < MIN_GLYPHS:
        return None
    heights = glyphs.boxes[:, 3].astype(np.float64)
    order = np.argsort(heights)
    ink = np.cumsum(glyphs.boxes[order, 4].astype(np.float64))
    return float(heights[order][int(np.searchsorted(ink, ink[-1] / 2))])


def text_scale(height: float | None, pixels: int) -> float:
    """The factor that brings letters of ``height`` px to a size Tesseract reads well."""
    if height is None:
        return 1.0
    factor = 1.0
    if height < MIN_TEXT_PX:
        factor = min(MAX_UPSCALE, TARGET_TEXT_PX / height)
    elif height > MAX_TEXT_PX:
        factor = LARGE_TEXT_TARGET_PX / height
    return min(factor, math.sqrt(MAX_CONDITIONED_PIXELS / max(pixels, 1)))


def resize(gray: Gray, factor: float) -> Gray:
    """Scale a page by ``factor`` (cubic when enlarging, area averaging when reducing)."""
    interpolation = cv2.INTER_CUBIC if factor > 1 else cv2.INTER_AREA
    return _gray(cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation))


def skew_angle(glyphs: Glyphs, shape: tuple[int, ...]) -> float:
    """Degrees (counter-clockwise, within ±45) that make the text lines level.

    The letters' boxes are painted on a small canvas and turned; lines are level where
    the row profile (or the column profile, for a page on its side) changes most
    sharply. Returns 0 without enough letters.
    """
    if len(glyphs) < MIN_GLYPHS:
        return 0.0
    factor = min(1.0, SKEW_WORK_PX / max(shape[0], shape[1]))
    height, width = max(1, round(shape[0] * factor)), max(1, round(shape[1] * factor))
    mask = np.zeros((height, width), dtype=np.uint8)
    for left, top, box_w, box_h, _ in glyphs.boxes:
        x0, y0 = int(left * factor), int(top * factor)
        x1 = max(x0 + 1, int((left + box_w) * factor))
        y1 = max(y0 + 1, int((top + box_h) * factor))
        mask[y0:y1, x0:x1] = 1

    def sharpness(angle: float) -> float:
        matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
        turned = cv2.warpAffine(mask, matrix, (width, height), flags=cv2.INTER_NEAREST)
        rows = np.diff(turned.sum(axis=1, dtype=np.float64))
        columns = np.diff(turned.sum(axis=0, dtype=np.float64))
        return max(float(np.sum(rows**2)), float(np.sum(columns**2)))

    coarse = max(range(-MAX_SKEW_DEGREES, MAX_SKEW_DEGREES + 1), key=sharpness)
    fine = max((coarse + step / 5 for step in range(-5, 6)), key=sharpness)
    return float(fine)


def rotate(gray: Gray, angle: float) -> Gray:
    """Turn a page by ``angle`` degrees counter-clockwise, enlarging it to keep corners."""
    height, width = gray.shape
    matrix = cv2.getRotationMatrix2D((width / 2, height / 2), angle, 1.0)
    cos, sin = abs(matrix[0, 0]), abs(matrix[0, 1])
    new_w, new_h = int(height * sin + width * cos), int(height * cos + width * sin)
    matrix[0, 2] += new_w / 2 - width / 2
    matrix[1, 2] += new_h / 2 - height / 2
    return _gray(
        cv2.warpAffine(
            gray, matrix, (new_w, new_h), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
        )
    )


def turn(gray: Gray, clockwise: int) -> Gray:
    """Turn a page by a quarter-turn multiple (degrees clockwise: 0, 90, 180, 270)."""
    codes = {
        90: cv2.ROTATE_90_CLOCKWISE,
        180: cv2.ROTATE_180,
        270: cv2.ROTATE_90_COUNTERCLOCKWISE,
    }
    if clockwise % 360 == 0:
        return gray
    return _gray(cv2.rotate(gray, codes[clockwise % 360]))


def mirror(gray: Gray) -> Gray:
    """Flip a page left to right (selfie cameras and some scanners mirror the page)."""
    return _gray(cv2.flip(gray, 1))


def find_document(gray: Gray, glyphs: Glyphs) -> Quad | None:
    """The outline of a document photographed or scanned inside a larger image, or None.

    Candidates are the convex hulls of edge contours and of the light and dark regions
    (at ~700 px); a hull counts when it has four corners (or fills its tightest
    rectangle), covers 8-92 % of the image, has corners near right angles, a
    document-like aspect ratio, and holds most of the page's letters (so a photo on
    the page, a window or a redaction box is not taken for the document).
    """
    factor = min(1.0, QUAD_WORK_PX / max(gray.shape))
    small = resize(gray, factor) if factor < 1 else gray
    height, width = small.shape
    blurred = cv2.GaussianBlur(small, (5, 5), 0)
    median = float(np.median(blurred))
    dilate = np.ones((3, 3), np.uint8)
    _, light = cv2.threshold(blurred, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    opened = cv2.morphologyEx(light, cv2.MORPH_OPEN, np.ones((5, 5), np.uint8))
    masks = [
        cv2.dilate(cv2.Canny(blurred, 0.5 * median, 1.2 * median), dilate),
        cv2.dilate(cv2.Canny(blurred, 20, 60), dilate),
        opened,
        255 - opened,
    ]
    best: tuple[float, Quad] | None = None
    for mask in masks:
        contours, _ = cv2.findContours(mask, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
        for contour in contours:
            hull = cv2.convexHull(contour)
            share = cv2.contourArea(hull) / (height * width)
            if not QUAD_AREA[0] <= share <= QUAD_AREA[1]:
                continue
            if best is not None and share <= best[0]:
                continue
            quad = _quad_of(hull)
            if quad is not None and _plausible(quad):
                full = quad / factor
                if _holds_text(full, glyphs):
                    best = (share, full.astype(np.float32))
    return best[1] if best else None


def _quad_of(hull: cv2.typing.MatLike) -> Quad | None:
    corners = cv2.approxPolyDP(hull, 0.02 * cv2.arcLength(hull, True), True)
    if len(corners) == 4:
        return _ordered(corners.reshape(4, 2).astype(np.float32))
    rect = cv2.minAreaRect(hull)
    rect_area = rect[1][0] * rect[1][1]
    if rect_area > 0 and cv2.contourArea(hull) / rect_area >= QUAD_MIN_FILL:
        return _ordered(cv2.boxPoints(rect).astype(np.float32))
    return None


def _ordered(points: Quad) -> Quad:
    sums = points.sum(axis=1)
    diffs = np.diff(points, axis=1).ravel()
    return np.array(
        [
            points[np.argmin(sums)],
            points[np.argmin(diffs)],
            points[np.argmax(sums)],
            points[np.argmax(diffs)],
        ],
        dtype=np.float32,
    )


def _sides(quad: Quad) -> tuple[float, float]:
    top, bottom = np.linalg.norm(quad[1] - quad[0]), np.linalg.norm(quad[2] - quad[3])
    left, right = np.linalg.norm(quad[3] - quad[0]), np.linalg.norm(quad[2] - quad[1])
    return float(top + bottom) / 2, float(left + right) / 2


def _plausible(quad: Quad) -> bool:
    if len({(round(float(x)), round(float(y))) for x, y in quad}) < 4:
        return False
    for i in range(4):
        before, here, after = quad[i - 1], quad[i], quad[(i + 1) % 4]
        u, v = before - here, after - here
        cos = float(np.dot(u, v)) / (float(np.linalg.norm(u) * np.linalg.norm(v)) + 1e-9)
        if abs(cos) > QUAD_MAX_COS:
            return False
    width, height = _sides(quad)
    return max(width, height) / max(1.0, min(width, height)) <= QUAD_MAX_ASPECT


def _holds_text(quad: Quad, glyphs: Glyphs) -> bool:
    if len(glyphs) < MIN_GLYPHS:
        return False
    boxes = glyphs.boxes
    centres = np.stack(
        [boxes[:, 0] + boxes[:, 2] / 2, boxes[:, 1] + boxes[:, 3] / 2], axis=1
    ).astype(np.float32)
    contour = quad.reshape(-1, 1, 2)
    inside = np.array(
        [cv2.pointPolygonTest(contour, (float(x), float(y)), False) >= 0 for x, y in centres]
    )
    ink = boxes[:, 4].astype(np.float64)
    return float(ink[inside].sum()) >= QUAD_MIN_TEXT * float(ink.sum())


def warp_document(gray: Gray, quad: Quad) -> Gray:
    """The document inside ``quad``, flattened to a rectangle (perspective corrected)."""
    width, height = (max(2, round(side)) for side in _sides(quad))
    target = np.array(
        [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(quad, target)
    return _gray(
        cv2.warpPerspective(
            gray, matrix, (width, height), flags=cv2.INTER_CUBIC, borderMode=cv2.BORDER_REPLICATE
        )
    )


def quad_share(quad: Quad, shape: tuple[int, ...]) -> float:
    """Share of the image (0-1) a document outline covers."""
    return float(cv2.contourArea(quad.reshape(-1, 1, 2))) / float(shape[0] * shape[1])
