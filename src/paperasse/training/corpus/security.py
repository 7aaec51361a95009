"""What identity documents print besides their words: security backgrounds (guilloche
and micro-text), the holder's photo, a DataMatrix.

These are what makes a real card hard to read: fine coloured lines and repeated
micro-text under the labels give Tesseract gibberish around the few words it gets.
Everything is drawn from the document's random source, with OpenCV.
"""

from __future__ import annotations

import math
import random
from pathlib import Path

import cv2
import numpy as np
import zxingcpp
from PIL import Image, ImageDraw, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PASTELS = (
    ((222, 236, 246), (206, 232, 226)),  # blue to green: the 2021 ID card
    ((214, 232, 244), (236, 226, 240)),  # blue to pink: the 1988 ID card
    ((246, 232, 236), (238, 236, 222)),  # pink: driving licence
    ((236, 240, 226), (224, 234, 244)),  # green: carte Vitale
    ((244, 238, 222), (236, 228, 214)),  # beige: passport page
)
MICROTEXT = (
    "RÉPUBLIQUE FRANÇAISE",
    "LIBERTÉ ÉGALITÉ FRATERNITÉ",
    "RF RF RF RF",
    "FRANCE",
    "UNION EUROPÉENNE",
)


def guilloche(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A pastel background of interlaced sine lines, rosettes and faint micro-text."""
    width, height = size
    low, high = rng.choice(PASTELS)
    ramp = np.linspace(0.0, 1.0, width, dtype=np.float32)[None, :, None]
    canvas = np.array(low, np.float32) * (1 - ramp) + np.array(high, np.float32) * ramp
    canvas = np.repeat(canvas, height, axis=0)
    ink = tuple(max(0, c - rng.randint(15, 45)) for c in rng.choice(rng.choice(PASTELS)))
    xs = np.arange(0, width, 2, dtype=np.float32)
    spacing = rng.uniform(0.015, 0.04) * height
    period = rng.uniform(0.15, 0.45) * width
    amplitude = rng.uniform(0.02, 0.08) * height
    phase = rng.uniform(0, math.tau)
    for k in range(int(height / spacing) + 8):
        base = (k - 4) * spacing
        ys = base + amplitude * np.sin(math.tau * xs / period + phase + k * 0.35)
        ys += 0.4 * amplitude * np.sin(math.tau * xs / (period * 0.37) + k * 0.9)
        points = np.stack([xs, ys], axis=1).astype(np.int32)
        cv2.polylines(canvas, [points], False, ink, 1, cv2.LINE_AA)
    for _ in range(rng.randint(0, 2)):
        _rosette(canvas, rng, ink)
    image = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8), mode="RGB")
    if rng.random() < 0.7:
        _microtext(image, rng)
    return image


def _rosette(canvas: np.ndarray, rng: random.Random, ink: tuple[int, ...]) -> None:
    height, width = canvas.shape[:2]
    cx, cy = rng.uniform(0.2, 0.9) * width, rng.uniform(0.2, 0.8) * height
    lobes = rng.randint(5, 14)
    angles = np.linspace(0, math.tau, 720, dtype=np.float32)
    for ring in range(rng.randint(4, 10)):
        radius = (0.08 + 0.025 * ring) * min(width, height)
        r = radius * (1 + 0.18 * np.sin(lobes * angles + ring * 0.4))
        points = np.stack([cx + r * np.cos(angles), cy + r * np.sin(angles)], axis=1)
        cv2.polylines(canvas, [points.astype(np.int32)], True, ink, 1, cv2.LINE_AA)


def _microtext(image: Image.Image, rng: random.Random) -> None:
    draw = ImageDraw.Draw(image)
    size = max(6, image.height // rng.randint(40, 70))
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), size)
    text = (rng.choice(MICROTEXT) + "  ") * 30
    shade = rng.randint(150, 200)
    colour = (shade, shade + rng.randint(0, 30), min(255, shade + rng.randint(10, 50)))
    for y in range(0, image.height, size * rng.randint(3, 6)):
        draw.text((-rng.randint(0, 200), y), text, font=font, fill=colour)


def face(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A stand-in for the holder's photo: a head and shoulders on a plain ground."""
    width, height = size
    ground = rng.randint(150, 225)
    canvas: np.ndarray = np.full((height, width, 3), ground, np.uint8)
    skin = (rng.randint(90, 230), rng.randint(70, 190), rng.randint(50, 170))
    cloth = (rng.randint(10, 120),) * 3
    cv2.ellipse(
        canvas, (width // 2, height), (int(width * 0.48), int(height * 0.3)), 0, 180, 360, cloth, -1
    )
    cv2.ellipse(
        canvas,
        (width // 2, int(height * 0.42)),
        (int(width * 0.26), int(height * 0.26)),
        0,
        0,
        360,
        skin,
        -1,
    )
    hair = (rng.randint(10, 120),) * 3
    cv2.ellipse(
        canvas,
        (width // 2, int(height * 0.3)),
        (int(width * 0.28), int(height * 0.16)),
        0,
        180,
        360,
        hair,
        -1,
    )
    canvas = cv2.GaussianBlur(canvas, (0, 0), max(1.0, width / 80))
    return Image.fromarray(canvas, mode="RGB")


def datamatrix(content: str) -> Image.Image:
    """A DataMatrix of ``content``, black on white, one module per pixel with a quiet zone."""
    code = zxingcpp.create_barcode(content, zxingcpp.BarcodeFormat.DataMatrix)
    return Image.fromarray(np.asarray(code.to_image(scale=4))).convert("RGB")
