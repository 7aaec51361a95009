"""Cut a scanned batch of mail into documents at separator pages.

Mailroom agents scan a pile of letters in one go and slip a separator between
letters: a blank sheet, or a sheet carrying a separator barcode. Copier PATCH T codes
cannot be read by common libraries, so the separator barcode is a Code 128 or QR code
whose content is ``PATCHT`` or starts with ``SEPARATEUR`` (printable from any office
software). Separator pages are dropped from the parts.
"""

from __future__ import annotations

import functools
import hashlib
import io
import logging
import re
import unicodedata
from collections.abc import Callable, Iterator
from typing import Literal

import pypdfium2 as pdfium
import zxingcpp
from PIL import Image

from paperasse.errors import UnsupportedTypeError
from paperasse.models.domain import PageText
from paperasse.reading.images import IMAGE_MIMES, image_dpi, iter_image_pages
from paperasse.reading.ocr import ocr_page
from paperasse.reading.pdf import POINTS_PER_INCH, open_pdf, render_page
from paperasse.reading.quality import CLEARLY_BLANK_INK, SPARSE_INK, ink_ratio

log = logging.getLogger(__name__)

SplitMode = Literal["blank", "barcode", "both"]
PDF_MIME = "application/pdf"
BARCODE_MAX_WIDTH = 1300  # separator codes are big: half of A4 at 300 dpi is plenty
A4_PT = (595.28, 841.89)
ORIENTATION_TAG = 0x0112
EXIF_TURNS = {1: 0, 3: 180, 6: 90, 8: 270}
TRAILER_ID_RE = re.compile(rb"/ID\s*\[\s*<[0-9A-Fa-f]{32}>\s*<[0-9A-Fa-f]{32}>\s*\]")


