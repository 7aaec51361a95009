"""``decode_barcodes``: the raw bytes of the DataMatrix and QR codes on a page.

One zxing-cpp pass over the page runs on every page (about 40 ms of CPU for a clean
A4 page at 300 dpi, up to 0.3 s for a grainy or tilted scan). Only when it decodes
nothing do a few variants run: on the whole image when it is small (a cropped code,
a low-resolution scan), otherwise only around the codes zxing-cpp located but could
not decode, so that pages without a code stay cheap.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator

import cv2
import numpy as np
import zxingcpp
from numpy.typing import NDArray
from PIL import Image

log = logging.getLogger(__name__)

Gray = NDArray[np.uint8]
_FORMATS = zxingcpp.BarcodeFormats(
    [zxingcpp.BarcodeFormat.DataMatrix, zxingcpp.BarcodeFormat.QRCode]
)
SMALL_SIDE = 1800  # px: below this the whole image goes through the variants
_TARGET_SIDE = 2400  # px: what a small image or a located code is enlarged to (A4, 300 dpi)
_MAX_FACTOR = 8
_MAX_CANDIDATES = 4
# The smallest 2D-Doc (22-character header, one field, 64-byte signature) needs a
# DataMatrix of 36 modules a side, so a located code smaller than 36 px is noise.
_MIN_CODE_SIDE = 36


def flatten(image: Image.Image) -> Gray:
    """Gray pixels, transparency composited onto white (a transparent PNG reads black)."""
    transparent = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    if not transparent:
        return np.asarray(image if image.mode == "L" else image.convert("L"), dtype=np.uint8)
    rgba = np.asarray(image if image.mode == "RGBA" else image.convert("RGBA"))
    gray = cv2.cvtColor(np.ascontiguousarray(rgba[..., :3]), cv2.COLOR_RGB2GRAY)
    if rgba[..., 3].min() == 255:
        return np.asarray(gray, dtype=np.uint8)
    alpha = rgba[..., 3]
    # gray·α/255 + 255·(1 - α/255), in integers: the two terms never exceed 255 together.
    shown = (gray.astype(np.uint16) * alpha // 255).astype(np.uint8)
    return np.asarray(shown + (255 - alpha), dtype=np.uint8)


def _read(gray: Gray, *, errors: bool = False) -> list[zxingcpp.Barcode]:
    return list(
        zxingcpp.read_barcodes(gray, formats=_FORMATS, try_invert=False, return_errors=errors)
    )


def _quiet_zone(gray: Gray) -> Gray:
    m = max(16, min(gray.shape[:2]) // 10)
    bordered = cv2.copyMakeBorder(gray, m, m, m, m, cv2.BORDER_CONSTANT, value=255)
    return np.asarray(bordered, dtype=np.uint8)


def _variants(gray: Gray) -> Iterator[tuple[str, Gray]]:
    """A bounded list of treatments, cheapest first; each adds a white quiet zone."""
    yield "quiet_zone", _quiet_zone(gray)
    factor = min(_MAX_FACTOR, max(1, round(_TARGET_SIDE / max(gray.shape[:2]))))
    smooth = gray
    if factor > 1:
        # Nearest neighbour keeps a crisp code crisp; bicubic rebuilds edges that
        # a downscaled, anti-aliased code has lost.
        size = (gray.shape[1] * factor, gray.shape[0] * factor)
        crisp = cv2.resize(gray, size, interpolation=cv2.INTER_NEAREST)
        yield "upscale_nearest", _quiet_zone(np.asarray(crisp, dtype=np.uint8))
        smooth = np.asarray(cv2.resize(gray, size, interpolation=cv2.INTER_CUBIC), dtype=np.uint8)
        yield "upscale_cubic", _quiet_zone(smooth)
    _, binary = cv2.threshold(smooth, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    yield "binarise", _quiet_zone(np.asarray(binary, dtype=np.uint8))


def _corners(barcode: zxingcpp.Barcode) -> tuple[list[int], list[int]]:
    pos = barcode.position
    corners = (pos.top_left, pos.top_right, pos.bottom_left, pos.bottom_right)
    return [p.x for p in corners], [p.y for p in corners]


def _side(barcode: zxingcpp.Barcode) -> int:
    xs, ys = _corners(barcode)
    return max(max(xs) - min(xs), max(ys) - min(ys))


def _crop(gray: Gray, barcode: zxingcpp.Barcode) -> Gray:
    """The located code with as much margin again around it (its corners may be off)."""
    xs, ys = _corners(barcode)
    side = _side(barcode)
    height, width = gray.shape[:2]
    left, top = max(0, min(xs) - side), max(0, min(ys) - side)
    right, bottom = min(width, max(xs) + side), min(height, max(ys) + side)
    return gray[top:bottom, left:right]


def _unique(barcodes: list[zxingcpp.Barcode]) -> list[bytes]:
    found: list[bytes] = []
    for barcode in barcodes:
        if barcode.valid and barcode.bytes and barcode.bytes not in found:
            found.append(bytes(barcode.bytes))
    return found


def decode_barcodes(image: Image.Image) -> list[bytes]:
    """The raw bytes of every DataMatrix and QR code found on the image.

    Raw bytes, not text: zxing-cpp's text escapes the <GS>/<RS>/<US> separators
    a 2D-Doc relies on. Duplicates are dropped; the order is zxing-cpp's.
    """
    gray = flatten(image)
    first = _read(gray, errors=True)
    found = _unique(first)
    if found:
        return found
    small = max(gray.shape[:2]) < SMALL_SIDE
    located = sorted((b for b in first if _side(b) >= _MIN_CODE_SIDE), key=_side, reverse=True)
    regions = [gray] if small else [_crop(gray, b) for b in located[:_MAX_CANDIDATES]]
    for region in regions:
        for name, variant in _variants(region):
            found = _unique(_read(variant))
            if found:
                log.debug("barcode decoded after treatment %s", name)
                return found
    return []
