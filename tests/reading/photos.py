"""Documents as citizens send them, drawn at test time: cards, bills, letters, then
photographed on a table, turned, shrunk, blurred, darkened, shadowed, JPEG-compressed.

Everything is drawn with Pillow, OpenCV and numpy from a seed and the DejaVu fonts;
nothing is read from disk but the fonts.
"""

from __future__ import annotations

import io
import math

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from tests.pagemaker import FONT_DIR

CARD_SIZE = (1000, 630)  # 85.6 x 54 mm at ~300 dpi
CARD_FIELDS = [
    ("Nom :", "MOREAU"),
    ("Prénom(s) :", "Camille Louise"),
    ("Né(e) le :", "14.03.1987"),
    ("à :", "LYON 3E (69)"),
    ("Taille :", "1,68 m"),
]
CARD_WORDS = {"MOREAU", "Camille", "14.03.1987", "LYON"}
BILL_LINES = [
    "FACTURE D'ÉLECTRICITÉ",
    "Facture du 12 mars 2025",
    "Titulaire du contrat : Camille MOREAU",
    "Adresse : 8 rue des Tilleuls 69003 Lyon",
    "Période : du 1er janvier au 28 février 2025",
    "Consommation : 412 kWh",
    "Abonnement : 24,18 euros",
    "Montant total à payer : 84,32 euros",
    "Prélèvement le 27 mars 2025",
    "Service client : 09 70 00 00 00",
]
BILL_WORDS = {"FACTURE", "MOREAU", "Tilleuls", "Consommation", "Prélèvement"}


def font(size: int, *, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def guilloche(size: tuple[int, int], colour: tuple[int, int, int], seed: int = 3) -> Image.Image:
    """Fine interlaced sine-wave lines, like the security background of an ID card."""
    rng = np.random.default_rng(seed)
    width, height = size
    canvas = np.full((height, width, 3), 255, dtype=np.uint8)
    xs = np.arange(width)
    for i in range(0, height + 40, 7):
        phase = rng.uniform(0, 2 * math.pi)
        for period, amplitude in ((90.0, 9.0), (140.0, 14.0)):
            ys = i + amplitude * np.sin(2 * math.pi * xs / period + phase)
            points = np.stack([xs, ys], axis=1).astype(np.int32).reshape(-1, 1, 2)
            cv2.polylines(canvas, [points], False, colour, 1, cv2.LINE_AA)
    return Image.fromarray(canvas, mode="RGB")


def card(*, security: bool = False) -> Image.Image:
    """An identity-card-like document: a coloured band, labels and values side by side.

    With ``security``, a mid-blue guilloche is printed under the text (as dark in gray
    as a real card's pattern once photographed).
    """
    image = Image.new("RGB", CARD_SIZE, (244, 246, 242))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, CARD_SIZE[0], 90), fill=(30, 60, 140))
    draw.text((60, 22), "RÉPUBLIQUE FRANÇAISE", font=font(40, bold=True), fill=(255, 255, 255))
    draw.text((40, 110), "CARTE NATIONALE D'IDENTITÉ", font=font(30), fill=(20, 20, 20))
    draw.rectangle((40, 170, 290, 500), fill=(175, 175, 180))
    for row, (label, value) in enumerate(CARD_FIELDS):
        top = 175 + row * 62
        draw.text((320, top + 6), label, font=font(26), fill=(40, 40, 40))
        draw.text((540, top), value, font=font(34, bold=True), fill=(10, 10, 10))
    draw.text((40, 540), "IDFRAMOREAU<<<<<<<<<<<<<<<<<<<<<", font=font(30), fill=(10, 10, 10))
    if not security:
        return image
    printed = np.asarray(image, dtype=np.float64)
    pattern = np.asarray(guilloche(CARD_SIZE, (90, 140, 180)), dtype=np.float64)
    mixed = printed * pattern / 255.0
    mixed[:90] = printed[:90]  # the band is printed over the pattern
    return Image.fromarray(mixed.astype(np.uint8), mode="RGB")


def bill(size: tuple[int, int] = (1240, 1754)) -> Image.Image:
    """An electricity bill on A4 at 150 dpi, in letters a phone photo keeps legible."""
    image = Image.new("RGB", size, (252, 252, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0], 130), fill=(0, 90, 160))
    draw.text((90, 40), "Énergie Rhône", font=font(50, bold=True), fill=(255, 255, 255))
    for i, line in enumerate(BILL_LINES):
        draw.text((90, 220 + i * 95), line, font=font(38, bold=i == 0), fill=(15, 15, 15))
    return image


