"""Identity cards and passport pages drawn at test time, with their MRZ, for read_mrz.

A document is drawn at 300 dpi in the size its MRZ belongs to (ICAO 9303): ID-1
(85.6 x 54 mm) for rows of 30 characters, ID-2 (105 x 74 mm, as the 1988 French
card) for 36, a passport data page (125 x 88 mm) for 44. A few labelled fields and
a dark photo sit above the MRZ rows, drawn in DejaVu Sans Mono at the ICAO pitch
(2.54 mm a character) along the bottom; optionally a guilloche of fine light curves
and microtext lies under everything, as security backgrounds print. The document
can then be put small on an A4 scan, photographed (perspective, blur, noise, JPEG),
tilted or turned. Nothing is read from disk but the DejaVu fonts.
"""

from __future__ import annotations

import datetime as dt
import io
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from tests.pagemaker import FONT_DIR
from tests.reading.test_entities_support import icao_digit

PX_PER_MM = 300 / 25.4
SIZES_MM = {30: (85.6, 54.0), 36: (105.0, 74.0), 44: (125.0, 88.0)}
PITCH_MM = 2.54
MONO_ADVANCE = 0.602  # DejaVu Sans Mono advance width, in em


def _font(name: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT_DIR / name), size)


def _guilloche(image: Image.Image, shade: int, seed: int = 3) -> None:
    """Fine crossing sine curves, lighter than the ink, over the whole document."""
    draw = ImageDraw.Draw(image)
    rng = np.random.default_rng(seed)
    width, height = image.size
    for _ in range(28):
        amplitude = rng.uniform(0.03, 0.12) * height
        period = rng.uniform(0.15, 0.6) * width
        phase = rng.uniform(0, 2 * math.pi)
        base = rng.uniform(0, height)
        points = [(x, base + amplitude * math.sin(2 * math.pi * x / period + phase))
                  for x in range(0, width, 4)]  # fmt: skip
        draw.line(points, fill=shade, width=2)
    small = _font("DejaVuSans.ttf", 14)
    for y in range(0, height, 22):  # microtext, as on the 2021 card
        draw.text((int(rng.uniform(-40, 0)), y), "REPUBLIQUE FRANCAISE " * 12, font=small,
                  fill=shade + 15)  # fmt: skip


def document(lines: list[str], *, guilloche: bool = False,
             fields: tuple[str, ...] = ("NOM / Surname", "DUPONT")) -> Image.Image:  # fmt: skip
    """A card or passport page with ``lines`` as its MRZ, grayscale at 300 dpi."""
    width_mm, height_mm = SIZES_MM[len(lines[0])]
    size = (round(width_mm * PX_PER_MM), round(height_mm * PX_PER_MM))
    image = Image.new("L", size, 238)
    if guilloche:
        _guilloche(image, shade=200)
    draw = ImageDraw.Draw(image)
    pitch = PITCH_MM * PX_PER_MM
    mono = _font("DejaVuSansMono.ttf", round(pitch / MONO_ADVANCE))
    label = _font("DejaVuSans.ttf", 26)
    value = _font("DejaVuSans-Bold.ttf", 34)
    draw.rectangle((40, 40, 40 + size[0] // 4, 40 + size[1] // 2), fill=70)  # the photo
    for index, text in enumerate(fields):
        font = label if index % 2 == 0 else value
        draw.text((size[0] // 3, 50 + 45 * index), text, font=font, fill=30)
    row = pitch * 1.55
    top = size[1] - 30 - row * len(lines)
    margin = (size[0] - pitch * len(lines[0])) / 2
    for index, line in enumerate(lines):
        draw.text((margin, top + row * index), line, font=mono, fill=15)
    return image


def on_a4(card: Image.Image, *, dpi: int = 200, at: tuple[float, float] = (0.15, 0.6),
          tilt: float = 0.0) -> Image.Image:  # fmt: skip
    """The card scanned small on a white A4 sheet at ``dpi``, tilted by ``tilt`` degrees."""
    page = Image.new("L", (round(8.27 * dpi), round(11.69 * dpi)), 250)
    scale = dpi / 300
    small = card.resize((round(card.width * scale), round(card.height * scale)),
                        Image.Resampling.LANCZOS)  # fmt: skip
    if tilt:
        small = small.rotate(tilt, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=250)
    page.paste(small, (round(page.width * at[0]), round(page.height * at[1])))
    return page


def photo(doc: Image.Image, *, blur: float = 1.2, noise: float = 6.0, quality: int = 70,
          seed: int = 5) -> Image.Image:  # fmt: skip
    """The document photographed on a table: perspective, blur, noise, JPEG."""
    rng = np.random.default_rng(seed)
    width, height = doc.size
    out_w, out_h = round(width * 1.5), round(height * 1.6)
    table = rng.normal(120, 12, (out_h, out_w)).astype(np.float32)
    table = cv2.GaussianBlur(table, (0, 0), 6)
    source = np.float32([[0, 0], [width, 0], [width, height], [0, height]])
    target = np.float32([
        [0.20 * out_w, 0.22 * out_h], [0.86 * out_w, 0.17 * out_h],
        [0.82 * out_w, 0.80 * out_h], [0.17 * out_w, 0.76 * out_h],
    ])  # fmt: skip
    matrix = cv2.getPerspectiveTransform(source, target)
    card = np.asarray(doc, dtype=np.float32)
    warped = cv2.warpPerspective(card, matrix, (out_w, out_h), flags=cv2.INTER_CUBIC)
    mask = cv2.warpPerspective(np.ones_like(card), matrix, (out_w, out_h))
    scene = warped * mask + table * (1 - mask)
    gradient = np.linspace(0.85, 1.05, out_w, dtype=np.float32)[None, :]  # uneven light
    scene = scene * gradient + rng.normal(0, noise, scene.shape)
    image = Image.fromarray(np.clip(scene, 0, 255).astype(np.uint8), mode="L")
    image = image.filter(ImageFilter.GaussianBlur(blur))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=quality)
    return Image.open(io.BytesIO(buffer.getvalue())).convert("L")


def build_td2(surname: str, given: list[str], number: str, birth: dt.date, sex: str,
              expiry: dt.date, *, code: str = "IR", state: str = "FRA",
              nationality: str = "SEN") -> list[str]:  # fmt: skip
    """A TD2 MRZ (2 x 36) with its check digits; visas (``V…``) have no composite."""
    names = f"{surname.replace(' ', '<')}<<{'<'.join(given)}".ljust(31, "<")[:31]
    line1 = f"{code.ljust(2, '<')}{state}{names}"
    num = number.ljust(9, "<")
    birth_text, expiry_text = birth.strftime("%y%m%d"), expiry.strftime("%y%m%d")
    body = (f"{num}{icao_digit(num)}{nationality}{birth_text}{icao_digit(birth_text)}{sex}"
            f"{expiry_text}{icao_digit(expiry_text)}")  # fmt: skip
    if code.startswith("V"):
        return [line1, body.ljust(36, "<")]
    body = body.ljust(35, "<")
    return [line1, body + icao_digit(body[0:10] + body[13:20] + body[21:35])]
