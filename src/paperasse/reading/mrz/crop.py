"""Cut a band out of a page along its rows, at a chosen row height, ink black on white."""

from __future__ import annotations

import math

import cv2
import numpy as np

from paperasse.reading.mrz.band import Band, Gray

MAX_CROP_SIDE = 3000


def crop_band(gray: Gray, band: Band, row_px: float, *, turn: int = 0) -> Gray:
    """The band cut out along its rows, turned by ``turn`` (0 or 180) degrees and
    scaled so that a row is ``row_px`` high."""
    scale = row_px / max(band.row_height, 1.0)
    scale = min(scale, MAX_CROP_SIDE / max(band.length, band.height, 1.0))
    height, width = gray.shape
    reach = math.hypot(band.length, band.height) / 2
    x0, x1 = max(0, int(band.cx - reach)), min(width, int(band.cx + reach) + 1)
    y0, y1 = max(0, int(band.cy - reach)), min(height, int(band.cy + reach) + 1)
    sub = gray[y0:y1, x0:x1]
    pre = 1.0
    if scale < 1.0:  # shrink with area averaging first: a warp would alias thin strokes
        pre = scale
        size = (max(1, round(sub.shape[1] * pre)), max(1, round(sub.shape[0] * pre)))
        sub = np.asarray(cv2.resize(sub, size, interpolation=cv2.INTER_AREA), dtype=np.uint8)
    s = scale / pre
    cx, cy = (band.cx - x0) * pre, (band.cy - y0) * pre
    out_w, out_h = max(8, round(band.length * scale)), max(8, round(band.height * scale))
    rad = math.radians(band.angle)
    sign = -1.0 if turn == 180 else 1.0
    cos, sin = sign * math.cos(rad) / s, sign * math.sin(rad) / s
    matrix = np.array([
        [cos, -sin, cx - cos * out_w / 2 + sin * out_h / 2],
        [sin, cos, cy - sin * out_w / 2 - cos * out_h / 2],
    ])  # fmt: skip
    warped = cv2.warpAffine(sub, matrix, (out_w, out_h),
                            flags=cv2.INTER_CUBIC | cv2.WARP_INVERSE_MAP,
                            borderMode=cv2.BORDER_REPLICATE)  # fmt: skip
    return np.asarray(warped, dtype=np.uint8)


def clean_background(crop: Gray, row_px: float) -> Gray:
    """Black ink on white: divide by the background (ink removed by a closing) and
    threshold, so security printing lighter than the ink drops out."""
    size = max(3, int(row_px * 0.8) | 1)
    # A square kernel: OpenCV runs it as two passes of a line, many times faster than a disc.
    background = cv2.morphologyEx(crop, cv2.MORPH_CLOSE, np.ones((size, size), np.uint8))
    flat = cv2.divide(crop, background, scale=255)
    _, binary = cv2.threshold(flat, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return np.asarray(binary, dtype=np.uint8)
