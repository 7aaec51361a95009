"""OCR one page image with Tesseract: upright it when needed, keep words and boxes.

Speed decides the design (measured on this 2-core machine, A4 at 300 dpi, French,
one thread): a Tesseract recognition pass costs ~0.9 s, orientation detection
(``--psm 0``) another ~0.8 s, and ``--psm 1`` (OSD inside the recognition pass)
~0.3 s more on every page. Nearly every page a town hall scans is upright, and an
upright page reads with a mean word confidence above 90 while a page upside down or
turned a quarter anticlockwise reads as gibberish below 45 (Tesseract reads the
clockwise quarter turn by itself, as vertical text: its words come out taller than
wide). So the page is recognised first; only when that reading looks wrong (low mean
confidence, or mostly tall words) is orientation detected, the page turned and read
again, and the better reading kept. Upright pages pay for one pass, as plain
``tesseract`` does; always running ``--psm 1`` would only pay off if more than about
one page in six came turned.

Tesseract runs with ``OMP_THREAD_LIMIT=1`` (set in ``os.environ`` unless the operator
already set it; pytesseract passes ``os.environ`` to its subprocess): its OpenMP
threads make a single page ~2.4x slower on this machine, and parallelism comes from
one worker process per core instead. Upright PNG/JPEG uploads go to Tesseract as they
are (decoding them in Python first cost ~10% of a page); decoded pages go as
uncompressed PGM files, ~5 ms to write where a PNG costs ~110 ms.
"""

from __future__ import annotations

import logging
import os
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytesseract
from PIL import Image
from pytesseract import Output

from paperasse.errors import ConfigurationError
from paperasse.models.domain import PageText, Word
from paperasse.reading.quality import SPARSE_INK, ink_ratio, is_clearly_blank

log = logging.getLogger(__name__)

SUSPICIOUS_CONFIDENCE = 60.0  # upright pages read above 90, turned ones below 45
MIN_WORDS_FOR_ORIENTATION = 3
SIDEWAYS_RATIO = 0.5  # share of long words taller than wide that means "on its side"
MIN_REAL_WORD_CONFIDENCE = 30.0
# Tesseract's "Rotate" is the clockwise turn that rights the page; PIL's transpose
# names count counter-clockwise.
CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


@dataclass(frozen=True)
class Reading:
    """One Tesseract pass over an image: words in reading order, text, mean confidence."""

    words: list[Word]
    text: str
    confidence: float | None


def limit_tesseract_threads() -> None:
    """Make Tesseract single-threaded unless the operator chose otherwise (see module doc)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


class PageSource:
    """A page to OCR: a decoded image, or an encoded file Tesseract can read as it is.

    Handing Tesseract the uploaded PNG/JPEG/TIFF bytes spares decoding the page in
    Python and writing it again (~0.1 s of a ~1 s page); the pixels are decoded only
    if they are needed after all (to turn the page, or to confirm a blank one).
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

    def write(self, folder: Path) -> str:
        if self._encoded is not None:
            path = folder / f"page{self._suffix}"
            path.write_bytes(self._encoded)
            return str(path)
        return _write(self.image(), folder / "page.pgm")


def ocr_page(
    image: Image.Image, *, number: int, lang: str = "fra", dpi: int | None = None
) -> PageText:
    """OCR one grayscale page image into a PageText (source "ocr").

    ``dpi`` is the image's resolution when known (scans, rendered PDF pages); phone
    photos have none and Tesseract then estimates it. ``rotation`` is the clockwise
    turn applied before the kept reading; ``width``, ``height`` and word boxes are in
    the pixels of the page after that turn.
    """
    return ocr_source(PageSource(image=image, dpi=dpi), number=number, lang=lang)


def ocr_source(source: PageSource, *, number: int, lang: str = "fra") -> PageText:
    """OCR a page given as a PageSource (see ``ocr_page`` for what comes out)."""
    dpi = source.dpi
    if source.decoded and is_clearly_blank(source.image(), dpi=dpi):
        return _page(number, source.size, Reading([], "", None), rotation=0, blank=True)
    limit_tesseract_threads()
    with tempfile.TemporaryDirectory(prefix="paperasse-ocr-") as tmp:
        path, reading = _first_reading(source, Path(tmp), lang=lang)
        turned_image: Image.Image | None = None
        rotation = 0
        if _looks_wrong(reading):
            log.info(
                "page %d: reading looks wrong (confidence %s), checking orientation",
                number,
                reading.confidence,
            )
            angle = detect_rotation(path, dpi=dpi)
            if angle:
                turned = source.image().transpose(CLOCKWISE[angle])
                second = read(_write(turned, Path(tmp) / "turned.pgm"), lang=lang, dpi=dpi)
                if (second.confidence or 0.0) >= (reading.confidence or 0.0) - 1.0:
                    turned_image, reading, rotation = turned, second, angle
                log.info("page %d: orientation %d detected", number, angle)
    size = turned_image.size if turned_image is not None else source.size
    # Only a page without a real word is looked at again, to tell blank from sparse.
    blank = not _real_words(reading) and ink_ratio(source.image(), dpi=dpi) < SPARSE_INK
    return _page(number, size, reading, rotation=rotation, blank=blank)


