"""Condition a page image before OCR: size its text, straighten it, flatten its light.

Citizens photograph cards on a table, scan a passport in a corner of an A3 page or
send a 400-pixel carte grise. Tesseract reads none of these as they are; it reads
them well once the document fills the image (``outline``), its letters stand about
30 pixels tall and its lines run level on a flat, light background. Each function
here is one of those treatments, done with OpenCV:

- ``text_height`` measures letters from connected components of the thresholded
  page, weighting each by its ink so that specks and security micro-print (tiny but
  numerous) do not drown the real text; ``text_scale`` brings it to ~30 px.
- ``skew_angle`` finds the angle (±45°) at which text lines run level, by the
  sharpness of the row (or column) profile of the letters' boxes.
- ``flatten_background`` divides the page by an estimate of its paper (closing then
  blur, at quarter size): shadows and uneven light disappear, and light security
  backgrounds (guilloche) become near-white; ``threshold_ink`` then keeps the ink,
  even over a darker pattern.

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

TARGET_TEXT_PX = 30.0  # letter height (ink-weighted median) Tesseract reads best
MIN_TEXT_PX = 20.0  # below this, text is enlarged to the target
MAX_TEXT_PX = 80.0  # above this, the page is reduced (big letters read slower, not better)
LARGE_TEXT_TARGET_PX = 60.0
MAX_UPSCALE = 4.0
MAX_CONDITIONED_PIXELS = 12_000_000  # an enlarged page stays within this
MIN_GLYPHS = 8
MIN_SKEW_DEGREES = 0.5
MAX_SKEW_DEGREES = 45
SKEW_WORK_PX = 600
BACKGROUND_REDUCTION = 4
MIN_DARK_PIXELS = 1000
PICTURE_LETTERS = 2.5  # a shape this many letter heights tall and wide is no letter
SOLID_FILL = 0.6
SAUVOLA_LETTERS = 4.0
SAUVOLA_K = 0.2
SAUVOLA_RANGE = 128.0
MIN_INK_CONTRAST = 40.0  # gray levels between ink and paper, below: grain, not ink
DARK_SPLIT_GAIN = 1.5  # gain in letter-like ink for the darker split to be preferred


@dataclass(frozen=True)
class Glyphs:
    """Letter-like connected components of a thresholded page: boxes and ink areas."""

    boxes: npt.NDArray[np.int32]  # rows of left, top, width, height, area

    def __len__(self) -> int:
        return len(self.boxes)


def to_gray(array: object) -> Gray:
    """Any OpenCV result as an 8-bit grayscale array (for the type checker)."""
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
    return to_gray(cv2.divide(gray, np.maximum(paper, 1), scale=255))


def threshold(gray: Gray) -> Gray:
    """Black ink on white by Otsu's threshold (best after ``flatten_background``).

    Otsu always splits, even a page without ink: when the two sides differ by less
    than 40 gray levels there is only paper and grain, and the page comes out white.
    """
    return _otsu(gray)[1]


def _otsu(gray: Gray) -> tuple[float, Gray]:
    level, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    dark, light = gray[gray < level], gray[gray >= level]
    if dark.size == 0 or light.size == 0 or light.mean() - dark.mean() < MIN_INK_CONTRAST:
        return 0.0, np.full_like(gray, 255)
    return float(level), to_gray(binary)


def threshold_ink(gray: Gray) -> tuple[Gray, bool]:
    """Threshold a flattened page so that ink is black, even over a security pattern.

    Otsu's threshold splits paper from everything darker; on a card whose guilloche
    is mid-gray the pattern turns black too and swallows the letters. Then a second
    Otsu split, among the dark pixels only, separates the dark ink from the pattern;
    it is kept when much more of its ink lies in letter-like marks (a pattern's ink
    forms wide networks of lines, a letter's ink small separate shapes). Returns the
    thresholded page and whether the darker split was taken.
    """
    level, binary = _otsu(gray)
    dark = gray[gray < level]
    if dark.size < MIN_DARK_PIXELS:
        return binary, False
    darker, _ = cv2.threshold(dark.reshape(1, -1), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    _, split = cv2.threshold(gray, darker, 255, cv2.THRESH_BINARY)
    plain, darkest = binary, to_gray(split)
    glyphs = find_glyphs(darkest)
    if len(glyphs) >= MIN_GLYPHS and _letter_ink(darkest, glyphs) > DARK_SPLIT_GAIN * (
        _letter_ink(plain, find_glyphs(plain))
    ):
        return darkest, True
    return plain, False


def threshold_local(gray: Gray, letter_px: float) -> Gray:
    """Sauvola's threshold over windows of four letter heights (for uneven patterns).

    Where one global split cannot serve a whole page (a passport whose two pages carry
    different backgrounds), each pixel is compared with the mean and spread of its
    neighbourhood: ink is what stands clearly darker than its surroundings.
    """
    window = max(15, int(SAUVOLA_LETTERS * letter_px) | 1)
    f = gray.astype(np.float32)
    mean = cv2.boxFilter(f, -1, (window, window))
    spread = np.sqrt(np.maximum(cv2.boxFilter(f * f, -1, (window, window)) - mean * mean, 0))
    level = mean * (1 + SAUVOLA_K * (spread / SAUVOLA_RANGE - 1))
    return to_gray(np.where(f > level, 255, 0))


def _letter_ink(binary: Gray, glyphs: Glyphs) -> float:
    """Share of a thresholded page's ink that lies in letter-like marks."""
    ink = int(np.count_nonzero(binary == 0))
    return float(glyphs.boxes[:, 4].sum()) / ink if ink else 0.0


def find_glyphs(binary: Gray) -> Glyphs:
    """Connected components of ink shaped like letters (not specks, rules or photos)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    boxes = stats[1:count].astype(np.int32)
    return Glyphs(boxes[_letter_like(boxes, binary.shape[0])])


def _letter_like(boxes: npt.NDArray[np.int32], page_height: int) -> npt.NDArray[np.bool_]:
    width, height, area = boxes[:, 2], boxes[:, 3], boxes[:, 4]
    return np.asarray(
        (height >= 4)
        & (height <= page_height / 5)
        & (width <= height * 2)
        & (width * 5 >= height)
        & (area >= 0.15 * width * height)
        & (area <= 0.9 * width * height),
        dtype=np.bool_,
    )


def clear_pictures(binary: Gray) -> tuple[Gray, npt.NDArray[np.bool_] | None]:
    """Erase ink shapes far bigger than letters that are not solid bands.

    A 2D-Doc barcode, a chip, a photo or a table's dark edge makes Tesseract's page
    layout drop the text lines beside it. Shapes more than 2.5 letter heights tall
    and wide that fill less than 60 % of their box are erased; solid bands stay, for
    the light text printed in them. Returns the cleaned page and the erased pixels
    (None when nothing was erased).
    """
    count, labels, stats, _ = cv2.connectedComponentsWithStats(255 - binary, connectivity=8)
    boxes = stats[1:count].astype(np.int32)
    height = text_height(Glyphs(boxes[_letter_like(boxes, binary.shape[0])]))
    if height is None:
        return binary, None
    width, tall, area = boxes[:, 2], boxes[:, 3], boxes[:, 4]
    picture = (
        (width > PICTURE_LETTERS * height)
        & (tall > PICTURE_LETTERS * height)
        & (area < SOLID_FILL * width * tall)
    )
    if not picture.any():
        return binary, None
    erased = np.isin(labels, np.flatnonzero(picture) + 1)
    cleaned = binary.copy()
    cleaned[erased] = 255
    return cleaned, erased


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
    return to_gray(cv2.resize(gray, None, fx=factor, fy=factor, interpolation=interpolation))


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
    return to_gray(
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
    return to_gray(cv2.rotate(gray, codes[clockwise % 360]))


def mirror(gray: Gray) -> Gray:
    """Flip a page left to right (selfie cameras and some scanners mirror the page)."""
    return to_gray(cv2.flip(gray, 1))
