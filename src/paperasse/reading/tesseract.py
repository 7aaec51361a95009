"""One Tesseract pass, or one orientation detection, on an image file; nothing more.

Tesseract runs as a subprocess through pytesseract, with ``OMP_THREAD_LIMIT=1`` (set in
``os.environ`` unless the operator already set it; pytesseract passes ``os.environ`` to
its subprocess): its OpenMP threads make a single page ~2.4x slower on a 2-core
machine, and parallelism comes from one worker process per core instead. Every call
may carry a timeout, after which Tesseract is killed (``TesseractTimeoutError``): the
conditioning variants of a page share a time budget.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import pytesseract
from PIL import Image
from pytesseract import Output

from paperasse.errors import ConfigurationError, PaperasseError
from paperasse.models.domain import Word

log = logging.getLogger(__name__)

# Tesseract's "Rotate" is the clockwise turn that rights the page; PIL's transpose
# names count counter-clockwise.
CLOCKWISE = {
    90: Image.Transpose.ROTATE_270,
    180: Image.Transpose.ROTATE_180,
    270: Image.Transpose.ROTATE_90,
}


class TesseractTimeoutError(PaperasseError):
    """Tesseract did not finish within the time left to the page.

    Internal: the variant search catches it and keeps its best reading so far.
    """

    code = "ocr_timeout"


@dataclass(frozen=True)
class Reading:
    """One Tesseract pass over an image: words in reading order, text, mean confidence."""

    words: list[Word]
    text: str
    confidence: float | None


def limit_tesseract_threads() -> None:
    """Make Tesseract single-threaded unless the operator chose otherwise (see module doc)."""
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")


def write_pgm(image: Image.Image, path: Path) -> str:
    """Write a page as uncompressed PGM (~5 ms where a PNG costs ~110 ms) for Tesseract."""
    image.save(path, format="PPM")
    return str(path)


def _config(psm: int, dpi: int | None) -> str:
    return f"--psm {psm}" + (f" --dpi {dpi}" if dpi else "")


def read(path: str, *, lang: str, dpi: int | None, timeout: float = 0) -> Reading:
    """Run one Tesseract recognition pass (automatic page segmentation) on an image file.

    ``timeout`` in seconds (0: none) bounds the pass; past it ``TesseractTimeoutError``.
    """
    try:
        data = pytesseract.image_to_data(
            path, lang=lang, config=_config(3, dpi), output_type=Output.DICT, timeout=timeout
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
    except RuntimeError as e:  # pytesseract's way of saying it killed Tesseract
        raise TesseractTimeoutError(f"Tesseract interrompu : {e}") from e
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


def detect_orientation(path: str, *, dpi: int | None, timeout: float = 0) -> tuple[int, float]:
    """Clockwise degrees (0, 90, 180, 270) that right the page, and OSD's confidence.

    OSD needs a fair amount of text; on sparse pages it fails, and (0, 0.0) comes back.
    Its confidence is low (below ~5) on cards and photos, where it is often wrong.
    """
    try:
        osd = pytesseract.image_to_osd(
            path, config=_config(0, dpi), output_type=Output.DICT, timeout=timeout
        )
    except pytesseract.TesseractError as e:
        log.info("orientation not detected, page kept as is: %s", e)
        return 0, 0.0
    except RuntimeError as e:
        raise TesseractTimeoutError(f"Tesseract interrompu : {e}") from e
    angle = int(osd.get("rotate", 0)) % 360
    confidence = float(osd.get("orientation_conf", 0.0))
    return (angle, confidence) if angle in CLOCKWISE else (0, 0.0)


def detect_rotation(path: str, *, dpi: int | None) -> int:
    """Clockwise degrees (0, 90, 180, 270) that right the page, by Tesseract OSD."""
    return detect_orientation(path, dpi=dpi)[0]
