"""Surfaces a document lies on, and photos of things that are not documents at all.

A phone photo shows a table, a floor or a sheet of paper around the document; a
citizen sometimes uploads a photo of something else entirely (a pet, a room, a shop
sign). Both are drawn here from the document's random source, with OpenCV.
"""

from __future__ import annotations

import random

import cv2
import numpy as np
from PIL import Image, ImageDraw, ImageFont

from paperasse.training.corpus.security import FONT_DIR

CAPTIONS = (
    "SORTIE",
    "BOULANGERIE PÂTISSERIE",
    "Joyeux anniversaire !",
    "Vacances 2024",
    "PARKING PRIVÉ",
    "Défense de fumer",
    "Menu du jour 14,50 €",
    "SOLDES -50%",
    "Rue de la République",
    "Chat perdu - récompense",
    "Bienvenue",
    "OUVERT",
    "Attention au chien",
    "Pharmacie",
    "Livraison gratuite",
)


def surface(shape: tuple[int, int], rng: random.Random) -> np.ndarray:
    """An RGB surface: wood, a plain table, a sheet of paper, fabric or tiles."""
    height, width = shape
    small = (max(8, width // 8), max(8, height // 8))
    noise = np.random.default_rng(rng.getrandbits(32))
    kind = rng.choice(("wood", "table", "paper", "paper", "fabric", "tiles"))
    if kind == "paper":
        base = np.full((small[1], small[0], 3), rng.randint(215, 245), np.float32)
        base += noise.normal(0, 2, base.shape)
    else:
        colour = np.array([rng.randint(40, 200) for _ in range(3)], np.float32)
        base = np.ones((small[1], small[0], 3), np.float32) * colour
        base += cv2.GaussianBlur(noise.normal(0, 25, base.shape).astype(np.float32), (0, 0), 2)
        if kind == "wood":
            ys = np.arange(small[1], dtype=np.float32)[:, None]
            xs = np.arange(small[0], dtype=np.float32)[None, :]
            grain = np.sin(ys * rng.uniform(0.2, 0.6) + 3 * np.sin(xs * rng.uniform(0.01, 0.05)))
            base *= (1 + 0.12 * grain)[..., None]
        elif kind == "tiles":
            step = rng.randint(12, 40)
            base[::step, :, :] *= 0.7
            base[:, ::step, :] *= 0.7
    image = cv2.resize(np.clip(base, 0, 255), (width, height), interpolation=cv2.INTER_LINEAR)
    return np.asarray(image, dtype=np.float32)


def scene(shape: tuple[int, int], rng: random.Random, lines: list[str]) -> np.ndarray:
    """A photo of things: a background, shapes of objects, maybe a sign with ``lines``."""
    height, width = shape
    canvas = surface(shape, rng)
    for _ in range(rng.randint(2, 9)):
        colour = tuple(float(rng.randint(0, 255)) for _ in range(3))
        centre = (rng.randint(0, width), rng.randint(0, height))
        if rng.random() < 0.5:
            axes = (rng.randint(width // 20, width // 3), rng.randint(height // 20, height // 3))
            cv2.ellipse(canvas, centre, axes, rng.uniform(0, 180), 0, 360, colour, -1)
        else:
            points = np.array(
                [[centre[0] + rng.randint(-width // 4, width // 4),
                  centre[1] + rng.randint(-height // 4, height // 4)] for _ in range(4)],
                np.int32,
            )  # fmt: skip
            cv2.fillPoly(canvas, [points], colour)
    if rng.random() < 0.75:
        _texture(canvas, rng)
    scribbled = rng.random() < 0.6
    if scribbled:
        _scribbles(canvas, rng)
    canvas = cv2.GaussianBlur(canvas, (0, 0), rng.uniform(1.2, 2.5) if scribbled else 1.0)
    if lines:
        _sign(canvas, rng, lines)
    return canvas


GLYPHS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789éèàç.,:;'-/|()«»"


def _scribbles(canvas: np.ndarray, rng: random.Random) -> None:
    """Bits of print too small or blurred to read (a keyboard, a label, a newspaper in the
    background): the OCR makes gibberish of them, as it does of real photos."""
    height, width = canvas.shape[:2]
    image = Image.fromarray(np.clip(canvas, 0, 255).astype(np.uint8), mode="RGB")
    draw = ImageDraw.Draw(image)
    left, top = rng.randint(0, width // 2), rng.randint(0, height // 2)
    for _ in range(rng.randint(10, 60)):
        size = rng.randint(max(8, height // 90), max(10, height // 30))
        font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), size)
        text = "".join(rng.choice(GLYPHS) for _ in range(rng.randint(1, 6)))
        x = rng.randint(left, min(width - 1, left + width // 2))
        y = rng.randint(top, min(height - 1, top + height // 2))
        shade = rng.randint(0, 110)
        draw.text((x, y), text, font=font, fill=(shade, shade, shade))
    canvas[:] = np.asarray(image, np.float32)


def _texture(canvas: np.ndarray, rng: random.Random) -> None:
    """Fur, grass, foliage or bricks over part of the photo: what Tesseract reads as
    gibberish (an animal's fur gave « ee | À ri » and the like)."""
    height, width = canvas.shape[:2]
    left, top = rng.randint(0, width // 2), rng.randint(0, height // 2)
    right, bottom = rng.randint(left + width // 4, width), rng.randint(top + height // 4, height)
    kind = rng.choice(("strokes", "strokes", "blobs", "bricks"))
    dark = tuple(float(rng.randint(0, 90)) for _ in range(3))
    light = tuple(float(rng.randint(150, 255)) for _ in range(3))
    if kind == "bricks":
        step_y = rng.randint(height // 60 + 4, height // 20 + 8)
        step_x = step_y * rng.randint(2, 4)
        for y in range(top, bottom, step_y):
            cv2.line(canvas, (left, y), (right, y), dark, 2)
            shift = (y // step_y % 2) * step_x // 2
            for x in range(left + shift, right, step_x):
                cv2.line(canvas, (x, y), (x, min(bottom, y + step_y)), dark, 2)
        return
    area = (right - left) * (bottom - top)
    size = max(4, min(width, height) // rng.randint(40, 120))
    for _ in range(min(6000, area // (size * size * 2))):
        x, y = rng.randint(left, right), rng.randint(top, bottom)
        colour = dark if rng.random() < 0.6 else light
        if kind == "strokes":
            angle = rng.uniform(0, np.pi)
            end = (int(x + size * np.cos(angle)), int(y + size * np.sin(angle)))
            cv2.line(canvas, (x, y), end, colour, rng.randint(1, 3), cv2.LINE_AA)
        else:
            axes = (rng.randint(1, size), rng.randint(1, size))
            cv2.ellipse(canvas, (x, y), axes, rng.uniform(0, 180), 0, 360, colour, -1)


def _sign(canvas: np.ndarray, rng: random.Random, lines: list[str]) -> None:
    """A sign or label with a few words, as large as signs are in photos."""
    height, width = canvas.shape[:2]
    size = max(14, int(min(width, height) * rng.uniform(0.03, 0.08)))
    font = ImageFont.truetype(
        str(FONT_DIR / rng.choice(("DejaVuSans-Bold.ttf", "DejaVuSerif.ttf"))), size
    )
    box_width = int(max(font.getlength(text) for text in lines) + size)
    box_height = int(len(lines) * size * 1.4 + size * 0.6)
    ground = tuple(rng.randint(0, 255) for _ in range(3))
    ink = (255, 255, 255) if sum(ground) < 380 else (20, 20, 20)
    sign = Image.new("RGB", (box_width, box_height), ground)
    draw = ImageDraw.Draw(sign)
    for i, text in enumerate(lines):
        draw.text((size // 2, size // 3 + i * size * 1.4), text, font=font, fill=ink)
    sign = sign.rotate(rng.uniform(-15, 15), expand=True, fillcolor=ground)
    left = rng.randint(0, max(0, width - sign.width))
    top = rng.randint(0, max(0, height - sign.height))
    patch = np.asarray(sign, np.float32)[: height - top, : width - left]
    canvas[top : top + patch.shape[0], left : left + patch.shape[1]] = patch
