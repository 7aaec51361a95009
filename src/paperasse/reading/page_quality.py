"""Whether an OCRed page can be read, the measures that say so, and what to tell the citizen.

Every OCRed page gets a ``PageQuality``: a verdict (``QualityVerdict``) and the
measures it rests on, so that an agent can see why and the citizen can be told what
to do (``retake_advice``). The verdict names the cause a citizen can fix; the OCR
confidence shifts the image thresholds, so that a page Tesseract reads well is not
refused for a measure near its limit, and a page it reads badly is judged strictly:

Checked in this order:

- ``vide``: no ink at all (a blank page);
- ``trop_sombre``: mean gray level below 45, or below 80 when the reading is poor;
- ``floue``: sharpness below 260, or below 800 when the reading is poor on a page
  where letters are seen (a soft photo of a thing is not a blurred document);
- ``trop_petite``: letters under 6 px in the image sent, or a document (or its text)
  spanning under 5 % of it, when the reading is poor;
- ``vide``: no word read (a photo of a thing, the back of a page);
- ``coupee``: text running off the image (three words or more touching its left or
  right edge), when no document outline was found whole;
- when the best reading is gibberish (mean confidence below 40) with no cause
  above: ``trop_petite`` if its letters are under 12 px in the image sent, else
  ``floue`` (whose advice, a sharp, flat, well-lit photo, fits most failures);
- ``lisible`` otherwise (its OCR confidence still says how sure the words are).

A reading is good when its mean confidence is at least 70 and it holds five real
words. Measures are taken on the image that was read (document cropped when found):

- sharpness: measured in 50-px tiles as they would be on the page scaled so that
  its letters stand 20 px tall (blur counts against the size of the letters,
  whatever the resolution), each tile brought to white paper (whatever the light):
  the variance of the second derivative (the Laplacian's two terms, steered in eight
  directions so that camera shake, which blurs one direction only, counts), 90th
  percentile over the tiles with some contrast (a page mostly white is not judged
  blurred), in the weakest direction;
- brightness: mean gray level 0-255;
- text density: real words per megapixel of the page scaled to 1000 px on its long
  side.

Thresholds come from generated pages (``tests/reading/photos.py``): clean pages,
cards and photos on a table measure 8,000 to 20,000. A bill in 28-px letters blurred
with sigma 3 px measures ~340 and reads whole; with sigma 3.5 px ~200, and Tesseract
reads it with a mean confidence of 91 but two of five key words wrong: hence 260
whatever the reading. Camera shake of 12-15 px leaves ~400-700 with a poor reading
(confidence 45-60): hence 800 when the reading is poor. A bill photo exposed at 12 %
has a mean gray of 28. On the development set's real images, sharpness runs from
~2,600 to ~35,000 (a security background's micro-print is sharp) and brightness
from 87 to 230: none is judged blurred or dark.

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
PAPER_PERCENTILE = 95
MAX_PAPER_GAIN = 4.0
DIRECTIONS = 8
MAX_TILES = 256
TILE_PX = 50
TILE_MIN_STD = 12.0
SHARPNESS_PERCENTILE = 90
VERY_BLURRED = 260.0
BLURRED = 800.0
VERY_DARK = 45.0
DARK = 80.0
GOOD_CONFIDENCE = 70.0
GOOD_WORDS = 5
MIN_TEXT_PX = 6.0
MIN_COVERAGE = 0.05
UNREADABLE_CONFIDENCE = 40.0  # a mean word confidence this low is gibberish
SMALL_TEXT_PX = 12.0
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
    photos). Sharpness is then measured in tiles as they would be on the page scaled
    so that letters stand 20 px tall (or to 1000 px on its long side when no letters
    are found), each tile brought to white paper, so that it measures blur against
    the size and contrast of the letters, whatever the resolution and the light.
    Only the tiles measured are resampled: ~0.1 s on an A4 page at 300 dpi.
    """
    work_factor = min(1.0, WORK_SIDE / max(gray.shape))
    work = resize(gray, work_factor) if work_factor < 1.0 else gray
    height = text_height(find_glyphs(threshold(flatten_background(work))))
    text_px = height / work_factor if height is not None else None
    factor = SHARP_TEXT_PX / text_px if text_px else NORMALISED_SIDE / max(gray.shape)
    factor = min(factor, MAX_MEASURE_UPSCALE)
    return ImageMeasures(_tiled_sharpness(gray, work, factor), float(work.mean()), text_px)


