"""Render a generated document as a born-digital PDF, read its text layer, scan it.

The PDF uses DejaVu (a TTF with French accents). A "scan" rasterises the PDF with
pdfium, then adds what a mailroom scanner adds: skew, blur, noise, speckles, lost
contrast and JPEG artefacts.
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pypdfium2 as pdfium
from fpdf import FPDF
from PIL import Image, ImageFilter

from paperasse.training.corpus.types import Block, Doc

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FAMILIES = ("DejaVuSans", "DejaVuSerif", "DejaVuSansCondensed")
CARD_SIZE_MM = (125.0, 88.0)


@dataclass(frozen=True)
class Style:
    """Layout choices drawn per document so two documents of a type never look alike."""

    family: str
    size: float
    margin: float
    banner: bool
    align_title: str


def draw_style(rng: random.Random, doc: Doc) -> Style:
    """A random but seed-determined layout for ``doc``."""
    card = doc.page == "card"
    return Style(
        family=rng.choice(FAMILIES),
        size=rng.uniform(6.5, 8.0) if card else rng.uniform(9.0, 11.5),
        margin=5.0 if card else rng.uniform(12, 22),
        banner=rng.random() < 0.4,
        align_title=rng.choice(("L", "C")),
    )


def _pdf(doc: Doc, style: Style, font_dir: Path) -> FPDF:
    pdf = FPDF(unit="mm", format=CARD_SIZE_MM if doc.page == "card" else "A4")
    for family in (style.family, "DejaVuSansMono"):
        pdf.add_font(family, "", str(font_dir / f"{family}.ttf"))
        bold = font_dir / f"{family}-Bold.ttf"
        if bold.exists():
            pdf.add_font(family, "B", str(bold))
    return pdf


def render_pdf(doc: Doc, style: Style, font_dir: Path = FONT_DIR) -> bytes:
    """The document as PDF bytes with a real text layer."""
    pdf = _pdf(doc, style, font_dir)
    pdf.set_margins(style.margin, style.margin, style.margin)
    pdf.set_auto_page_break(True, margin=style.margin)
    for page in doc.all_pages():
        pdf.add_page()
        if style.banner:
            pdf.set_fill_color(225, 230, 240)
            pdf.rect(0, 0, pdf.w, style.margin * 0.6, style="F")
        for block in page:
            _draw(pdf, block, style)
    return bytes(pdf.output())


def _fit(pdf: FPDF, text: str, width: float, style: Style) -> None:
    size = style.size
    while size > 4.5 and pdf.get_string_width(text) > width - 1:
        size -= 0.5
        pdf.set_font_size(size)


def _draw(pdf: FPDF, block: Block, style: Style) -> None:
    height = style.size * 0.48
    width = pdf.w - pdf.l_margin - pdf.r_margin
    pdf.set_x(pdf.l_margin)
    if block.kind == "gap":
        pdf.ln(height)
        return
    if block.kind == "mrz":
        pdf.set_font("DejaVuSansMono", "", style.size)
        _fit(pdf, block.text, width, style)
        pdf.cell(width, height, block.text, new_x="LMARGIN", new_y="NEXT")
        return
    if block.kind == "row":
        _draw_row(pdf, block, style, width, height)
        return
    if block.kind == "kv":
        pdf.set_font(style.family, "B", style.size)
        key_width = min(pdf.get_string_width(block.key) + 2, width * 0.6)
        pdf.cell(key_width, height, block.key)
        pdf.set_font(style.family, "", style.size)
        pdf.multi_cell(width - key_width, height, block.text or " ", new_x="LMARGIN", new_y="NEXT")
        return
    sizes = {"title": 1.5, "heading": 1.15, "small": 0.8}
    size = style.size * sizes.get(block.kind, 1.0)
    bold = "B" if block.kind in ("title", "heading") else ""
    pdf.set_font(style.family, bold, size)
    align = style.align_title if block.kind == "title" else "L"
    pdf.multi_cell(width, size * 0.5, block.text or " ", align=align, new_x="LMARGIN", new_y="NEXT")
    if block.kind in ("title", "para"):
        pdf.ln(height * 0.5)


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


def rasterise(data: bytes, dpi: int) -> list[Image.Image]:
    """Each PDF page as a greyscale image at ``dpi``."""
    document = pdfium.PdfDocument(data)
    try:
        return [page.render(scale=dpi / 72).to_pil().convert("L") for page in document]
    finally:
        document.close()


def degrade(image: Image.Image, rng: random.Random) -> Image.Image:
    """What a cheap scanner or a phone photo does to a page."""
    seed = rng.getrandbits(32)
    noise_rng = np.random.default_rng(seed)
    img = image.rotate(
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
    low, high = rng.uniform(0, 70), rng.uniform(190, 255)
    pixels = low + pixels * (high - low) / 255.0
    pixels += noise_rng.normal(0.0, rng.uniform(3, 18), pixels.shape)
    count = int(pixels.size * rng.uniform(0.00005, 0.0006))
    ys = noise_rng.integers(0, pixels.shape[0], count)
    xs = noise_rng.integers(0, pixels.shape[1], count)
    pixels[ys, xs] = noise_rng.uniform(0, 90, count)
    img = Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8), mode="L")
    buffer = io.BytesIO()
    img.save(buffer, format="JPEG", quality=rng.randint(25, 75))
    buffer.seek(0)
    return Image.open(buffer).convert("L")
