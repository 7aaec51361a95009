"""Find a document photographed or scanned inside a larger image, and flatten it.

A card on a table, a passport in a corner of an A3 scan: the document's outline is the
largest convex quadrilateral of a plausible size and shape that holds most of the
page's letters. When one is clearly found, the document is warped to a rectangle
(perspective corrected); otherwise the image is left whole.
"""

from __future__ import annotations

import cv2
import numpy as np
import numpy.typing as npt

from paperasse.reading.condition import MIN_GLYPHS, Glyphs, Gray, resize, to_gray

Quad = npt.NDArray[np.float32]  # 4 corners: top-left, top-right, bottom-right, bottom-left

QUAD_WORK_PX = 700
QUAD_AREA = (0.03, 0.8)  # share of the image a found document may cover
QUAD_MAX_ASPECT = 2.2  # long side / short side: cards 1.59, A4 1.41, letters 1.29
QUAD_MAX_COS = 0.5  # corners between 60 and 120 degrees
QUAD_MIN_FILL = 0.85  # a rough outline must fill its bounding rectangle this much
QUAD_MIN_TEXT = 0.75  # share of the page's letters (by ink) inside a found document


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


def warp_document(gray: Gray, quad: Quad, *, scale: float = 1.0) -> Gray:
    """The document inside ``quad``, flattened to a rectangle and scaled by ``scale``."""
    width, height = (max(2, round(side * scale)) for side in _sides(quad))
    target = np.array(
        [[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]], dtype=np.float32
    )
    matrix = cv2.getPerspectiveTransform(quad, target)
    interpolation = cv2.INTER_CUBIC if scale >= 1 else cv2.INTER_LINEAR
    return to_gray(
        cv2.warpPerspective(
            gray, matrix, (width, height), flags=interpolation, borderMode=cv2.BORDER_REPLICATE
        )
    )


def quad_share(quad: Quad, shape: tuple[int, ...]) -> float:
    """Share of the image (0-1) a document outline covers."""
    return float(cv2.contourArea(quad.reshape(-1, 1, 2))) / float(shape[0] * shape[1])
