"""OCR one page image: read it once as it is, condition it only when that reading is poor.

Speed decides the design (measured on this 2-core machine, A4 at 300 dpi, French,
one thread): a Tesseract recognition pass costs ~0.9 s, orientation detection
(``--psm 0``) another ~0.8 s, and ``--psm 1`` (OSD inside the recognition pass)
~0.3 s more on every page. Nearly every page a town hall scans is upright and clean,
and reads with a mean word confidence above 90 in one pass. So the page is read first
as it is; only a poor reading (``variants.is_poor``: low confidence, few real words,
words taller than wide; or no word, or far fewer characters than letters, on a page
with ink) sends it to the bounded search of conditioned versions (``variants``: crop,
perspective, scale, deskew, background, turns), which keeps the best reading found
within ``condition_seconds``. Upright clean pages pay for one pass, as plain
``tesseract`` does.

Upright PNG/JPEG uploads go to Tesseract as they are (decoding them in Python first
cost ~10% of a page); decoded pages go as uncompressed PGM files. Such a page is
decoded later only if needed: its reading is short or poor, a caller asks for its
image (``on_image``), or its quality must be measured. A PNG read clearly well (mean
confidence ≥ 85) is not measured: its verdict rests on the reading. A JPEG always is
(decoding and measuring a 12-megapixel photo costs ~0.15 s): phones make JPEGs, and
Tesseract reads blurred photos with high confidence and wrong letters.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytesseract
from PIL import Image

from paperasse.models.domain import PageQuality, PageText
from paperasse.reading.condition import (
    Gray,
    as_array,
    find_glyphs,
    flatten_background,
    text_height,
    threshold,
)
from paperasse.reading.page_quality import assess_page
from paperasse.reading.quality import SPARSE_INK, ink_ratio, is_clearly_blank
from paperasse.reading.tesseract import (
    CLOCKWISE,
    Reading,
    detect_rotation,
    limit_tesseract_threads,
    parse_data,
    read,
    write_pgm,
)
from paperasse.reading.variants import (
    Candidate,
    Search,
    alnum,
    is_poor,
    real_words,
)

__all__ = [
    "CLOCKWISE",
    "DEFAULT_CONDITION_SECONDS",
    "PageImageCallback",
    "PageSource",
    "Reading",
    "detect_rotation",
    "limit_tesseract_threads",
    "ocr_page",
    "ocr_source",
    "parse_data",
    "read",
]

log = logging.getLogger(__name__)

DEFAULT_CONDITION_SECONDS = 5.0  # as OcrSettings.condition_seconds
MIN_REAL_WORD_CONFIDENCE = 30.0  # below, a "word" is scanner dust (blank-page check)
SHORT_READING = 30  # real words; fewer (a card, a page half read), and letters are counted
GLYPHS_PER_CHAR = 1.6  # letter-like marks per character read: ~1.0-1.2 on pages read whole
GLYPH_SLACK = 20
CLEAR_CONFIDENCE = 85.0  # a reading this sure needs no image measures

PageImageCallback = Callable[[int, Callable[[], Image.Image]], None]


class PageSource:
    """A page to OCR: a decoded image, or an encoded file Tesseract can read as it is.

    Handing Tesseract the uploaded PNG/JPEG/TIFF bytes spares decoding the page in
    Python and writing it again (~0.1 s of a ~1 s page); the pixels are decoded only
    if they are needed after all, once.
    """

    def __init__(
        self,
        *,
        image: Image.Image | None = None,
        encoded: bytes | None = None,
        suffix: str = ".png",
        decode: Callable[[], Image.Image] | None = None,
        size: tuple[int, int] | None = None,
        dpi: int | None = None,
    ) -> None:
        if image is None and (encoded is None or decode is None or size is None):
            raise ValueError("a page needs an image, or encoded bytes, a decoder and a size")
        self._size = image.size if image is not None else size
        self._image = image
        self._encoded = encoded
        self._suffix = suffix
        self._decode = decode
        self._gray: Gray | None = None
        self.dpi = dpi

    @property
    def size(self) -> tuple[int, int]:
        assert self._size is not None
        return self._size

    @property
    def decoded(self) -> bool:
        return self._image is not None

    def image(self) -> Image.Image:
        if self._image is None:
            assert self._decode is not None
            self._image = self._decode()
        return self._image

    def gray(self) -> Gray:
        if self._gray is None:
            self._gray = as_array(self.image())
        return self._gray

    @property
    def jpeg(self) -> bool:
        """True for a JPEG upload handed over as it is: a phone photo, often blurred."""
        return self._encoded is not None and self._suffix == ".jpg"

    def write(self, folder: Path) -> str:
        if self._encoded is not None:
            path = folder / f"page{self._suffix}"
            path.write_bytes(self._encoded)
            return str(path)
        return write_pgm(self.image(), folder / "page.pgm")


def ocr_page(
    image: Image.Image,
    *,
    number: int,
    lang: str = "fra",
    dpi: int | None = None,
    condition_seconds: float = DEFAULT_CONDITION_SECONDS,
    on_image: PageImageCallback | None = None,
) -> PageText:
    """OCR one grayscale page image into a PageText (source "ocr") with its quality.

    ``dpi`` is the image's resolution when known (scans, rendered PDF pages); phone
    photos have none and Tesseract then estimates it. ``width``, ``height`` and word
    boxes are in the pixels of the image that was read (after crop, scale, deskew and
    ``rotation``, the clockwise quarter turn); ``quality.conditioning`` lists what was
    done. ``on_image(number, image)`` receives that image, upright and not thresholded,
    decoded only when called.
    """
    return ocr_source(
        PageSource(image=image, dpi=dpi),
        number=number,
        lang=lang,
        condition_seconds=condition_seconds,
        on_image=on_image,
    )


def ocr_source(
    source: PageSource,
    *,
    number: int,
    lang: str = "fra",
    condition_seconds: float = DEFAULT_CONDITION_SECONDS,
    on_image: PageImageCallback | None = None,
) -> PageText:
    """OCR a page given as a PageSource (see ``ocr_page`` for what comes out)."""
    dpi = source.dpi
    if source.decoded and is_clearly_blank(source.image(), dpi=dpi):
        empty = Candidate(Reading([], "", None), source.size, image=source.image)
        return _finish(number, empty, source, on_image, blank=True)
    limit_tesseract_threads()
    with tempfile.TemporaryDirectory(prefix="paperasse-ocr-") as tmp:
        reading = _first_reading(source, Path(tmp), lang=lang)
        first = Candidate(reading, source.size, image=source.image)
        poor = is_poor(reading)
        blank = False
        if not any(_not_dust(w.text, w.confidence) for w in reading.words):
            # Only a page without a real word is looked at again, to tell blank from sparse.
            blank = ink_ratio(source.image(), dpi=dpi) < SPARSE_INK
        if not blank and not poor and len(real_words(reading.words)) < SHORT_READING:
            letters, first.text_px = _letters(source.gray())
            chars = sum(alnum(w.text) for w in real_words(reading.words))
            poor = letters > GLYPHS_PER_CHAR * chars + GLYPH_SLACK
        best = first
        if poor and condition_seconds > 0:
            log.info(
                "page %d: poor reading (confidence %s, %d words), conditioning",
                number,
                reading.confidence,
                len(reading.words),
            )
            search = Search(Path(tmp), lang=lang, budget=condition_seconds, number=number)
            best = search.run(first, source.gray())
            if best is not first:
                blank = False
    return _finish(number, best, source, on_image, blank=blank)


def _first_reading(source: PageSource, folder: Path, *, lang: str) -> Reading:
    """Read the page once; an encoded file Tesseract rejects is decoded and tried again."""
    path = source.write(folder)
    if source.decoded:
        return read(path, lang=lang, dpi=source.dpi)
    try:
        # An encoded file carries its own resolution: Tesseract reads it there.
        return read(path, lang=lang, dpi=None)
    except pytesseract.TesseractError as e:
        log.warning("Tesseract cannot read the file as it is, decoding it: %s", e)
        path = write_pgm(source.image(), folder / "decoded.pgm")
        return read(path, lang=lang, dpi=source.dpi)


def _letters(gray: Gray) -> tuple[int, float | None]:
    glyphs = find_glyphs(threshold(flatten_background(gray)))
    return len(glyphs), text_height(glyphs)


def _not_dust(text: str, confidence: float) -> bool:
    return confidence >= MIN_REAL_WORD_CONFIDENCE and any(c.isalnum() for c in text)


def _finish(
    number: int,
    best: Candidate,
    source: PageSource,
    on_image: PageImageCallback | None,
    *,
    blank: bool,
) -> PageText:
    reading = best.reading
    page = PageText(
        number=number,
        text=reading.text,
        source="ocr",
        ocr_confidence=reading.confidence,
        words=reading.words,
        width=best.size[0],
        height=best.size[1],
        rotation=best.rotation,
        blank=blank,
        quality=_quality(best, source, blank=blank),
    )
    if on_image is not None:
        on_image(number, best.image)
    return page


def _quality(best: Candidate, source: PageSource, *, blank: bool) -> PageQuality:
    real = real_words(best.reading.words)
    clearly_good = (best.reading.confidence or 0.0) >= CLEAR_CONFIDENCE and len(real) >= 5
    image: Gray | None = None
    if best.steps:
        image = as_array(best.image())
    elif source.decoded or source.jpeg or not clearly_good:
        image = source.gray()
    return assess_page(
        real=real,
        confidence=best.reading.confidence,
        size=best.size,
        image=image,
        blank=blank,
        text_px=best.text_px,
        document_share=best.document_share,
        conditioning=best.steps,
    )
