"""When a page reads poorly, try a bounded set of conditioned versions and keep the best.

A clean upright scan reads with a mean word confidence above 90 in one pass and must
cost nothing more. A poor reading (low mean confidence, few real words, words taller
than wide, or few letters read for the ink on the page) sends the page here. The page
is laid out once (document cropped out with its perspective corrected when an outline
is clearly found, text brought to ~30 px, lines levelled: ``condition``), then
versions of it are read one after the other, most promising first, until one reads
well or the page's time budget is spent:

1. the laid-out page, flattened and thresholded (``condition.threshold_ink``: the
   darker of two splits when a security pattern would otherwise turn black), its
   pictures cleared (barcodes, chips, photos: ``condition.clear_pictures``),
   upright (unless the first reading looked turned: gibberish below 45 or words
   taller than wide); then in the orientation Tesseract's OSD suggests when it is
   sure of itself, and the other likely turn (upside down, or the other quarter
   turn for a page on its side);
2. the flattened page without thresholding (thin or light strokes survive better),
   pictures cleared too; then thresholded locally (Sauvola), for backgrounds that
   change across the page (a passport's two pages);
3. without the crop, when one was made (the outline may have been wrong);
4. mirrored (selfie cameras and some scanners mirror the page), both ways up.

Turns and mirrors are skipped when the first reading already holds 300 confident
characters: a page upside down or mirrored does not read that well, so only its
conditioning is in doubt (a scanned form of middling quality then costs two more
readings at most, not the whole budget).

Readings are compared by their confident characters: letters and digits of words of
two or more characters read with confidence ≥ 50, each weighted by its confidence.
Gibberish from a security background or from a page upside down is short and unsure;
a right reading is long and sure. The first reading competes like any other.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image

from paperasse.models.domain import Word
from paperasse.reading.condition import (
    MIN_SKEW_DEGREES,
    TARGET_TEXT_PX,
    Gray,
    as_image,
    clear_pictures,
    find_glyphs,
    flatten_background,
    mirror,
    resize,
    rotate,
    skew_angle,
    text_height,
    text_scale,
    threshold,
    threshold_ink,
    threshold_local,
    turn,
)
from paperasse.reading.outline import find_document, quad_share, warp_document
from paperasse.reading.tesseract import (
    Reading,
    TesseractTimeoutError,
    detect_orientation,
    read,
    write_pgm,
)

log = logging.getLogger(__name__)

ANALYSIS_SIDE = 2000  # pages are measured on a copy at most this long
SCALE_TOLERANCE = 0.1  # closer to 1 than this, a page is left at its size
SCORE_MIN_CONFIDENCE = 50.0
REAL_WORD_CONFIDENCE = 60.0
POOR_CONFIDENCE = 75.0  # clean pages read above 88, cards 75-92, turned pages below 45
MIN_REAL_SHARE = 0.6  # of words with two letters or more, those read with confidence
MIN_WORDS_FOR_SHAPE = 3
SIDEWAYS_RATIO = 0.5  # share of long words taller than wide that means "on its side"
SIDEWAYS_WEIGHT = 0.5
TURNED_CONFIDENCE = 45.0  # a page upside down or on its side reads below this
UPRIGHT_SCORE = 300.0  # confident characters in a first reading of a page the right way up
OSD_TRUSTED = 6.0  # OSD's confidence on turned text pages; cards and photos stay below
CONDITIONED_DPI = 300  # text is brought to the size of 10-point letters at 300 dpi
MIN_SECONDS_LEFT = 0.3
WALL_CLOCK_SLACK = 8.0  # a Tesseract run is killed past this many times the budget left


@dataclass
class Candidate:
    """One reading of a page and the image it was read from (upright, not thresholded).

    ``text_px`` is the letter height measured in the pixels of the file sent, and
    ``document_share`` the share of that file a cropped document covered.
    """

    reading: Reading
    size: tuple[int, int]
    image: Callable[[], Image.Image]
    rotation: int = 0
    steps: list[str] = field(default_factory=list)
    document_share: float | None = None
    text_px: float | None = None

    @property
    def score(self) -> float:
        return reading_score(self.reading)


def processor_seconds() -> float:
    """Processor time of this process and of its finished children (Tesseract runs)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def alnum(text: str) -> int:
    return sum(1 for c in text if c.isalnum())


def reading_score(reading: Reading) -> float:
    """Confident characters of a reading (see module doc): higher is a better reading.

    A reading of a page on its side (Tesseract reads a clockwise quarter turn as
    vertical text, often well) counts half: its word boxes run down the page, and
    everything after OCR expects lines that run across.
    """
    score = sum(
        alnum(w.text) * w.confidence / 100.0
        for w in reading.words
        if w.confidence >= SCORE_MIN_CONFIDENCE and alnum(w.text) >= 2
    )
    return score * SIDEWAYS_WEIGHT if looks_sideways(reading.words) else score


