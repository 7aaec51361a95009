"""Render a generated document as a born-digital PDF, read its text layer, rasterise it.

The PDF uses DejaVu (a TTF with French accents) at the document's real size: an A4
sheet, an ID-1 card (85.6 x 54 mm), a passport page (ID-3, 125 x 88 mm) or a small
slip. Cards get what real ones print besides words: a security background, the
holder's photo on the left, the MRZ at the bottom, a DataMatrix; bills that carry
a 2D-Doc get its DataMatrix in the top right corner. What a scanner or a phone does
to the page next is in ``capture``.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageFilter

from paperasse.training.corpus.security import FONT_DIR, datamatrix, face, guilloche
from paperasse.training.corpus.types import Block, Doc, PageFormat

FAMILIES = ("DejaVuSans", "DejaVuSerif", "DejaVuSansCondensed")
PAGE_MM: dict[PageFormat, tuple[float, float]] = {
    "a4": (210.0, 297.0),
    "id1": (85.6, 54.0),
    "id3": (125.0, 88.0),
    "slip": (148.0, 105.0),
    "scene": (210.0, 297.0),
}
FONT_PT: dict[PageFormat, tuple[float, float]] = {
    "a4": (9.0, 11.5),
    "id1": (6.0, 7.0),
    "id3": (7.0, 8.0),
    "slip": (8.0, 9.5),
    "scene": (9.0, 11.5),
}
BACKGROUND_PX_PER_MM = {"a4": 4.0, "slip": 5.0}
CARDS = ("id1", "id3")


@dataclass(frozen=True)
class Style:
    """Layout choices drawn per document so two documents of a type never look alike."""

    family: str
    size: float
    margin: float
    banner: bool
    align_title: str
    seed: int = 0


def draw_style(rng: random.Random, doc: Doc) -> Style:
    """A random but seed-determined layout for ``doc``."""
    low, high = FONT_PT[doc.page]
    card = doc.page in CARDS
    return Style(
        family=rng.choice(FAMILIES),
        size=rng.uniform(low, high),
        margin={"id1": 3.5, "id3": 5.0, "slip": 8.0}.get(doc.page, rng.uniform(12, 22)),
        banner=not card and rng.random() < 0.4,
        align_title=rng.choice(("L", "C")),
        seed=rng.getrandbits(32),
    )


def render_pdf(doc: Doc, style: Style, font_dir: Path = FONT_DIR) -> bytes:
    """The document as PDF bytes with a real text layer; a card's text shrinks to fit it."""
    size = style.size
    for _ in range(8):
        pdf, overflow = _render(doc, replace(style, size=size), font_dir)
        if not overflow or doc.page not in CARDS:
            break
        size *= 0.9
    return bytes(pdf.output())


def _pdf(doc: Doc, style: Style, font_dir: Path) -> FPDF:
    pdf = FPDF(unit="mm", format=PAGE_MM[doc.page])
    pdf.set_image_filter("DCTDecode")
    for family in (style.family, "DejaVuSansMono"):
        pdf.add_font(family, "", str(font_dir / f"{family}.ttf"))
        bold = font_dir / f"{family}-Bold.ttf"
        if bold.exists():
            pdf.add_font(family, "B", str(bold))
    return pdf


def _render(doc: Doc, style: Style, font_dir: Path) -> tuple[FPDF, bool]:
    pdf = _pdf(doc, style, font_dir)
    pdf.set_margins(style.margin, style.margin, style.margin)
    pdf.set_auto_page_break(True, margin=style.margin * (0.5 if doc.page in CARDS else 1.0))
    rng = random.Random(style.seed)
    overflow = False
    for number, page in enumerate(doc.all_pages()):
        pdf.add_page()
        start = pdf.page
        pdf.set_left_margin(style.margin)
        if doc.security:
            _background(pdf, doc.page, rng)
        if style.banner:
            pdf.set_fill_color(225, 230, 240)
            pdf.rect(0, 0, pdf.w, style.margin * 0.6, style="F")
        if number == 0 and doc.twoddoc and not any(b.kind == "barcode" for b in page):
            _barcode(pdf, f"DC02FR000001{doc.twoddoc}{rng.getrandbits(40):X}", style)
        mrz_lines = sum(1 for block in page if block.kind == "mrz")
        for block in page:
            _draw(pdf, block, style, rng, mrz_lines)
        overflow = overflow or pdf.page != start
    return pdf, overflow