def is_separator_code(text: str) -> bool:
    """True for a barcode content that marks a separator sheet."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = folded.strip().upper()
    return folded == "PATCHT" or folded.startswith("SEPARATEUR")


@functools.cache
def _barcode_formats() -> zxingcpp.BarcodeFormats:
    return zxingcpp.barcode_formats_from_str("Code128,QRCode")


def has_separator_barcode(image: Image.Image) -> bool:
    """True when the page carries a separator barcode (Code 128 or QR)."""
    if image.width > BARCODE_MAX_WIDTH:
        factor = max(2, image.width // BARCODE_MAX_WIDTH)
        image = image.reduce(factor)
    codes = zxingcpp.read_barcodes(image, formats=_barcode_formats())
    return any(is_separator_code(code.text) for code in codes)


def is_blank_page(image: Image.Image, *, number: int, dpi: int | None, lang: str) -> bool:
    """Blank by ink alone when clear-cut; OCR settles the doubtful sparse pages."""
    ink = ink_ratio(image, dpi=dpi)
    if ink < CLEARLY_BLANK_INK:
        return True
    if ink >= SPARSE_INK:
        return False
    return ocr_page(image, number=number, lang=lang, dpi=dpi).blank


def split_batch(
    data: bytes,
    mime: str,
    *,
    mode: SplitMode = "both",
    pages: list[PageText] | None = None,
    dpi: int = 300,
    lang: str = "fra",
    max_pages: int = 200,
    max_pixels: int = 60_000_000,
    on_page: Callable[[int], None] | None = None,
) -> list[list[int]]:
    """Return the 1-based page numbers of each document in a batch, separators dropped.

    ``mode`` picks the separators: blank pages, separator barcodes, or both. When the
    batch's ``pages`` were already extracted, their ``blank`` flags are reused instead
    of looking at the pages again. Parts left empty (two separators in a row, a
    separator first or last) are not returned. ``on_page`` hears of each page looked at.
    """
    parts: list[list[int]] = [[]]
    for number, image, page_dpi in _page_images(data, mime, dpi, max_pages, max_pixels):
        if _is_separator(image, number, page_dpi, mode=mode, pages=pages, lang=lang):
            log.info("page %d is a separator", number)
            parts.append([])
        else:
            parts[-1].append(number)
        if on_page is not None:
            on_page(number)
    return [part for part in parts if part]


def _is_separator(
    image: Image.Image,
    number: int,
    dpi: int | None,
    *,
    mode: SplitMode,
    pages: list[PageText] | None,
    lang: str,
) -> bool:
    if mode in ("barcode", "both") and has_separator_barcode(image):
        return True
    if mode in ("blank", "both"):
        if pages is not None and len(pages) >= number:
            return pages[number - 1].blank
        return is_blank_page(image, number=number, dpi=dpi, lang=lang)
    return False


def _page_images(
    data: bytes, mime: str, dpi: int, max_pages: int, max_pixels: int
) -> Iterator[tuple[int, Image.Image, int | None]]:
    if mime == PDF_MIME:
        doc = open_pdf(data, max_pages=max_pages)
        try:
            for index in range(len(doc)):
                image, used = render_page(doc, index, dpi=dpi, max_pixels=max_pixels)
                yield index + 1, image, used
        finally:
            doc.close()
    elif mime in IMAGE_MIMES:
        frames = iter_image_pages(data, max_pages=max_pages, max_pixels=max_pixels)
        for number, (image, image_dpi) in enumerate(frames, start=1):
            yield number, image, image_dpi
    else:
        raise _unsupported(mime)


def _unsupported(mime: str) -> UnsupportedTypeError:
    return UnsupportedTypeError(
        f"Type de fichier non pris en charge : {mime}. Déposez un PDF, un TIFF, un JPEG ou un PNG.",
        details={"mime": mime},
    )


def extract_part(
    data: bytes,
    mime: str,
    pages: list[int],
    *,
    max_pages: int = 200,
    max_pixels: int = 60_000_000,
) -> bytes:
    """Return a PDF holding the given 1-based ``pages`` of a document, in that order.

    PDF pages are copied as they are (text layer, vectors, fonts). Image pages are
    embedded losslessly, upright, at their own resolution (pages of unknown resolution
    are fitted to A4).
    """
    out = pdfium.PdfDocument.new()
    try:
        if mime == PDF_MIME:
            src = open_pdf(data, max_pages=max_pages)
            try:
                _check_pages(pages, len(src))
                out.import_pages(src, [p - 1 for p in pages])
            finally:
                src.close()
        elif mime == "image/jpeg" and _jpeg_turn(data) is not None:
            _check_pages(pages, 1)
            for _ in pages:
                _add_jpeg_page(out, data)
        elif mime in IMAGE_MIMES:
            wanted, frames, count = set(pages), {}, 0
            images = iter_image_pages(data, max_pages=max_pages, max_pixels=max_pixels, gray=False)
            for count, frame in enumerate(images, start=1):
                if count in wanted:
                    frames[count] = frame
            _check_pages(pages, count)
            for number in pages:
                _add_image_page(out, *frames[number])
        else:
            raise _unsupported(mime)
        buffer = io.BytesIO()
        out.save(buffer)
        return _stable_id(buffer.getvalue(), data, pages)
    finally:
        out.close()


def _stable_id(pdf: bytes, source: bytes, pages: list[int]) -> bytes:
    """Replace pdfium's random trailer /ID with one derived from the source and pages.

    The same part of the same batch then always has the same bytes and hash, so a
    batch received twice yields parts that are recognised as already there. The new
    ID has the same length, so no offset in the file moves.
    """
    digest = hashlib.md5(source + repr(pages).encode(), usedforsecurity=False)
    stable = digest.hexdigest().upper().encode()
    matches = list(TRAILER_ID_RE.finditer(pdf))
    if not matches:
        return pdf
    last = matches[-1]
    return pdf[: last.start()] + b"/ID[<" + stable + b"><" + stable + b">]" + pdf[last.end() :]


def _check_pages(pages: list[int], count: int) -> None:
    if not pages:
        raise ValueError("extract_part needs at least one page")
    for number in pages:
        if not 1 <= number <= count:
            raise _no_such_page(number)


def _no_such_page(number: int) -> ValueError:
    return ValueError(f"page {number} is not in the document")


def _page_size(width_px: int, height_px: int, dpi: int | None) -> tuple[float, float]:
    if dpi:
        return width_px * POINTS_PER_INCH / dpi, height_px * POINTS_PER_INCH / dpi
    short, long = sorted(A4_PT)
    box = (long, short) if width_px > height_px else (short, long)
    scale = min(box[0] / width_px, box[1] / height_px)
    return width_px * scale, height_px * scale


def _add_image_page(out: pdfium.PdfDocument, image: Image.Image, dpi: int | None) -> None:
    width, height = _page_size(image.width, image.height, dpi)
    page = out.new_page(width, height)
    obj = pdfium.PdfImage.new(out)
    obj.set_bitmap(pdfium.PdfBitmap.from_pil(image))
    obj.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(obj)
    page.gen_content()


def _jpeg_turn(data: bytes) -> int | None:
    """Clockwise turn a viewer must apply to a JPEG (from EXIF), None if not a plain turn.

    A JPEG that needs only a turn is embedded as it is (no re-encoding, no loss, no
    growth), with the page's /Rotate doing the turn; mirrored ones are re-encoded.
    """
    try:
        with Image.open(io.BytesIO(data)) as image:
            orientation = image.getexif().get(ORIENTATION_TAG, 1)
    except (OSError, SyntaxError, ValueError):
        return None
    return EXIF_TURNS.get(int(orientation))


def _add_jpeg_page(out: pdfium.PdfDocument, data: bytes) -> None:
    with Image.open(io.BytesIO(data)) as image:
        width_px, height_px = image.size
        dpi = image_dpi(image)
    width, height = _page_size(width_px, height_px, dpi)
    page = out.new_page(width, height)
    obj = pdfium.PdfImage.new(out)
    obj.load_jpeg(io.BytesIO(data), inline=False, autoclose=True)
    obj.set_matrix(pdfium.PdfMatrix().scale(width, height))
    page.insert_obj(obj)
    page.gen_content()
    turn = _jpeg_turn(data) or 0
    if turn:
        page.set_rotation(turn)
