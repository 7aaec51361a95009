"""extract_pages on every accepted file type, and its refusals of unreadable files."""

from __future__ import annotations

import io

import pdfplumber
import pypdfium2 as pdfium
import pytest
from PIL import Image

from paperasse.errors import UnreadableDocumentError, UnsupportedTypeError
from paperasse.reading.text import extract_pages
from tests.pagemaker import PageMaker

FIRST = ["Mairie de Saint-Étienne", "Service de l'urbanisme", "Arrêté n° 2024-118 du 3 avril"]
SECOND = ["Article 1 : le permis de construire est accordé.", "Le maire, Jeanne Martin"]


def test_born_digital_pdf_uses_the_text_layer(pages: PageMaker) -> None:
    seen: list[int] = []
    result = extract_pages(
        pages.digital_pdf([FIRST, SECOND]),
        "application/pdf",
        on_page=lambda p: seen.append(p.number),
    )
    assert [p.text for p in result] == ["\n".join(FIRST), "\n".join(SECOND)]
    assert all(p.source == "text-layer" and p.ocr_confidence is None for p in result)
    assert [p.number for p in result] == [1, 2]
    assert seen == [1, 2]
    # A4 at the default 300 dpi.
    assert (result[0].width, result[0].height) == (2480, 3508)


def test_scanned_pdf_is_ocred(pages: PageMaker) -> None:
    scan = pages.text_page(pages.letter, noise=6.0)
    [page] = extract_pages(pages.scan_pdf([scan]), "application/pdf")
    assert page.source == "ocr"
    assert pages.similarity(page.text, "\n".join(pages.letter)) > 0.95
    # pdfium rounds the rendered size up: within a pixel of the scan.
    assert abs(page.width - scan.width) <= 1 and abs(page.height - scan.height) <= 1


@pytest.mark.parametrize(
    "garbage",
    ["¤¦¨© ª¬®¯ ±² ¤¦¨© ª¬ ¤¦¨© ª¬®¯", "(cid:3)(cid:17)(cid:42)(cid:5)(cid:8)(cid:9)"],
)
def test_garbage_text_layer_falls_back_to_ocr(pages: PageMaker, garbage: str) -> None:
    scan = pages.text_page(pages.letter)
    data = pages.scan_pdf([scan], hidden_text=garbage)
    with pdfplumber.open(io.BytesIO(data)) as pdf:  # the garbage is really there
        assert garbage.replace(" ", "")[:8] in (pdf.pages[0].extract_text() or "").replace(" ", "")
    [page] = extract_pages(data, "application/pdf")
    assert page.source == "ocr"
    assert pages.similarity(page.text, "\n".join(pages.letter)) > 0.95


def test_mixed_pdf_reads_each_page_its_own_way(pages: PageMaker) -> None:
    """A text page then a blank scanned page: one text layer, one blank page."""
    digital = pages.digital_pdf([FIRST])
    blank = pages.scan_pdf([pages.blank_scan()], dpi=150)
    both = _concat_pdfs(digital, blank)
    result = extract_pages(both, "application/pdf", dpi=150)
    assert [p.source for p in result] == ["text-layer", "ocr"]
    assert result[1].blank and result[1].text == ""


def test_multi_page_tiff_gives_every_frame(pages: PageMaker) -> None:
    first = pages.text_page(FIRST, size=(2480, 700)).convert("1")
    second = pages.text_page(SECOND, size=(2480, 700)).convert("1")
    result = extract_pages(pages.tiff([first, second]), "image/tiff")
    assert [p.number for p in result] == [1, 2]
    assert pages.similarity(result[0].text, "\n".join(FIRST)) > 0.9
    assert pages.similarity(result[1].text, "\n".join(SECOND)) > 0.9


@pytest.mark.parametrize("fmt", ["JPEG", "PNG"])
def test_exif_orientation_is_honoured(pages: PageMaker, fmt: str) -> None:
    """A phone stores pixels sideways and says in EXIF (6) to turn them clockwise."""
    upright = pages.text_page(pages.letter, noise=5.0)
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    out = io.BytesIO()
    stored.save(out, format=fmt, dpi=(300, 300), exif=exif)
    [page] = extract_pages(out.getvalue(), f"image/{fmt.lower()}")
    assert (page.width, page.height) == upright.size
    assert page.rotation == 0  # EXIF already righted it: OCR had nothing to turn
    assert pages.similarity(page.text, "\n".join(pages.letter)) > 0.95


