"""Open PDFs safely, read their text layer page by page and rasterise pages for OCR.

pypdfium2 opens the document first: it is fast, tells an encrypted file from a broken
one, and renders pages straight to grayscale. pdfplumber reads the text layer (its
text comes out in reading order with sensible spacing); if it chokes on a page that
pdfium could open, pdfium's own text is used instead.
"""

from __future__ import annotations

import io
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pdfplumber
import pypdfium2 as pdfium
from pdfminer.utils import decode_text
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from PIL import Image

from paperasse.errors import UnreadableDocumentError
from paperasse.models.domain import Word
from paperasse.reading.images import too_many_pages

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72.0
PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD
TEXT_LAYER_CONFIDENCE = 100.0
# Text drawn over a page-sized image is a scanner's or another program's OCR of it, of
# unknown quality: its words count as barely read, so no field rests on them alone.
SCAN_LAYER_CONFIDENCE = 70.0
SCAN_IMAGE_SHARE = 0.5
HIDDEN_ANNOTATION = 2  # bit 2 of an annotation's /F flags
FIELD_CHAR_EM = 0.55  # mean glyph width of a form field's font, in ems (Helvetica, Arial)
FIELD_PADDING_PT = 2.0
MAX_FORM_FIELDS = 2000  # per page: a real form has a few hundred; a hostile file, millions
MAX_FIELD_CHARS = 500


@dataclass(frozen=True)
class PdfPageText:
    """What a page's text layer holds, and how much of the page images cover."""

    text: str
    image_coverage: float
    width_pt: float
    height_pt: float


def _encrypted() -> UnreadableDocumentError:
    return UnreadableDocumentError(
        "Le PDF est protégé par un mot de passe. "
        "Déposez une version sans mot de passe (ou imprimez-le puis numérisez-le)."
    )


def _corrupt() -> UnreadableDocumentError:
    return UnreadableDocumentError(
        "Le PDF est illisible ou endommagé. "
        "Ouvrez-le pour vérifier, puis déposez-le à nouveau ou numérisez le document."
    )


