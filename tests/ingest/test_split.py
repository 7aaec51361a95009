"""Cutting a scanned batch at blank sheets and separator barcodes, and writing parts."""

from __future__ import annotations

import io

import pypdfium2 as pdfium
import pytest
from PIL import Image

from paperasse.ingest.split import extract_part, is_separator_code, split_batch
from paperasse.reading.text import extract_pages
from tests.pagemaker import PageMaker

SMALL = (1240, 1754)  # A4 at 150 dpi keeps the batch quick to build and read


def _letter_page(pages: PageMaker, title: str) -> Image.Image:
    lines = [title, *pages.letter]
    return pages.text_page(lines, size=SMALL, font_px=24)


@pytest.fixture(scope="module")
def batch(pages: PageMaker) -> list[Image.Image]:
    """Letter A (2 pages), blank sheet, letter B, barcode sheet, letter C."""
    return [
        _letter_page(pages, "Courrier A page 1"),
        _letter_page(pages, "Courrier A page 2"),
        pages.blank_scan(SMALL),
        _letter_page(pages, "Courrier B"),
        pages.barcode_page("SEPARATEUR"),
        _letter_page(pages, "Courrier C"),
    ]


@pytest.mark.parametrize(
    ("mode", "parts"),
    [
        ("both", [[1, 2], [4], [6]]),
        ("blank", [[1, 2], [4, 5, 6]]),
        ("barcode", [[1, 2, 3, 4], [6]]),
    ],
)
def test_split_scanned_pdf(
    pages: PageMaker, batch: list[Image.Image], mode: str, parts: list[list[int]]
) -> None:
    data = pages.scan_pdf(batch, dpi=150)
    assert split_batch(data, "application/pdf", mode=mode, dpi=150) == parts  # type: ignore[arg-type]


def test_split_tiff_with_qr_separators_and_leading_separator(pages: PageMaker) -> None:
    frames = [
        pages.barcode_page("PATCHT", qr=True),
        _letter_page(pages, "Courrier A"),
        pages.barcode_page("Séparateur de courrier", qr=True),
        pages.barcode_page("SEPARATEUR"),
        _letter_page(pages, "Courrier B"),
    ]
    data = pages.tiff(frames, dpi=150)
    assert split_batch(data, "image/tiff", mode="barcode") == [[2], [5]]


def test_other_barcodes_do_not_split(pages: PageMaker) -> None:
    frames = [_letter_page(pages, "Courrier A"), pages.barcode_page("FACTURE-2024-118")]
    data = pages.tiff(frames, dpi=150)
    assert split_batch(data, "image/tiff", mode="barcode") == [[1, 2]]


def test_blank_flags_from_a_previous_extraction_are_reused(pages: PageMaker) -> None:
    data = pages.digital_pdf([["Courrier A"], [], ["Courrier B"]])
    extracted = extract_pages(data, "application/pdf", dpi=150)
    assert [p.blank for p in extracted] == [False, True, False]
    assert split_batch(data, "application/pdf", mode="blank", pages=extracted) == [[1], [3]]
    assert split_batch(data, "application/pdf", mode="blank", dpi=150) == [[1], [3]]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("PATCHT", True),
        (" patcht ", True),
        ("SEPARATEUR", True),
        ("SÉPARATEUR urbanisme", True),
        ("PATCH T", False),
        ("FACTURE", False),
        ("Le SEPARATEUR", False),
    ],
)
def test_separator_codes(content: str, expected: bool) -> None:
    assert is_separator_code(content) is expected


def test_extract_part_of_a_pdf_keeps_the_text_layer(pages: PageMaker) -> None:
    data = pages.digital_pdf([["Courrier A"], ["Courrier B page 1"], ["Courrier B page 2"]])
    part = extract_part(data, "application/pdf", [2, 3])
    result = extract_pages(part, "application/pdf")
    assert [p.text for p in result] == ["Courrier B page 1", "Courrier B page 2"]
    assert all(p.source == "text-layer" for p in result)


def test_extract_part_of_a_tiff(pages: PageMaker, batch: list[Image.Image]) -> None:
    data = pages.tiff(batch, dpi=150)
    part = extract_part(data, "image/tiff", [4])
    doc = pdfium.PdfDocument(part)
    assert len(doc) == 1
    width, height = doc[0].get_size()
    assert abs(width - 595.2) < 1 and abs(height - 841.9) < 1  # A4 from 150 dpi pixels
    [page] = extract_pages(part, "application/pdf", dpi=150)
    assert "Courrier B" in page.text


def test_extract_part_of_a_jpeg_keeps_its_bytes(pages: PageMaker) -> None:
    """A photo turned by EXIF goes into the PDF as is; the page's /Rotate turns it."""
    upright = _letter_page(pages, "Courrier photo")
    data = pages.jpeg(upright.transpose(Image.Transpose.ROTATE_90), exif_orientation=6)
    part = extract_part(data, "image/jpeg", [1])
    assert len(part) < len(data) + 5000  # the JPEG was not re-encoded into a bigger stream
    doc = pdfium.PdfDocument(part)
    assert doc[0].get_rotation() == 90
    rendered = doc[0].render(scale=150 / 72, grayscale=True).to_pil()
    assert rendered.width < rendered.height  # displayed upright (portrait)
    [page] = extract_pages(_png(rendered), "image/png")
    assert "Courrier photo" in page.text


def test_extract_part_refuses_missing_pages(pages: PageMaker) -> None:
    data = pages.digital_pdf([["Courrier A"]])
    with pytest.raises(ValueError, match="page 2"):
        extract_part(data, "application/pdf", [2])


def _png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def test_split_at_300_dpi_reads_reduced_pages(pages: PageMaker, batch: list[Image.Image]) -> None:
    """Full-resolution renders are reduced before barcode reading; codes still read."""
    data = pages.scan_pdf(batch, dpi=150)
    assert split_batch(data, "application/pdf", mode="barcode") == [[1, 2, 3, 4], [6]]


def test_extract_part_gives_the_same_bytes_every_time(
    pages: PageMaker, batch: list[Image.Image]
) -> None:
    """A batch received twice must give parts with the same hash (pdfium's /ID is random)."""
    pdf = pages.digital_pdf([["Courrier A"], ["Courrier B"]])
    tiff = pages.tiff(batch[:2], dpi=150)
    assert extract_part(pdf, "application/pdf", [2]) == extract_part(pdf, "application/pdf", [2])
    assert extract_part(tiff, "image/tiff", [1]) == extract_part(tiff, "image/tiff", [1])
    assert extract_part(pdf, "application/pdf", [1]) != extract_part(pdf, "application/pdf", [2])
    # The file is still a valid PDF with the right page.
    doc = pdfium.PdfDocument(extract_part(pdf, "application/pdf", [2]))
    assert doc[0].get_textpage().get_text_bounded().strip() == "Courrier B"