def test_png_page(pages: PageMaker) -> None:
    [page] = extract_pages(pages.png(pages.text_page(SECOND, size=(2480, 500))), "image/png")
    assert page.source == "ocr"
    assert pages.similarity(page.text, "\n".join(SECOND)) > 0.9


def test_encrypted_pdf_is_refused_in_french(pages: PageMaker) -> None:
    from fpdf import FPDF
    from fpdf.enums import EncryptionMethod

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "confidentiel")
    pdf.set_encryption(
        owner_password="o", user_password="u", encryption_method=EncryptionMethod.RC4
    )
    with pytest.raises(UnreadableDocumentError, match="mot de passe"):
        extract_pages(bytes(pdf.output()), "application/pdf")


@pytest.mark.parametrize("data", [b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF", b"not a pdf"])
def test_corrupt_pdf_is_refused(data: bytes) -> None:
    with pytest.raises(UnreadableDocumentError, match="endommagé"):
        extract_pages(data, "application/pdf")


def test_truncated_jpeg_is_refused(pages: PageMaker) -> None:
    data = pages.jpeg(pages.text_page(FIRST, size=(1200, 400)))
    with pytest.raises(UnreadableDocumentError, match="tronqué"):
        extract_pages(data[: len(data) // 2], "image/jpeg")


@pytest.mark.parametrize("side", [1100, 1600])  # over the limit, and over twice the limit
def test_decompression_bomb_is_refused(pages: PageMaker, side: int) -> None:
    bomb = pages.png(Image.new("1", (side, side), 1))
    with pytest.raises(UnreadableDocumentError, match="trop grande"):
        extract_pages(bomb, "image/png", max_pixels=1_000_000)
    assert Image.MAX_IMAGE_PIXELS != 1_000_000  # the process-wide guard is restored


def test_too_many_pages_pdf(pages: PageMaker) -> None:
    data = pages.digital_pdf([FIRST, SECOND, FIRST])
    with pytest.raises(UnreadableDocumentError) as caught:
        extract_pages(data, "application/pdf", max_pages=2)
    assert caught.value.message == (
        "Le document compte 3 pages ; la limite est de 2. Découpez-le avant de le déposer."
    )


def test_too_many_pages_tiff(pages: PageMaker) -> None:
    frame = Image.new("1", (200, 200), 1)
    with pytest.raises(UnreadableDocumentError, match="compte 3 pages"):
        extract_pages(pages.tiff([frame, frame, frame]), "image/tiff", max_pages=2)


def test_unsupported_type() -> None:
    with pytest.raises(UnsupportedTypeError):
        extract_pages(b"GIF89a", "image/gif")


def _concat_pdfs(*docs: bytes) -> bytes:
    out = pdfium.PdfDocument.new()
    for data in docs:
        out.import_pages(pdfium.PdfDocument(data))
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def test_truncated_png_is_refused(pages: PageMaker) -> None:
    data = pages.png(pages.text_page(FIRST, size=(1200, 400)))
    with pytest.raises(UnreadableDocumentError, match="tronqué"):
        extract_pages(data[: len(data) - 40], "image/png")


def test_png_with_transparency_reads_on_white(pages: PageMaker) -> None:
    """Transparent paper must not turn black: the page is flattened onto white."""
    text = pages.text_page(SECOND, size=(2480, 500))
    rgba = Image.new("RGBA", text.size, (0, 0, 0, 0))
    rgba.putalpha(Image.eval(text, lambda v: 255 - v))  # ink opaque black, paper clear
    out = io.BytesIO()
    rgba.save(out, format="PNG", dpi=(300, 300))
    [page] = extract_pages(out.getvalue(), "image/png")
    assert pages.similarity(page.text, "\n".join(SECOND)) > 0.9


def test_colour_jpeg_photo_without_resolution(pages: PageMaker) -> None:
    photo = pages.text_page(pages.letter, noise=5.0).convert("RGB")
    out = io.BytesIO()
    photo.save(out, format="JPEG", quality=85)  # no dpi, no EXIF: as phones often send
    [page] = extract_pages(out.getvalue(), "image/jpeg")
    assert (page.width, page.height) == photo.size
    assert pages.similarity(page.text, "\n".join(pages.letter)) > 0.95
