"""Small real files for tests, made at test time."""

from __future__ import annotations

import io

from fpdf import FPDF
from PIL import Image, ImageDraw

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def make_pdf(*pages: str) -> bytes:
    """A born-digital PDF with one page per text."""
    pdf = FPDF(format="A4")
    pdf.add_font("dejavu", fname=FONT)
    pdf.set_font("dejavu", size=12)
    for text in pages or ("",):
        pdf.add_page()
        pdf.multi_cell(0, 8, text)
    return bytes(pdf.output())


def make_png(text: str = "Bonjour", size: tuple[int, int] = (400, 120)) -> bytes:
    image = Image.new("L", size, 255)
    ImageDraw.Draw(image).text((10, 40), text, fill=0)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