def _first_reading(source: PageSource, folder: Path, *, lang: str) -> tuple[str, Reading]:
    """Read the page once; an encoded file Tesseract rejects is decoded and tried again."""
    path = source.write(folder)
    if source.decoded:
        return path, read(path, lang=lang, dpi=source.dpi)
    try:
        # An encoded file carries its own resolution: Tesseract reads it there.
        return path, read(path, lang=lang, dpi=None)
    except pytesseract.TesseractError as e:
        log.warning("Tesseract cannot read the file as it is, decoding it: %s", e)
        path = _write(source.image(), folder / "decoded.pgm")
        return path, read(path, lang=lang, dpi=source.dpi)


def _page(
    number: int, size: tuple[int, int], reading: Reading, *, rotation: int, blank: bool
) -> PageText:
    return PageText(
        number=number,
        text=reading.text,
        source="ocr",
        ocr_confidence=reading.confidence,
        words=reading.words,
        width=size[0],
        height=size[1],
        rotation=rotation,
        blank=blank,
    )


def _write(image: Image.Image, path: Path) -> str:
    image.save(path, format="PPM")
    return str(path)


def _config(psm: int, dpi: int | None) -> str:
    return f"--psm {psm}" + (f" --dpi {dpi}" if dpi else "")


def read(path: str, *, lang: str, dpi: int | None) -> Reading:
    """Run one Tesseract recognition pass (automatic page segmentation) on an image file."""
    try:
        data = pytesseract.image_to_data(
            path, lang=lang, config=_config(3, dpi), output_type=Output.DICT
        )
    except pytesseract.TesseractNotFoundError as e:
        raise ConfigurationError(
            "Tesseract n'est pas installé sur ce serveur : la reconnaissance de texte "
            "est impossible. Installez tesseract-ocr et tesseract-ocr-fra."
        ) from e
    except pytesseract.TesseractError as e:
        if "Failed loading language" in str(e):
            raise ConfigurationError(
                f"Le modèle de langue Tesseract « {lang} » est absent : installez-le "
                f"(paquet tesseract-ocr-{lang})."
            ) from e
        raise
    return parse_data(data)


def parse_data(data: dict[str, list[object]]) -> Reading:
    """Turn ``image_to_data`` output into words and text with lines and paragraphs.

    Tesseract numbers blocks, paragraphs and lines; words sharing those numbers form a
    line, and a change of paragraph or block starts a new paragraph (blank line).
    """
    words: list[Word] = []
    paragraphs: list[list[str]] = []
    line: list[str] = []
    last_line: tuple[int, int, int] | None = None
    last_par: tuple[int, int] | None = None
    confidences: list[float] = []
    for i, raw in enumerate(data["text"]):
        text = str(raw).strip()
        if int(str(data["level"][i])) != 5 or not text:
            continue
        key = (int(str(data["block_num"][i])), int(str(data["par_num"][i])))
        line_key = (*key, int(str(data["line_num"][i])))
        if line_key != last_line:
            if line:
                paragraphs[-1].append(" ".join(line))
            line = []
            if key != last_par:
                paragraphs.append([])
            last_line, last_par = line_key, key
        line.append(text)
        conf = float(str(data["conf"][i]))
        if conf >= 0:
            confidences.append(conf)
        words.append(
            Word(
                text=text,
                confidence=max(conf, 0.0),
                left=int(str(data["left"][i])),
                top=int(str(data["top"][i])),
                width=int(str(data["width"][i])),
                height=int(str(data["height"][i])),
            )
        )
    if line:
        paragraphs[-1].append(" ".join(line))
    text = "\n\n".join("\n".join(p) for p in paragraphs if p)
    mean = sum(confidences) / len(confidences) if confidences else None
    return Reading(words, text, mean)


def detect_rotation(path: str, *, dpi: int | None) -> int:
    """Clockwise degrees (0, 90, 180, 270) that right the page, by Tesseract OSD.

    OSD needs a fair amount of text; on sparse pages it fails, and the page is then
    left as it is (0).
    """
    try:
        osd = pytesseract.image_to_osd(path, config=_config(0, dpi), output_type=Output.DICT)
    except pytesseract.TesseractError as e:
        log.info("orientation not detected, page kept as is: %s", e)
        return 0
    angle = int(osd.get("rotate", 0)) % 360
    return angle if angle in CLOCKWISE else 0


def _looks_wrong(reading: Reading) -> bool:
    """True when a reading suggests the page is not upright."""
    if len(reading.words) < MIN_WORDS_FOR_ORIENTATION:
        return False
    if reading.confidence is not None and reading.confidence < SUSPICIOUS_CONFIDENCE:
        return True
    long_words = [w for w in reading.words if len(w.text) >= 4]
    tall = sum(1 for w in long_words if w.height > w.width)
    return len(long_words) >= MIN_WORDS_FOR_ORIENTATION and tall / len(long_words) > SIDEWAYS_RATIO


def _real_words(reading: Reading) -> list[Word]:
    """Words that are more than scanner dust: some letter or digit, some confidence."""
    return [
        w
        for w in reading.words
        if w.confidence >= MIN_REAL_WORD_CONFIDENCE and any(c.isalnum() for c in w.text)
    ]
