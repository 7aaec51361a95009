"""Whether an OCRed page can be read, the measures that say so, and what to tell the citizen.

Every OCRed page gets a ``PageQuality``: a verdict (``QualityVerdict``) and the
measures it rests on, so that an agent can see why and the citizen can be told what
to do (``retake_advice``). The verdict names the cause a citizen can fix; the OCR
confidence shifts the image thresholds, so that a page Tesseract reads well is not
refused for a measure near its limit, and a page it reads badly is judged strictly:

- ``vide``: no ink at all, or no word read (a photo of a thing, a page face down);
- ``trop_sombre``: mean gray level below 45, or below 80 when the reading is poor;
- ``floue``: sharpness below 330, or below 800 when the reading is poor on a page
  where letters are seen (a soft photo of a thing is not a blurred document);
- ``trop_petite``: letters under 6 px in the image sent, or a document (or its text)
  spanning under 5 % of it, when the reading is poor;
- ``coupee``: text running off the image (three words or more touching its left or
  right edge), when no document outline was found whole;
- ``lisible`` otherwise (its OCR confidence still says how sure the words are).

A reading is good when its mean confidence is at least 70 and it holds five real
words. Measures are taken on the image that was read (document cropped when found):

- sharpness: the page is scaled so that its letters stand 20 px tall (so that blur
  counts against the size of the letters, whatever the resolution) and its
  background flattened (whatever the light); then the variance of the second
  derivative (the Laplacian's two terms, steered in eight directions so that camera
  shake, which blurs one direction only, counts) in 50-px tiles, 90th percentile
  over tiles with some contrast (a page mostly white is not judged blurred), in the
  weakest direction;
- brightness: mean gray level 0-255;
- text density: real words per megapixel of the page scaled to 1000 px on its long
  side.

Thresholds come from generated pages (``tests/reading/photos.py``): clean pages,
cards and photos on a table measure 5,000 to 18,000. A bill in 38-px letters blurred
with sigma 3 px measures ~440 and reads whole; with sigma 3.5 px ~250, and Tesseract
reads it with a mean confidence of 91 but two of five key words wrong: hence 330
whatever the reading. Camera shake of 12-15 px leaves ~500-650 with a poor reading
(confidence 45-60): hence 800 when the reading is poor. A bill photo exposed at 12 %
has a mean gray of 28. On the development set's real images, sharpness runs from
~1,800 to ~16,000 and brightness from 87 to 230.

An upright PNG read well (mean confidence ≥ 85) from the file handed to Tesseract
undecoded is not decoded just to be measured: its verdict rests on the reading alone
(sharpness and brightness stay None). JPEGs, decoded pages and conditioned pages are
always measured.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import cv2
import numpy as np
import numpy.typing as npt

from paperasse.models.domain import PageQuality, QualityVerdict, Word
from paperasse.reading.condition import (
    Gray,
    find_glyphs,
    flatten_background,
    resize,
    text_height,
    threshold,
)

NORMALISED_SIDE = 1000  # text density is counted on the page at this size
WORK_SIDE = 1600
SHARP_TEXT_PX = 20.0  # sharpness is measured with letters this tall
MAX_MEASURE_UPSCALE = 4.0
MAX_MEASURE_PIXELS = 2_000_000
DIRECTIONS = 8
TILE_PX = 50
TILE_MIN_STD = 12.0
SHARPNESS_PERCENTILE = 90
VERY_BLURRED = 330.0
BLURRED = 800.0
VERY_DARK = 45.0
DARK = 80.0
GOOD_CONFIDENCE = 70.0
GOOD_WORDS = 5
MIN_TEXT_PX = 6.0
MIN_COVERAGE = 0.05
CUT_WORDS = 3
EDGE_MARGIN = 0.01

ADVICE: dict[QualityVerdict, str] = {
    "lisible": "La page est lisible : vous n'avez rien à refaire.",
    "floue": "Votre photo est floue : reprenez-la à plat, bien éclairée, sans reflet.",
    "trop_sombre": (
        "Votre photo est trop sombre : reprenez-la à la lumière du jour ou dans une pièce "
        "bien éclairée, sans ombre sur le document."
    ),
    "trop_petite": (
        "Le document est trop petit sur la photo : rapprochez-vous pour qu'il remplisse "
        "l'image, ou numérisez-le en 300 dpi."
    ),
    "coupee": (
        "Le document est coupé : reprenez la photo en laissant un peu de marge autour "
        "des quatre bords."
    ),
    "vide": (
        "Nous n'avons trouvé aucun texte sur cette page : vérifiez que vous avez déposé "
        "le bon document, face imprimée visible."
    ),
}


def retake_advice(verdict: QualityVerdict) -> str:
    """One French sentence telling the citizen what to do about a page with this verdict."""
    return ADVICE[verdict]


@dataclass(frozen=True)
class ImageMeasures:
    """What the pixels of a page say about it (see module doc)."""

    sharpness: float
    brightness: float
    text_px: float | None  # letter height in the image's own pixels


def measure_image(gray: Gray) -> ImageMeasures:
    """Sharpness, brightness and letter height of a page image, independent of resolution.

    Letters are measured on a copy at most 1600 px wide (cheap on 12-megapixel
    photos); the page is then scaled so that letters stand 20 px tall (or to 1000 px
    on its long side when no letters are found) and its background flattened, so
    that sharpness measures blur against the size and contrast of the letters,
    whatever the resolution and the light.
    """
    work_factor = min(1.0, WORK_SIDE / max(gray.shape))
    work = resize(gray, work_factor) if work_factor < 1.0 else gray
    height = text_height(find_glyphs(threshold(flatten_background(work))))
    text_px = height / work_factor if height is not None else None
    factor = SHARP_TEXT_PX / text_px if text_px else NORMALISED_SIDE / max(gray.shape)
    factor = min(factor, MAX_MEASURE_UPSCALE, (MAX_MEASURE_PIXELS / gray.size) ** 0.5)
    small = resize(gray, factor) if abs(factor - 1.0) > 1e-3 else gray
    return ImageMeasures(sharpness(flatten_background(small)), float(work.mean()), text_px)


def sharpness(small: Gray) -> float:
    """Variance of the second derivative in the page's weakest direction (see module doc).

    The Laplacian adds the second derivatives along x and y; here they are taken in
    eight directions (steered from the Sobel second derivatives), their variance in
    50-px tiles, the 90th percentile over tiles with some contrast, and the smallest
    of the eight: camera shake blurs one direction only, focus blurs them all.
    """
    f = small.astype(np.float32)
    dxx = cv2.Sobel(f, cv2.CV_32F, 2, 0, ksize=3)
    dyy = cv2.Sobel(f, cv2.CV_32F, 0, 2, ksize=3)
    dxy = cv2.Sobel(f, cv2.CV_32F, 1, 1, ksize=3)
    rows, cols = small.shape[0] // TILE_PX, small.shape[1] // TILE_PX
    if rows == 0 or cols == 0:
        return float(min(dxx.var(), dyy.var()))
    cut = (slice(0, rows * TILE_PX), slice(0, cols * TILE_PX))

    def tiled(array: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        return array[cut].reshape(rows, TILE_PX, cols, TILE_PX)

    contrast = tiled(f).std(axis=(1, 3)) >= TILE_MIN_STD
    if not contrast.any():
        contrast[:] = True
    weakest = math.inf
    for k in range(DIRECTIONS):
        angle = math.pi * k / DIRECTIONS
        c, s = math.cos(angle), math.sin(angle)
        second = c * c * dxx + 2 * c * s * dxy + s * s * dyy
        variances = tiled(second).var(axis=(1, 3))
        weakest = min(weakest, float(np.percentile(variances[contrast], SHARPNESS_PERCENTILE)))
    return weakest


def text_coverage(words: list[Word], size: tuple[int, int]) -> float | None:
    """Share of the image (0-1) the bounding box of the words spans."""
    if not words or size[0] <= 0 or size[1] <= 0:
        return None
    left = min(w.left for w in words)
    top = min(w.top for w in words)
    right = max(w.left + w.width for w in words)
    bottom = max(w.top + w.height for w in words)
    return (right - left) * (bottom - top) / (size[0] * size[1])


def runs_off_edge(words: list[Word], size: tuple[int, int]) -> bool:
    """True when several words touch the left or right edge of the image: the page is cut."""
    margin = max(2, round(size[0] * EDGE_MARGIN))
    touching = [w for w in words if w.left <= margin or w.left + w.width >= size[0] - margin]
    return len(touching) >= CUT_WORDS


def assess_page(
    *,
    real: list[Word],
    confidence: float | None,
    size: tuple[int, int],
    image: Gray | None,
    blank: bool,
    text_px: float | None = None,
    document_share: float | None = None,
    conditioning: list[str] | None = None,
) -> PageQuality:
    """The verdict and measures of one OCRed page (see module doc for the rules).

    ``real`` are the reading's real words, ``size`` and ``image`` the image read
    (None when it was not decoded), ``text_px`` its letter height in the pixels of
    the file sent, ``document_share`` the share of that file the document outline
    covered when one was found.
    """
    steps = list(conditioning or [])
    measures = measure_image(image) if image is not None else None
    sharp = measures.sharpness if measures else None
    bright = measures.brightness if measures else None
    if text_px is None and measures is not None and measures.text_px is not None:
        text_px = measures.text_px * _scale_of(steps)
    area = 0.0
    if size[0] > 0 and size[1] > 0:
        factor = NORMALISED_SIDE / max(size)
        area = size[0] * size[1] * factor * factor / 1e6
    density = len(real) / area if area else None
    coverage = document_share if document_share is not None else text_coverage(real, size)
    good = (confidence or 0.0) >= GOOD_CONFIDENCE and len(real) >= GOOD_WORDS
    verdict = _verdict(
        blank=blank,
        good=good,
        real=real,
        size=size,
        sharp=sharp,
        bright=bright,
        text_px=text_px,
        coverage=coverage,
        whole=document_share is not None,
    )
    return PageQuality(
        verdict=verdict,
        sharpness=None if sharp is None else round(sharp, 1),
        brightness=None if bright is None else round(bright, 1),
        ocr_confidence=None if confidence is None else round(confidence, 1),
        text_density=None if density is None else round(density, 1),
        coverage=None if coverage is None else round(coverage, 3),
        conditioning=steps,
    )


def _scale_of(steps: list[str]) -> float:
    """From letters in the image read back to the file sent: undo a recorded rescale."""
    for step in steps:
        if step.startswith(("upscale x", "downscale x")):
            return 1.0 / float(step.split("x", 1)[1])
    return 1.0


def _verdict(
    *,
    blank: bool,
    good: bool,
    real: list[Word],
    size: tuple[int, int],
    sharp: float | None,
    bright: float | None,
    text_px: float | None,
    coverage: float | None,
    whole: bool,
) -> QualityVerdict:
    if blank:
        return "vide"
    if bright is not None and (bright < VERY_DARK or (bright < DARK and not good)):
        return "trop_sombre"
    lettered = text_px is not None
    if sharp is not None and (sharp < VERY_BLURRED or (sharp < BLURRED and lettered and not good)):
        return "floue"
    if not good and (
        (text_px is not None and text_px < MIN_TEXT_PX)
        or (coverage is not None and coverage < MIN_COVERAGE)
    ):
        return "trop_petite"
    if not real:
        return "vide"
    if not whole and runs_off_edge(real, size):
        return "coupee"
    return "lisible"
