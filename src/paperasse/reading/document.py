"""Read a whole document: the text of every page, then what the page images carry.

A 2D-Doc barcode and a machine-readable zone are looked for on the first pages
only: proofs of address, tax notices and payslips print their 2D-Doc on the first
page, and identity documents are one or two pages; looking at every page of an
18-page form would cost more than it could find. A page read from its text layer
is rendered at a modest resolution for the barcode; its MRZ, if it has one, is read
from the text itself, which is exact (an image reading could only add errors).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PIL import Image

from paperasse.models.domain import PageText, TwoDDoc
from paperasse.reading.entities.rules_text import find_mrz_blocks
from paperasse.reading.mrz import MrzResult, read_mrz
from paperasse.reading.pdf import open_pdf, render_page
from paperasse.reading.text import PDF_MIME, PageCallback, extract_pages
from paperasse.reading.twoddoc import read_2ddocs
from paperasse.settings import OcrSettings

log = logging.getLogger(__name__)

LOOKED_PAGES = 2
BARCODE_DPI = 200
MRZ_FILLERS = "<<"

LazyImage = Callable[[], Image.Image]


@dataclass
class DocumentReading:
    """What reading found: the pages' text, the 2D-Docs and the first valid MRZ."""

    pages: list[PageText]
    twoddocs: list[TwoDDoc] = field(default_factory=list)
    mrz: MrzResult | None = None
    mrz_page: int = 0


def read_document(
    data: bytes,
    mime: str,
    ocr: OcrSettings,
    *,
    today: dt.date,
    on_page: PageCallback | None = None,
) -> DocumentReading:
    """Read every page, then look for 2D-Docs and an MRZ on the first pages' images."""
    images: dict[int, LazyImage] = {}

    def keep(number: int, image: LazyImage) -> None:
        if number <= LOOKED_PAGES:
            images[number] = image

    pages = extract_pages(
        data,
        mime,
        dpi=ocr.dpi,
        lang=ocr.lang,
        max_pages=ocr.max_pages,
        max_pixels=ocr.max_pixels,
        condition_seconds=ocr.condition_seconds,
        on_page=on_page,
        on_image=keep,
    )
    if mime == PDF_MIME:
        _render_text_layer_pages(data, pages, images, ocr)
    reading = DocumentReading(pages)
    for number in sorted(images):
        page = pages[number - 1]
        if page.blank:
            continue
        image = images[number]()
        reading.twoddocs += read_2ddocs(image, page=number)
        if reading.mrz is None:
            reading.mrz = _page_mrz(page, image, today)
            reading.mrz_page = number if reading.mrz else 0
    return reading


def _page_mrz(page: PageText, image: Image.Image, today: dt.date) -> MrzResult | None:
    """The page's valid MRZ: from an exact text layer as it is, else read on the image."""
    if page.source == "text-layer":
        if MRZ_FILLERS not in page.text:
            return None
        exact = [m for _, _, m in find_mrz_blocks(page.text, today) if m.valid and not m.corrected]
        return replace(exact[0], confirmed=True) if exact else None
    return read_mrz(image, page.words or None, page=page.number, today=today)


def _render_text_layer_pages(
    data: bytes, pages: list[PageText], images: dict[int, LazyImage], ocr: OcrSettings
) -> None:
    """Add lazily rendered images of the first text-layer pages (for their barcodes)."""
    wanted = [p.number for p in pages[:LOOKED_PAGES] if p.source == "text-layer"]
    if not wanted:
        return
    rendered: dict[int, Image.Image] = {}

    def render(number: int) -> Image.Image:
        if number not in rendered:
            doc = open_pdf(data, max_pages=ocr.max_pages)
            try:
                rendered[number] = render_page(
                    doc, number - 1, dpi=BARCODE_DPI, max_pixels=ocr.max_pixels
                )[0]
            finally:
                doc.close()
        return rendered[number]

    for number in wanted:
        images[number] = lambda number=number: render(number)  # type: ignore[misc]