def _background(pdf: FPDF, page: PageFormat, rng: random.Random) -> None:
    scale = BACKGROUND_PX_PER_MM.get(page, 8.0)
    image = guilloche((int(pdf.w * scale), int(pdf.h * scale)), rng)
    pdf.image(image, 0, 0, pdf.w, pdf.h)


def _barcode(pdf: FPDF, content: str, style: Style) -> None:
    side = min(pdf.h * 0.3, 22.0)
    pdf.image(datamatrix(content), pdf.w - style.margin - side, style.margin, side, side)


def _fit(pdf: FPDF, text: str, width: float, style: Style) -> None:
    size = style.size
    while size > 3.0 and pdf.get_string_width(text) > width - 1:
        size -= 0.5
        pdf.set_font_size(size)


def _draw(pdf: FPDF, block: Block, style: Style, rng: random.Random, mrz_lines: int) -> None:
    height = style.size * 0.48
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_x(pdf.l_margin)
    if block.kind == "gap":
        pdf.ln(height)
    elif block.kind == "photo":
        _photo(pdf, style, rng, mrz_lines)
    elif block.kind == "barcode":
        _barcode(pdf, block.text, style)
    elif block.kind == "mrz":
        _draw_mrz(pdf, block, style, mrz_lines)
    elif block.kind == "row":
        _draw_row(pdf, block, style, width, height)
    elif block.kind == "field":
        _draw_fields(pdf, block, style, width)
    elif block.kind == "kv":
        pdf.set_font(style.family, "B", style.size)
        key_width = min(pdf.get_string_width(block.key) + 2, width * 0.6)
        pdf.cell(key_width, height, block.key)
        pdf.set_font(style.family, "", style.size)
        pdf.multi_cell(width - key_width, height, block.text or " ", new_x="LMARGIN", new_y="NEXT")
    else:
        sizes = {"title": 1.5, "heading": 1.15, "small": 0.8}
        size = style.size * sizes.get(block.kind, 1.0)
        bold = "B" if block.kind in ("title", "heading") else ""
        pdf.set_font(style.family, bold, size)
        align = style.align_title if block.kind == "title" else "L"
        pdf.multi_cell(
            width, size * 0.5, block.text or " ", align=align, new_x="LMARGIN", new_y="NEXT"
        )
        if block.kind in ("title", "para"):
            pdf.ln(height * 0.5)


def _photo(pdf: FPDF, style: Style, rng: random.Random, mrz_lines: int) -> None:
    """The holder's photo on the left; the rest of the page is written beside it."""
    mrz_height = mrz_lines * style.size * 0.75
    width = pdf.w * 0.27
    height = min(width * 1.3, pdf.h - 2 * style.margin - mrz_height - 2)
    top = pdf.h - style.margin - mrz_height - height - 1 if mrz_lines else style.margin + 4
    top = max(style.margin, top)
    pixels = (int(width * 8), int(height * 8))
    pdf.image(face(pixels, rng), style.margin, top, width, height)
    pdf.set_left_margin(style.margin + width + 2)
    pdf.set_y(style.margin)