def real_words(words: list[Word], min_confidence: float = REAL_WORD_CONFIDENCE) -> list[Word]:
    """Words of two letters or digits or more, read with at least ``min_confidence``."""
    return [w for w in words if w.confidence >= min_confidence and alnum(w.text) >= 2]


def looks_sideways(words: list[Word]) -> bool:
    """True when most long words are taller than wide: the page lies on its side."""
    long_words = [w for w in words if len(w.text) >= 4]
    tall = sum(1 for w in long_words if w.height > w.width)
    return len(long_words) >= MIN_WORDS_FOR_SHAPE and tall / len(long_words) > SIDEWAYS_RATIO


def is_poor(reading: Reading) -> bool:
    """True when a reading is not worth keeping as it is (see module doc).

    A short or empty reading is not judged here: the caller tells a blank page from a
    page with ink by counting letters on the image.
    """
    words = [w for w in reading.words if alnum(w.text) >= 2]
    if len(words) < MIN_WORDS_FOR_SHAPE:
        return False
    if reading.confidence is not None and reading.confidence < POOR_CONFIDENCE:
        return True
    if len(real_words(words)) < MIN_REAL_SHARE * len(words):
        return True
    return looks_sideways(reading.words)


def is_good(reading: Reading) -> bool:
    """True when a reading can be kept without looking further."""
    return not is_poor(reading) and len(real_words(reading.words)) >= MIN_WORDS_FOR_SHAPE


@dataclass(frozen=True)
class Layout:
    """A page after crop, scaling and levelling (before any quarter turn).

    ``document_share`` is the share of the original image a cropped document covered,
    ``text_px`` the letter height measured in the original's pixels, ``scale`` the
    factor the page was enlarged or reduced by.
    """

    image: Gray
    steps: list[str]
    document_share: float | None
    text_px: float | None
    scale: float = 1.0

    @property
    def letter_px(self) -> float:
        """Letter height in the laid-out image (the target size when unknown)."""
        return self.text_px * self.scale if self.text_px else TARGET_TEXT_PX


def lay_out(gray: Gray, *, crop: bool = True) -> Layout:
    """Crop the document out (when clearly found), bring its text to size, level it.

    Everything is measured on a copy at most 2000 px on its long side (a 17-megapixel
    A3 scan is analysed in ~0.3 s); the crop and the scaling are then applied to the
    full image in one perspective warp, so that letters are resampled once.
    """
    reduction = min(1.0, ANALYSIS_SIDE / max(gray.shape))
    small = resize(gray, reduction) if reduction < 1.0 else gray
    flat = flatten_background(small)
    glyphs = find_glyphs(threshold_ink(flat)[0])
    # The outline must hold the letters Otsu sees: the darker split keeps the dark
    # edges of a table around a card, which would count as letters outside it.
    quad = find_document(small, find_glyphs(threshold(flat))) if crop else None
    analysed, pixels = small.shape, gray.size
    if quad is not None:
        region = warp_document(small, quad)
        glyphs = find_glyphs(threshold_ink(flatten_background(region))[0])
        analysed, pixels = region.shape, round(region.size / reduction**2)
    angle = skew_angle(glyphs, analysed)
    measured = text_height(glyphs)
    height = measured / reduction if measured is not None else None
    factor = text_scale(height, pixels)
    if abs(factor - 1.0) <= SCALE_TOLERANCE:
        factor = 1.0
    steps: list[str] = []
    share: float | None = None
    if quad is not None:
        share = quad_share(quad, small.shape)
        gray = warp_document(gray, quad / reduction, scale=factor)
        steps.append("crop")
    elif factor != 1.0:
        gray = resize(gray, factor)
    if factor != 1.0:
        steps.append(f"{'upscale' if factor > 1 else 'downscale'} x{factor:.2f}")
    if abs(angle) >= MIN_SKEW_DEGREES:
        gray = rotate(gray, angle)
        steps.append(f"deskew {angle:+.1f}")
    return Layout(gray, steps, share, height, factor)


def _treatment(darker: bool, cleared: bool) -> list[str]:
    steps = ["flatten-background", "threshold-dark" if darker else "threshold"]
    return [*steps, "clear-pictures"] if cleared else steps