def open_pdf(data: bytes, *, max_pages: int) -> pdfium.PdfDocument:
    """Open a PDF with pdfium, refusing encrypted, broken, empty or too long files."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        if getattr(e, "err_code", None) == PDFIUM_PASSWORD_ERROR or "password" in str(e):
            raise _encrypted() from e
        raise _corrupt() from e
    count = len(doc)
    if count == 0:
        doc.close()
        raise _corrupt()
    if count > max_pages:
        doc.close()
        raise too_many_pages(count, max_pages)
    return doc


@contextmanager
def open_plumber(data: bytes) -> Iterator[PDF | None]:
    """Open the same bytes with pdfplumber, or yield None if it cannot parse them."""
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many unrelated types on odd files
        log.warning("pdfplumber cannot open the PDF, using pdfium text: %s", e)
        yield None
        return
    try:
        yield pdf
    finally:
        pdf.close()


def read_text_layer(plumber: PDF | None, doc: pdfium.PdfDocument, index: int) -> PdfPageText:
    """Read the text layer of page ``index`` (0-based) and its image coverage."""
    page = doc[index]
    width, height = page.get_size()
    if plumber is not None:
        try:
            return _plumber_page(plumber.pages[index], width, height)
        except Exception as e:  # same reason as above: fall back to pdfium
            log.warning("pdfplumber failed on page %d, using pdfium text: %s", index + 1, e)
    textpage = page.get_textpage()
    text = textpage.get_text_bounded()
    textpage.close()
    coverage = _pdfium_image_coverage(page, width * height)
    return PdfPageText(text, coverage, width, height)


def _plumber_page(page: Page, width: float, height: float) -> PdfPageText:
    text = page.extract_text() or ""
    area = 0.0
    for image in page.images:
        w = min(float(image["x1"]), width) - max(float(image["x0"]), 0.0)
        h = min(float(image["bottom"]), height) - max(float(image["top"]), 0.0)
        area += max(w, 0.0) * max(h, 0.0)
    coverage = min(area / (width * height), 1.0) if width and height else 0.0
    return PdfPageText(text, coverage, width, height)


def _pdfium_image_coverage(page: pdfium.PdfPage, page_area: float) -> float:
    area = 0.0
    for obj in page.get_objects(filter=[pdfium.raw.FPDF_PAGEOBJ_IMAGE]):
        left, bottom, right, top = obj.get_pos()
        area += max(right - left, 0.0) * max(top - bottom, 0.0)
    return min(area / page_area, 1.0) if page_area else 0.0


def render_dpi(width_pt: float, height_pt: float, dpi: int, max_pixels: int) -> int:
    """The resolution to render at: ``dpi``, lowered so the page fits ``max_pixels``.

    Large plans (A1, A0) at 300 dpi would need hundreds of megapixels; rendering them
    at a lower resolution keeps memory bounded and their text still readable.
    """
    pixels = (width_pt * dpi / POINTS_PER_INCH) * (height_pt * dpi / POINTS_PER_INCH)
    if pixels <= max_pixels:
        return dpi
    fitted = int(dpi * math.sqrt(max_pixels / pixels))
    return max(fitted, 1)


def render_page(
    doc: pdfium.PdfDocument, index: int, *, dpi: int, max_pixels: int
) -> tuple[Image.Image, int]:
    """Render page ``index`` (0-based) in grayscale within ``max_pixels``, with its dpi."""
    page = doc[index]
    width, height = page.get_size()
    used = render_dpi(width, height, dpi, max_pixels)
    if used < dpi:
        log.info("page %d rendered at %d dpi instead of %d (size limit)", index + 1, used, dpi)
    try:
        bitmap = page.render(scale=used / POINTS_PER_INCH, grayscale=True)
    except pdfium.PdfiumError as e:
        raise _corrupt() from e
    image = bitmap.to_pil()
    return (image if image.mode == "L" else image.convert("L")), used


def read_words(plumber: PDF | None, index: int, *, dpi: int) -> list[Word]:
    """The words of page ``index`` (0-based) of a text layer, boxes in pixels at ``dpi``.

    Born-digital pages have no OCR words; these give them the same geometry, so that
    labels and their values can be found by position on any page. Values typed into
    the page's form fields (a filled CERFA) are words too: they are shown on the page
    but are not part of its text. Confidence is 100, a text layer being read as written,
    except over a page-sized image (see ``SCAN_LAYER_CONFIDENCE``). An empty list when
    pdfplumber cannot read the page.
    """
    if plumber is None:
        return []
    scale = dpi / POINTS_PER_INCH
    try:
        page = plumber.pages[index]
        raw = page.extract_words(keep_blank_chars=False, use_text_flow=False)
        fields = _form_field_words(page)
    except Exception as e:  # pdfminer raises many unrelated types on odd files
        log.warning("pdfplumber cannot give the words of page %d: %s", index + 1, e)
        return []
    scans = _page_sized_images(page)
    words = []
    for w in raw:
        text = str(w["text"])
        if not text.strip():
            continue
        box = (float(w["x0"]), float(w["top"]), float(w["x1"]), float(w["bottom"]))
        confidence = SCAN_LAYER_CONFIDENCE if _over(box, scans) else TEXT_LAYER_CONFIDENCE
        words.append(_scaled_word(text, *box, scale, confidence=confidence))
    words.extend(_scaled_word(text, *box, scale) for text, box in fields)
    return words


Box = tuple[float, float, float, float]


def _page_sized_images(page: Page) -> list[Box]:
    """Boxes of the images that cover at least half the page: scans, not logos."""
    area = float(page.width) * float(page.height)
    boxes = []
    for image in page.images:
        box = (float(image["x0"]), float(image["top"]), float(image["x1"]), float(image["bottom"]))
        if area and (box[2] - box[0]) * (box[3] - box[1]) >= SCAN_IMAGE_SHARE * area:
            boxes.append(box)
    return boxes


def _over(box: Box, images: list[Box]) -> bool:
    x, y = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return any(left <= x <= right and top <= y <= bottom for left, top, right, bottom in images)


def _scaled_word(
    text: str,
    x0: float,
    top: float,
    x1: float,
    bottom: float,
    scale: float,
    *,
    confidence: float = TEXT_LAYER_CONFIDENCE,
) -> Word:
    return Word(
        text=text,
        confidence=confidence,
        left=round(x0 * scale),
        top=round(top * scale),
        width=max(round((x1 - x0) * scale), 1),
        height=max(round((bottom - top) * scale), 1),
    )


def _form_field_words(page: Page) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Words of the text form fields filled in on a page, boxes estimated in points.

    A field only gives its rectangle, not where each glyph lies: the text is taken as
    left-aligned in it, each character about ``FIELD_CHAR_EM`` of the font size wide.
    """
    words: list[tuple[str, tuple[float, float, float, float]]] = []
    for annot in page.annots[:MAX_FORM_FIELDS]:
        data = annot.get("data") or {}
        value = data.get("V")
        if not isinstance(value, bytes | str) or int(data.get("F") or 0) & HIDDEN_ANNOTATION:
            continue
        text = (decode_text(value) if isinstance(value, bytes) else value)[:MAX_FIELD_CHARS]
        x0, top = float(annot["x0"]), float(annot["top"])
        x1, bottom = float(annot["x1"]), float(annot["bottom"])
        size = min(_font_size(data.get("DA")) or 10.0, bottom - top)
        x = x0 + FIELD_PADDING_PT
        line_top = top + max((bottom - top - size) / 2, 0.0)
        for word in text.split():
            width = len(word) * size * FIELD_CHAR_EM
            words.append((word, (x, line_top, min(x + width, x1), line_top + size)))
            x += width + size * FIELD_CHAR_EM
    return words


def _font_size(appearance: object) -> float | None:
    """The font size of a field's default appearance string (``/Helv 10 Tf 0 g``)."""
    text = decode_text(appearance) if isinstance(appearance, bytes) else str(appearance or "")
    parts = text.split()
    for i, part in enumerate(parts):
        if part == "Tf" and i >= 1:
            try:
                size = float(parts[i - 1])
            except ValueError:
                return None
            return size if size > 0 else None
    return None