def thing(size: tuple[int, int] = (1200, 900), seed: int = 11) -> Image.Image:
    """A sharp photo of something that is not a document: gradients, blobs and grain."""
    rng = np.random.default_rng(seed)
    width, height = size
    ys, xs = np.mgrid[0:height, 0:width]
    canvas = np.stack(
        [90 + 80 * xs / width, 120 + 60 * ys / height, 100 + 40 * np.sin(xs / 200.0)], axis=2
    )
    for _ in range(12):
        centre = (int(rng.integers(0, width)), int(rng.integers(0, height)))
        colour = tuple(float(c) for c in rng.integers(30, 230, 3))
        cv2.circle(canvas, centre, int(rng.integers(40, 200)), colour, -1, cv2.LINE_AA)
    canvas += rng.normal(0, 5, canvas.shape)
    return Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8), mode="RGB")


def table(size: tuple[int, int], seed: int = 5) -> np.ndarray:
    """A wooden table: brown with grain stripes and noise (RGB array)."""
    rng = np.random.default_rng(seed)
    width, height = size
    ys = np.arange(height)[:, None]
    xs = np.arange(width)[None, :]
    grain = 18 * np.sin(ys / 9.0 + 3 * np.sin(xs / 150.0)) + rng.normal(0, 6, (height, width))
    base = np.array([120, 82, 50], dtype=np.float64)
    wood = base[None, None, :] + grain[..., None] * np.array([1.0, 0.8, 0.5])
    return np.clip(wood, 0, 255).astype(np.uint8)


def on_table(
    document: Image.Image,
    corners: list[tuple[float, float]],
    *,
    size: tuple[int, int] = (1600, 1200),
    seed: int = 5,
) -> Image.Image:
    """Photograph ``document`` on a table: its corners (tl, tr, br, bl) land at ``corners``."""
    doc = np.asarray(document.convert("RGB"))
    height, width = doc.shape[:2]
    source = np.array([[0, 0], [width, 0], [width, height], [0, height]], dtype=np.float32)
    matrix = cv2.getPerspectiveTransform(source, np.array(corners, dtype=np.float32))
    canvas = table(size, seed)
    warped = cv2.warpPerspective(doc, matrix, size, flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((height, width), 255, np.uint8), matrix, size)
    canvas[mask > 127] = warped[mask > 127]
    return Image.fromarray(canvas, mode="RGB")


def shadow(image: Image.Image, *, darkest: float = 0.45) -> Image.Image:
    """Uneven light: a shadow falling from one corner across the page."""
    arr = np.asarray(image.convert("RGB"), dtype=np.float64)
    height, width = arr.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width]
    light = darkest + (1 - darkest) * np.clip((xs / width + ys / height) / 1.4, 0, 1)
    return Image.fromarray((arr * light[..., None]).astype(np.uint8), mode="RGB")


def blur(image: Image.Image, sigma: float) -> Image.Image:
    """Out of focus: Gaussian blur of ``sigma`` pixels."""
    arr = np.asarray(image.convert("RGB"))
    return Image.fromarray(cv2.GaussianBlur(arr, (0, 0), sigma), mode="RGB")


def shake(image: Image.Image, length: int) -> Image.Image:
    """Camera shake: a motion blur ``length`` pixels long, slightly diagonal."""
    kernel = np.zeros((length, length), dtype=np.float32)
    cv2.line(kernel, (0, length // 3), (length - 1, 2 * length // 3), 1.0, 1)
    kernel /= kernel.sum()
    arr = np.asarray(image.convert("RGB"))
    return Image.fromarray(cv2.filter2D(arr, -1, kernel), mode="RGB")


def underexpose(image: Image.Image, *, gain: float = 0.22, seed: int = 9) -> Image.Image:
    """A photo taken in the dark: little light, and the sensor noise that comes with it."""
    rng = np.random.default_rng(seed)
    arr = np.asarray(image.convert("RGB"), dtype=np.float64) * gain
    arr += rng.normal(0, 4, arr.shape)
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), mode="RGB")


def shrink(image: Image.Image, width: int) -> Image.Image:
    """The same image ``width`` pixels wide (a small scan or a far-away photo)."""
    height = round(image.height * width / image.width)
    return image.resize((width, height), Image.Resampling.LANCZOS)


def jpeg(image: Image.Image, *, quality: int = 35) -> bytes:
    """A phone's JPEG at low quality (no EXIF, no resolution)."""
    out = io.BytesIO()
    image.convert("RGB").save(out, format="JPEG", quality=quality)
    return out.getvalue()


def png(image: Image.Image) -> bytes:
    """A lossless PNG without resolution, as screenshots and some apps send."""
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