def _draw_mrz(pdf: FPDF, block: Block, style: Style, mrz_lines: int) -> None:
    """MRZ lines in a monospace font across the card's full width, at its bottom."""
    pdf.set_left_margin(style.margin)
    pdf.set_x(style.margin)
    line_height = style.size * 0.75
    bottom = pdf.h - style.margin * 0.5 - mrz_lines * line_height
    if pdf.w < 150 and pdf.get_y() < bottom:
        pdf.set_y(bottom)
        pdf.set_x(style.margin)
    width = pdf.w - 2 * style.margin
    pdf.set_font("DejaVuSansMono", "", style.size * 1.6)
    _fit(pdf, block.text, width, replace(style, size=style.size * 1.6))
    pdf.cell(width, line_height, block.text, new_x="LMARGIN", new_y="NEXT")


def _draw_fields(pdf: FPDF, block: Block, style: Style, width: float) -> None:
    """Labels in small print, their values under them, side by side."""
    pairs = block.cells or (block.key, block.text)
    labels, values = pairs[0::2], pairs[1::2]
    column = width / len(labels)
    left = pdf.l_margin
    for texts, size, bold in ((labels, 0.62, ""), (values, 1.0, "B")):
        pdf.set_x(left)
        for text in texts:
            pdf.set_font(style.family, bold, style.size * size)
            _fit(pdf, text, column, replace(style, size=style.size * size))
            pdf.cell(column, style.size * size * 0.5, text)
        pdf.ln(style.size * size * 0.5)
    pdf.ln(style.size * 0.1)


def _draw_row(pdf: FPDF, block: Block, style: Style, width: float, height: float) -> None:
    cells = block.cells
    first = width * (0.5 if len(cells) > 2 else 0.65)
    rest = (width - first) / max(1, len(cells) - 1)
    for i, text in enumerate(cells):
        cell_width = first if i == 0 else rest
        pdf.set_font(style.family, "", style.size)
        _fit(pdf, text, cell_width, style)
        pdf.cell(cell_width, height, text, align="L" if i == 0 else "R")
    pdf.ln(height)


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, as a born-digital upload would give it."""
    document = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in document:
            textpage = page.get_textpage()
            pages.append(textpage.get_text_bounded())
        return "\n".join(pages).replace("\r\n", "\n")
    finally:
        document.close()


def rasterise(data: bytes, dpi: float, *, colour: bool = False) -> list[Image.Image]:
    """Each PDF page as an image at ``dpi``, greyscale unless ``colour``."""
    document = pdfium.PdfDocument(data)
    mode = "RGB" if colour else "L"
    try:
        return [page.render(scale=dpi / 72).to_pil().convert(mode) for page in document]
    finally:
        document.close()


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """What a cheap flatbed scanner does to a page: tilt, blur, noise, speckles, JPEG."""
    seed = rng.getrandbits(32)
    noise_rng = np.random.default_rng(seed)
    img = image.convert("L").rotate(
        rng.uniform(-2.0, 2.0), resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255
    )
    if rng.random() < 0.4 and img.width > 2000:
        scale = rng.uniform(0.6, 0.85)
        small = img.resize(
            (int(img.width * scale), int(img.height * scale)), Image.Resampling.BILINEAR
        )
        img = small.resize(img.size, Image.Resampling.BILINEAR)
    img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.0, 1.1)))
    pixels = np.asarray(img, dtype=np.float32)
    # Paper stays light and grain moderate: a grey, grainy page (paper at 190, noise
    # sigma 18) made Tesseract's layout analysis see no text and take minutes.
    low, high = rng.uniform(0, 70), rng.uniform(205, 255)
    pixels = low + pixels * (high - low) / 255.0
    pixels += noise_rng.normal(0.0, rng.uniform(2, 10), pixels.shape)
    count = int(pixels.size * rng.uniform(0.00005, 0.0006))
    ys = noise_rng.integers(0, pixels.shape[0], count)
    xs = noise_rng.integers(0, pixels.shape[1], count)
    pixels[ys, xs] = noise_rng.uniform(0, 90, count)
    img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=rng.randint(25, 75))
    buffer.seek(0)
    return Image.open(buffer).convert("L")
