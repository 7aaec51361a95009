"""Whether an OCRed page can be read, the measures that say so, and what to tell the citizen.

Every OCRed page gets a ``PageQuality``: a verdict (``QualityVerdict``) and the
measures it rests on, so that an agent can see why and the citizen can be told what
to do (``retake_advice``). The verdict names the cause a citizen can fix; the OCR
confidence shifts the image thresholds, so that a page Tesseract reads well is never
refused for a measure near its limit, and a page it reads badly is judged strictly:

- ``vide``: no ink at all, or no word read (a photo of a thing, a page face down);
- ``trop_sombre``: mean gray level below 45, or below 80 when the reading is poor;
- ``floue``: sharpness below 60, or below 150 when the reading is poor;
- ``trop_petite``: letters under 6 px in the image sent, or a document (or its text)
  spanning under 5 % of it, when the reading is poor;
- ``coupee``: text running off the image (three words or more touching its left or
  right edge), when no document outline was found whole;
- ``lisible`` otherwise (its OCR confidence still says how sure the words are).

A reading is good when its mean confidence is at least 70 and it holds five real
words. Measures are taken on the image that was read (document cropped when found),
reduced to 1000 px on its long side so that they do not depend on resolution:

- sharpness: variance of the Laplacian in 50-px tiles, 90th percentile over tiles
  that hold some contrast (so a page mostly white is not judged blurred): ~1000 and
  more for sharp text, below 100 once letters melt (Gaussian blur of a third of
  their height);
- brightness: mean gray level 0-255;
- text density: real words per megapixel of that reduced image.

Thresholds come from generated pages (clean, blurred with sigma 1-8 px at 300 dpi,
dark exposures, phone photos on a table, small cards) and the development set of
real documents; ``tests/reading/test_page_quality.py`` holds the generated cases.
An upright page read well from a file handed to Tesseract undecoded is not decoded
just to be measured: its verdict rests on the reading alone (sharpness and
brightness stay None).
"""

from __future__ import annotations

import cv2
import numpy as np

from paperasse.models.domain import PageQuality, QualityVerdict, Word
from paperasse.reading.condition import Gray, resize

NORMALISED_SIDE = 1000
TILE_PX = 50
TILE_MIN_STD = 12.0
SHARPNESS_PERCENTILE = 90
VERY_BLURRED = 60.0
BLURRED = 150.0
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


def normalised(gray: Gray) -> Gray:
    """The page reduced (or enlarged) to 1000 px on its long side, for measures."""
    factor = NORMALISED_SIDE / max(gray.shape)
    return resize(gray, factor) if abs(factor - 1.0) > 1e-3 else gray


def sharpness(small: Gray) -> float:
    """Variance of the Laplacian per tile, high percentile over tiles with contrast."""
    laplacian = cv2.Laplacian(small, cv2.CV_64F)
    rows, cols = small.shape[0] // TILE_PX, small.shape[1] // TILE_PX
    if rows == 0 or cols == 0:
        return float(laplacian.var())
    cut = (slice(0, rows * TILE_PX), slice(0, cols * TILE_PX))
    tiles_lap = laplacian[cut].reshape(rows, TILE_PX, cols, TILE_PX)
    tiles_img = small[cut].astype(np.float64).reshape(rows, TILE_PX, cols, TILE_PX)
    variances = tiles_lap.var(axis=(1, 3))
    contrast = tiles_img.std(axis=(1, 3)) >= TILE_MIN_STD
    if not contrast.any():
        return float(np.percentile(variances, SHARPNESS_PERCENTILE))
    return float(np.percentile(variances[contrast], SHARPNESS_PERCENTILE))


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
    small = normalised(image) if image is not None else None
    sharp = sharpness(small) if small is not None else None
    bright = float(small.mean()) if small is not None else None
    area = small.shape[0] * small.shape[1] / 1e6 if small is not None else None
    if area is None and size[0] > 0 and size[1] > 0:
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
    if sharp is not None and (sharp < VERY_BLURRED or (sharp < BLURRED and not good)):
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
