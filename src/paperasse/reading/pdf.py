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
from pdfplumber.page import Page
from pdfplumber.pdf import PDF
from PIL import Image

from paperasse.errors import UnreadableDocumentError
from paperasse.reading.images import too_many_pages

log = logging.getLogger(__name__)

POINTS_PER_INCH = 72.0
PDFIUM_PASSWORD_ERROR = 4  # FPDF_ERR_PASSWORD


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
