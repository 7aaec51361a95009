"""Get the text of every page of a document: its text layer when usable, else OCR.

This is the pipeline's text stage. It takes the bytes and the sniffed type of one
file and returns one ``PageText`` per page, in order, calling ``on_page`` after each
so the job worker can report progress. It is single-threaded on purpose: the caller
runs one worker process per core (see ``ocr`` for why Tesseract runs single-threaded).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PIL import Image

from paperasse.errors import UnsupportedTypeError
from paperasse.models.domain import PageText
from paperasse.reading.images import IMAGE_MIMES, direct_image, first_page, iter_image_pages
from paperasse.reading.ocr import (
    DEFAULT_CONDITION_SECONDS,
    PageImageCallback,
    PageSource,
    ocr_page,
    ocr_source,
)
from paperasse.reading.pdf import (
    POINTS_PER_INCH,
    open_pdf,
    open_plumber,
    read_text_layer,
    read_words,
)
from paperasse.reading.pdf import render_page as render_pdf_page
from paperasse.reading.quality import text_layer_problem

log = logging.getLogger(__name__)

PDF_MIME = "application/pdf"
SUPPORTED_MIMES = IMAGE_MIMES | {PDF_MIME}

PageCallback = Callable[[PageText], None]


def extract_pages(
    data: bytes,
    mime: str,
    *,
    dpi: int = 300,
    lang: str = "fra",
    max_pages: int = 200,
    max_pixels: int = 60_000_000,
    condition_seconds: float = DEFAULT_CONDITION_SECONDS,
    on_page: PageCallback | None = None,
    on_image: PageImageCallback | None = None,
) -> list[PageText]:
    """Return the text of every page of a PDF, TIFF, JPEG or PNG file.

    PDF pages keep their text layer when it reads as text; other pages are rendered
    at ``dpi`` and OCRed in ``lang``, conditioned (crop, scale, deskew, background,
    turns) for at most ``condition_seconds`` when a first reading is poor, and given a
    quality verdict. ``on_image(number, image)`` is called for every OCRed page with a
    callable returning the page as read: upright grayscale, after crop and turn,
    before thresholding, in the pixels of the page's word boxes; it decodes the page
    only when called, so a caller that does not need it pays nothing.

    Raises ``UnreadableDocumentError`` (French message) for encrypted, corrupt or
    truncated files, more than ``max_pages`` pages or images over ``max_pixels``;
    ``UnsupportedTypeError`` for any other ``mime``.
    """
    if mime == PDF_MIME:
        pages = _pdf_pages(
            data,
            dpi=dpi,
            ocr=_Ocr(lang, condition_seconds, on_image),
            max_pages=max_pages,
            max_pixels=max_pixels,
            on_page=on_page,
        )
    elif mime in IMAGE_MIMES:
        pages = _image_pages(
            data,
            ocr=_Ocr(lang, condition_seconds, on_image),
            max_pages=max_pages,
            max_pixels=max_pixels,
            on_page=on_page,
        )
    else:
        raise UnsupportedTypeError(
            f"Type de fichier non pris en charge : {mime}. "
            "Déposez un PDF, un TIFF, un JPEG ou un PNG.",
            details={"mime": mime},
        )
    return pages


@dataclass(frozen=True)
class _Ocr:
    """How pages that need OCR are read."""

    lang: str
    condition_seconds: float
    on_image: PageImageCallback | None

    def page(self, image: Image.Image, *, number: int, dpi: int | None) -> PageText:
        return ocr_page(
            image,
            number=number,
            lang=self.lang,
            dpi=dpi,
            condition_seconds=self.condition_seconds,
            on_image=self.on_image,
        )

    def source(self, source: PageSource, *, number: int) -> PageText:
        return ocr_source(
            source,
            number=number,
            lang=self.lang,
            condition_seconds=self.condition_seconds,
            on_image=self.on_image,
        )


def _image_pages(
    data: bytes, *, ocr: _Ocr, max_pages: int, max_pixels: int, on_page: PageCallback | None
) -> list[PageText]:
    direct = direct_image(data, max_pixels=max_pixels)
    if direct is not None:
        source = PageSource(
            encoded=data,
            suffix=direct.suffix,
            decode=lambda: first_page(data, max_pixels=max_pixels),
            size=direct.size,
            dpi=direct.dpi,
        )
        return [_report(ocr.source(source, number=1), on_page)]
    pages = []
    images = iter_image_pages(data, max_pages=max_pages, max_pixels=max_pixels)
    for number, (image, image_dpi) in enumerate(images, start=1):
        pages.append(_report(ocr.page(image, number=number, dpi=image_dpi), on_page))
    return pages


def _pdf_pages(
    data: bytes,
    *,
    dpi: int,
    ocr: _Ocr,
    max_pages: int,
    max_pixels: int,
    on_page: PageCallback | None,
) -> list[PageText]:
    doc = open_pdf(data, max_pages=max_pages)
    pages: list[PageText] = []
    try:
        with open_plumber(data) as plumber:
            for index in range(len(doc)):
                layer = read_text_layer(plumber, doc, index)
                problem = text_layer_problem(layer.text, image_coverage=layer.image_coverage)
                if problem is None:
                    scale = dpi / POINTS_PER_INCH
                    page = PageText(
                        number=index + 1,
                        text=layer.text,
                        source="text-layer",
                        words=read_words(plumber, index, dpi=dpi),
                        width=round(layer.width_pt * scale),
                        height=round(layer.height_pt * scale),
                    )
                else:
                    if problem != "empty":
                        log.info("page %d: text layer unusable (%s), OCR", index + 1, problem)
                    image, used_dpi = render_pdf_page(doc, index, dpi=dpi, max_pixels=max_pixels)
                    page = ocr.page(image, number=index + 1, dpi=used_dpi)
                pages.append(_report(page, on_page))
    finally:
        doc.close()
    return pages


def _report(page: PageText, on_page: PageCallback | None) -> PageText:
    if on_page is not None:
        on_page(page)
    return page