class Search:
    """Reads versions of one page within a time budget and keeps the best (see module doc).

    The budget counts processor seconds (ours and Tesseract's), not the clock: on a
    machine shared with other workers a page gets the same work, however long it
    waits for a core. Each Tesseract run is still killed past a few times the budget
    left, by the clock, so that nothing runs unbounded.
    """

    def __init__(self, folder: Path, *, lang: str, budget: float, number: int) -> None:
        self.folder = folder
        self.lang = lang
        self.budget = budget
        self.started = processor_seconds()
        self.number = number
        self.reads = 0
        self.best: Candidate | None = None

    def seconds_left(self) -> float:
        return self.budget - (processor_seconds() - self.started)

    def run(self, first: Candidate, gray: Gray) -> Candidate:
        """The best candidate among ``first`` and the versions of ``gray`` read in time."""
        best = self.best = first
        words = first.reading.words
        sideways = looks_sideways(words)
        # Hundreds of confident characters are not read on a page upside down or
        # mirrored: only its conditioning is in doubt, not its orientation.
        upright = not sideways and first.score >= UPRIGHT_SCORE
        turned = not upright and (
            sideways
            or (
                len(words) >= MIN_WORDS_FOR_SHAPE
                and (first.reading.confidence or 0.0) < TURNED_CONFIDENCE
            )
        )
        try:
            versions = self._versions(gray, turned=turned, sideways=sideways, upright=upright)
            for candidate in versions:
                log.info(
                    "page %d: variant %s turned %d scores %.0f (best %.0f)",
                    self.number,
                    " ".join(candidate.steps) or "-",
                    candidate.rotation,
                    candidate.score,
                    best.score,
                )
                if candidate.score > best.score:
                    best = self.best = candidate
                    if is_good(best.reading):
                        break
        except TesseractTimeoutError:
            log.info("page %d: time budget spent after %d variants", self.number, self.reads)
        return best

    def _versions(
        self, gray: Gray, *, turned: bool, sideways: bool, upright: bool
    ) -> Iterator[Candidate]:
        if self.seconds_left() < MIN_SECONDS_LEFT:
            return
        layout = lay_out(gray)
        flat = flatten_background(layout.image)
        binary, darker = threshold_ink(flat)
        binary, erased = clear_pictures(binary)
        if erased is not None:
            flat = flat.copy()
            flat[erased] = 255
        thresholded = _treatment(darker, erased is not None)
        tried: list[int] = []
        if not turned:
            # Most poor readings come from upright pages (small, tilted, on a table, on
            # a security background): they read before OSD is worth its cost.
            tried.append(0)
            yield self._read(layout, binary, 0, thresholded)
        for angle in [] if upright else self._turns(binary, sideways=sideways):
            if angle not in tried:
                tried.append(angle)
                yield self._read(layout, binary, angle, thresholded)
        best = self.best
        angle = best.rotation if best is not None and best.steps else tried[0]
        yield self._read(layout, flat, angle, thresholded[:1] + thresholded[2:])
        local, _ = clear_pictures(threshold_local(flat, layout.letter_px))
        yield self._read(layout, local, angle, ["flatten-background", "threshold-local"])
        if "crop" in layout.steps:
            whole = lay_out(gray, crop=False)
            whole_binary, whole_darker = threshold_ink(flatten_background(whole.image))
            whole_binary, whole_erased = clear_pictures(whole_binary)
            treatment = _treatment(whole_darker, whole_erased is not None)
            yield self._read(whole, whole_binary, angle, treatment)
        if upright:
            return
        for way_up in (angle, (angle + 180) % 360):
            yield self._read(layout, binary, way_up, thresholded, mirrored=True)

    def _turns(self, binary: Gray, *, sideways: bool) -> list[int]:
        """Quarter turns to try, most likely first: OSD's when it is sure, else upright."""
        path = write_pgm(as_image(binary), self.folder / "osd.pgm")
        angle, confidence = detect_orientation(path, dpi=CONDITIONED_DPI, timeout=self._timeout())
        others = [90, 270] if sideways else [0, 180]
        if confidence >= OSD_TRUSTED and angle not in others:
            return [angle, *others]
        if confidence >= OSD_TRUSTED:
            others.remove(angle)
            return [angle, *others]
        return others

    def _timeout(self) -> float:
        left = self.seconds_left()
        if left < MIN_SECONDS_LEFT:
            raise TesseractTimeoutError("Plus de temps pour cette page.")
        return left * WALL_CLOCK_SLACK

    def _read(
        self,
        layout: Layout,
        image: Gray,
        angle: int,
        treatment: list[str],
        *,
        mirrored: bool = False,
    ) -> Candidate:
        shown = turn(layout.image, angle)
        read_image = turn(image, angle)
        if mirrored:
            shown, read_image = mirror(shown), mirror(read_image)
        path = write_pgm(as_image(read_image), self.folder / f"variant{self.reads}.pgm")
        self.reads += 1
        reading = read(path, lang=self.lang, dpi=CONDITIONED_DPI, timeout=self._timeout())
        steps = [*layout.steps, *treatment] + ([f"turn {angle}"] if angle else [])
        if mirrored:
            steps.append("mirror")
        return Candidate(
            reading=reading,
            size=(shown.shape[1], shown.shape[0]),
            image=lambda: as_image(shown),
            rotation=angle,
            steps=steps,
            document_share=layout.document_share,
            text_px=layout.text_px,
        )
