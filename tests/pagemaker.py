"""Real pages rendered at test time, for the reading and ingest tests.

``pages`` is a ``PageMaker``: it draws French text like a scanner would see it and
wraps the result as PNG, JPEG, multi-page TIFF, image-only PDF or born-digital PDF.
Nothing is downloaded; the only external file is the DejaVu font from the system.
"""

from __future__ import annotations

import difflib
import io
import re
from pathlib import Path

import numpy as np
import zxingcpp
from fpdf import FPDF
from fpdf.enums import TextMode
from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
DPI = 300
A4_PX = (2480, 3508)

LETTER = [
    "Madame, Monsieur,",
    "Je vous prie de bien vouloir trouver ci-joint ma demande",
    "de permis de construire pour l'extension de ma maison située",
    "au 12 rue des Lilas à Saint-Étienne. Les pièces justificatives",
    "sont jointes : plan de masse, plan de coupe et notice du projet.",
    "Je reste à votre disposition pour tout renseignement.",
    "Veuillez agréer, Madame, Monsieur, mes salutations distinguées.",
    "Jean Dupont, le 14 mars 2024",
]


class PageMaker:
    """Renders test pages and wraps them in the file types the service accepts."""

    letter = LETTER

    @staticmethod
    def similarity(ocr: str, source: str) -> float:
        """Character similarity of two texts, whitespace runs folded (0 to 1)."""

        def fold(text: str) -> str:
            return re.sub(r"\s+", " ", text).strip()

        return difflib.SequenceMatcher(None, fold(ocr), fold(source), autojunk=False).ratio()

    def text_page(
        self,
        lines: list[str],
        *,
        size: tuple[int, int] = (A4_PX[0], 1500),
        font_px: int = 46,
        tilt: float = 0.0,
        noise: float = 0.0,
    ) -> Image.Image:
        """Black text on white at 300 dpi, optionally tilted (degrees) and grained."""
        page = Image.new("L", size, 255)
        draw = ImageDraw.Draw(page)
        font = ImageFont.truetype(str(FONT_DIR / "DejaVuSerif.ttf"), font_px)
        for i, line in enumerate(lines):
            draw.text((200, 150 + i * int(font_px * 1.6)), line, font=font, fill=15)
        if tilt:
            page = page.rotate(tilt, resample=Image.Resampling.BICUBIC, fillcolor=255)
        return self.grain(page, noise) if noise else page

    def grain(self, page: Image.Image, sigma: float, seed: int = 7) -> Image.Image:
        """Add scanner blur, grain and speckles."""
        rng = np.random.default_rng(seed)
        arr = np.asarray(page.filter(ImageFilter.GaussianBlur(0.7)), dtype=np.float32) * 0.94
        arr += rng.normal(0.0, sigma, arr.shape)
        speckles = rng.random(arr.shape) < 0.0004
        arr[speckles] = 40.0
        return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="L")

    def blank_scan(self, size: tuple[int, int] = (1240, 1754)) -> Image.Image:
        """A blank sheet as a scanner returns it: grey paper, grain and speckles."""
        return self.grain(Image.new("L", size, 250), 8.0)

    def barcode_page(self, content: str, *, qr: bool = False) -> Image.Image:
        """A separator sheet: a big Code 128 (or QR) code and a caption."""
        fmt = zxingcpp.BarcodeFormat.QRCode if qr else zxingcpp.BarcodeFormat.Code128
        scale = 8 if qr else 4  # a Code 128 of 10 characters at 4 px a module: 660 px
        code = Image.fromarray(
            np.asarray(zxingcpp.create_barcode(content, fmt).to_image(scale=scale))
        )
        if not qr:
            code = code.resize((code.width, 250))
        page = Image.new("L", (1240, 1754), 255)
        page.paste(code, (150, 400))
        return page

    def png(self, image: Image.Image) -> bytes:
        out = io.BytesIO()
        image.save(out, format="PNG", dpi=(DPI, DPI))
        return out.getvalue()

    def jpeg(self, image: Image.Image, *, exif_orientation: int | None = None) -> bytes:
        out = io.BytesIO()
        exif = Image.Exif()
        if exif_orientation:
            exif[0x0112] = exif_orientation
        image.convert("RGB").save(out, format="JPEG", quality=90, dpi=(DPI, DPI), exif=exif)
        return out.getvalue()

    def tiff(self, images: list[Image.Image], *, dpi: int = DPI) -> bytes:
        """A multi-page TIFF; bilevel frames are stored in CCITT G4 like a copier's."""
        out = io.BytesIO()
        compression = "group4" if all(i.mode == "1" for i in images) else "tiff_lzw"
        images[0].save(
            out,
            format="TIFF",
            save_all=True,
            append_images=images[1:],
            compression=compression,
            dpi=(dpi, dpi),
        )
        return out.getvalue()

    def scan_pdf(
        self, images: list[Image.Image], *, dpi: int = DPI, hidden_text: str | None = None
    ) -> bytes:
        """An image-only PDF (one image per page), with an optional invisible text layer."""
        pdf = FPDF(unit="pt")
        pdf.add_font("dejavu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.set_font("dejavu", size=10)
        for image in images:
            width, height = image.width * 72 / dpi, image.height * 72 / dpi
            pdf.add_page(format=(width, height))
            pdf.image(image, x=0, y=0, w=width, h=height)
            if hidden_text is not None:
                pdf.text_mode = TextMode.INVISIBLE
                pdf.set_xy(20, 20)
                pdf.multi_cell(width - 40, 12, hidden_text)
                pdf.text_mode = TextMode.FILL
        return bytes(pdf.output())

    def digital_pdf(self, pages: list[list[str]]) -> bytes:
        """A born-digital PDF, one list of lines per page."""
        pdf = FPDF(format="A4")
        pdf.add_font("dejavu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
        pdf.set_font("dejavu", size=11)
        for lines in pages:
            pdf.add_page()
            for line in lines:
                pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
        return bytes(pdf.output())