def _tiled_sharpness(gray: Gray, work: Gray, factor: float) -> float:
    """Sharpness of ``gray`` scaled by ``factor``, from tiles chosen on ``work``."""
    side = TILE_PX / factor  # a tile's side in the pixels of ``gray``
    rows, cols = max(1, int(gray.shape[0] / side)), max(1, int(gray.shape[1] / side))
    scale = work.shape[0] / gray.shape[0]
    span = (round(rows * side * scale), round(cols * side * scale))
    region = work[: max(1, span[0]), : max(1, span[1])].astype(np.float32)
    mean = cv2.resize(region, (cols, rows), interpolation=cv2.INTER_AREA)
    square = cv2.resize(region * region, (cols, rows), interpolation=cv2.INTER_AREA)
    spread = np.sqrt(np.maximum(square - mean * mean, 0))
    chosen = np.argwhere(spread >= TILE_MIN_STD)
    if len(chosen) == 0:
        chosen = np.argwhere(spread >= 0)
    chosen = chosen[np.linspace(0, len(chosen) - 1, min(len(chosen), MAX_TILES)).astype(int)]
    margin = side / TILE_PX  # one pixel of the scaled tile, kept for the derivatives
    height, width = gray.shape
    stack = []
    for row, col in chosen:
        top, left = row * side - margin, col * side - margin
        bottom, right = top + side + 2 * margin, left + side + 2 * margin
        patch = gray[
            max(0, int(top)) : min(height, math.ceil(bottom)),
            max(0, int(left)) : min(width, math.ceil(right)),
        ]
        stack.append(cv2.resize(patch, (TILE_PX + 2, TILE_PX + 2), interpolation=cv2.INTER_AREA))
    tiles = np.stack(stack).astype(np.float32)
    paper = np.percentile(tiles.reshape(len(stack), -1), PAPER_PERCENTILE, axis=1)
    # Each tile is brought to white paper: shadows and dim light do not count as blur.
    gain = np.minimum(MAX_PAPER_GAIN, 255.0 / np.maximum(paper, 1.0)).astype(np.float32)
    whitened = tiles * gain[:, None, None]
    return sharpness_of_tiles(whitened.reshape(-1, TILE_PX + 2))


def sharpness_of_tiles(stack: npt.NDArray[np.float32]) -> float:
    """Variance of the second derivative in the weakest direction (see module doc).

    ``stack`` holds tiles of 52 px (50 and a one-pixel border) one under the other.
    The Laplacian adds the second derivatives along x and y; here they are taken in
    eight directions (steered from the Sobel second derivatives), their variance per
    tile, the 90th percentile over tiles, and the smallest of the eight: camera shake
    blurs one direction only, focus blurs them all.
    """
    side = TILE_PX + 2
    dxx, dyy, dxy = (
        cv2.Sobel(stack, cv2.CV_32F, dx, dy, ksize=3).reshape(-1, side, side)[:, 1:-1, 1:-1]
        for dx, dy in ((2, 0), (0, 2), (1, 1))
    )
    weakest = math.inf
    for k in range(DIRECTIONS):
        angle = math.pi * k / DIRECTIONS
        c, s = math.cos(angle), math.sin(angle)
        second = c * c * dxx + 2 * c * s * dxy + s * s * dyy
        variances = second.var(axis=(1, 2))
        weakest = min(weakest, float(np.percentile(variances, SHARPNESS_PERCENTILE)))
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
        confidence=confidence,
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
    confidence: float | None,
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
    # Letters too small for the sharpness measure to mean anything: say so first.
    if not good and (
        (text_px is not None and text_px < MIN_TEXT_PX)
        or (coverage is not None and coverage < MIN_COVERAGE)
    ):
        return "trop_petite"
    lettered = text_px is not None
    if sharp is not None and (sharp < VERY_BLURRED or (sharp < BLURRED and lettered and not good)):
        return "floue"
    if not real:
        return "vide"
    if not whole and runs_off_edge(real, size):
        return "coupee"
    if confidence is not None and confidence < UNREADABLE_CONFIDENCE:
        # Gibberish with no single cause measured: small letters are the likelier one.
        return "trop_petite" if text_px is not None and text_px < SMALL_TEXT_PX else "floue"
    return "lisible"
