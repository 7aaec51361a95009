"""How a document reaches the town hall: a born-digital PDF, a flatbed scan, a card
scanned on a sheet, a phone-scanner crop of a card, or a phone photo.

A phone photo puts the document on a surface (table, floor, a sheet of paper), in
perspective, under uneven light and sometimes a shadow, with blur, sensor noise, a
low resolution and JPEG compression; now and then upside down. Every choice comes
from the document's random source. The result is encoded as the file a citizen or a
mailroom scanner would send (PNG with its resolution for scans, JPEG for photos).
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from typing import Literal

import cv2
import numpy as np
from PIL import Image

from paperasse.training.corpus.render import CARDS, PAGE_MM, degrade, rasterise
from paperasse.training.corpus.scenes import scene, surface
from paperasse.training.corpus.types import Doc

Capture = Literal["digital", "scan", "card_scan", "closeup", "photo"]
SCAN_DPIS = (200, 200, 250, 300)
CARD_SCAN_DPIS = (200, 300, 300, 300)
PHOTO_LONG_SIDES = (1280, 1600, 2048, 2560, 3264, 4032)
CLOSEUP_WIDTHS = (700, 900, 1100, 1400, 2000)
MM_PER_INCH = 25.4


@dataclass(frozen=True)
class Shot:
    """One encoded image of a document, and which of its pages it shows."""

    data: bytes
    mime: str
    pages: tuple[int, ...]


def choose_capture(rng: random.Random, doc: Doc) -> Capture:
    """How a document that was not sent born-digital was captured."""
    if doc.page == "scene":
        return "photo"
    if doc.page in CARDS:
        return rng.choice(("card_scan", "card_scan", "closeup", "photo", "photo"))
    return "photo" if rng.random() < 0.3 else "scan"


def capture(doc: Doc, pdf: bytes | None, how: Capture, rng: random.Random) -> list[Shot]:
    """The images a capture of ``doc`` (rendered as ``pdf``) gives."""
    if doc.page == "scene":
        lines = [b.text for b in doc.blocks if b.text]
        frame = _frame(rng, portrait=rng.random() < 0.4)
        return [Shot(_jpeg(_camera(scene(frame, rng, lines), rng), rng), "image/jpeg", (0,))]
    assert pdf is not None
    count = len(doc.all_pages())
    if how == "scan":
        dpi: float = rng.choice(SCAN_DPIS)
        return [
            Shot(_png(degrade(page, rng), round(dpi)), "image/png", (i,))
            for i, page in enumerate(rasterise(pdf, dpi))
        ]
    if how == "card_scan":
        scan_dpi = rng.choice(CARD_SCAN_DPIS)
        sheet = _on_sheet(rasterise(pdf, scan_dpi, colour=True), scan_dpi, rng)
        return [Shot(_png(degrade(sheet, rng), scan_dpi), "image/png", tuple(range(count)))]
    shown = _shown_pages(doc, rng)
    width_mm = PAGE_MM[doc.page][0]
    if how == "closeup":
        dpi = rng.choice(CLOSEUP_WIDTHS) / width_mm * MM_PER_INCH
        image = _stack([rasterise(pdf, dpi, colour=True)[i] for i in shown])
        return [Shot(_jpeg(_closeup(image, rng), rng), "image/jpeg", shown)]
    long_side = rng.choice(PHOTO_LONG_SIDES)
    share = rng.uniform(0.35, 0.85) if doc.page in CARDS else rng.uniform(0.6, 0.95)
    dpi = long_side * share / width_mm * MM_PER_INCH
    image = _stack([rasterise(pdf, dpi, colour=True)[i] for i in shown])
    photo = _photograph(np.asarray(image, np.float32), long_side, rng)
    return [Shot(_jpeg(photo, rng), "image/jpeg", shown)]


def _shown_pages(doc: Doc, rng: random.Random) -> tuple[int, ...]:
    """A photo shows one side of a card, an open passport, the first page of a sheet."""
    count = len(doc.all_pages())
    if doc.label == "passeport" or count == 1:
        return tuple(range(count))
    if doc.page in CARDS:
        return (rng.randrange(count),)
    return (0,)


def _stack(images: list[Image.Image]) -> Image.Image:
    if len(images) == 1:
        return images[0]
    width = max(image.width for image in images)
    sheet = Image.new("RGB", (width, sum(image.height for image in images)), (250, 250, 250))
    top = 0
    for image in images:
        sheet.paste(image, (0, top))
        top += image.height
    return sheet


def _on_sheet(sides: list[Image.Image], dpi: int, rng: random.Random) -> Image.Image:
    """Card sides laid on a white A4 sheet, as mailrooms and citizens scan them."""
    width, height = (round(mm / MM_PER_INCH * dpi) for mm in PAGE_MM["a4"])
    sheet = Image.new("RGB", (width, height), (255, 255, 255))
    left = rng.randint(int(width * 0.05), int(width * 0.35))
    top = rng.randint(int(height * 0.03), int(height * 0.25))
    for side in sides:
        angle = rng.uniform(-4, 4)
        turned = side.rotate(angle, expand=True, fillcolor=(255, 255, 255))
        sheet.paste(turned, (min(left, width - turned.width), min(top, height - turned.height)))
        top += turned.height + rng.randint(int(height * 0.02), int(height * 0.1))
        if top > height * 0.8:
            break
    return sheet


def _closeup(image: Image.Image, rng: random.Random) -> np.ndarray:
    """A phone-scanner crop of a card: almost flat, a little blur, noise and tilt."""
    turned = image.rotate(rng.uniform(-3, 3), expand=True, fillcolor=(235, 235, 235))
    pixels: np.ndarray = np.asarray(turned, np.float32)
    if rng.random() < 0.6:
        pixels = cv2.GaussianBlur(pixels, (0, 0), rng.uniform(0.3, 1.2))
    noise = np.random.default_rng(rng.getrandbits(32))
    return pixels + noise.normal(0, rng.uniform(1, 6), pixels.shape).astype(np.float32)


def _frame(rng: random.Random, *, portrait: bool) -> tuple[int, int]:
    long_side = rng.choice(PHOTO_LONG_SIDES)
    short = long_side * 3 // 4
    return (long_side, short) if portrait else (short, long_side)


def _photograph(document: np.ndarray, long_side: int, rng: random.Random) -> np.ndarray:
    """The document on a surface, in perspective, turned, then through a phone camera."""
    doc_h, doc_w = document.shape[:2]
    portrait = doc_h > doc_w
    height, width = (long_side, long_side * 3 // 4) if portrait else (long_side * 3 // 4, long_side)
    fit = min(1.0, 0.97 * width / doc_w, 0.97 * height / doc_h)
    jitter = rng.uniform(0.0, 0.09)
    angle = np.deg2rad(max(-12.0, min(12.0, rng.gauss(0.0, 3.5))))
    w, h = doc_w * fit, doc_h * fit
    cx = width / 2 + rng.uniform(-0.5, 0.5) * (width - w) * 0.8
    cy = height / 2 + rng.uniform(-0.5, 0.5) * (height - h) * 0.8
    corners = np.array([[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]])
    turn = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    moved = corners @ turn.T + [cx, cy]
    moved += [
        [rng.uniform(-jitter, jitter) * w, rng.uniform(-jitter, jitter) * h] for _ in range(4)
    ]
    source = np.array([[0, 0], [doc_w, 0], [doc_w, doc_h], [0, doc_h]], np.float32)
    matrix = cv2.getPerspectiveTransform(source, moved.astype(np.float32))
    warped = cv2.warpPerspective(document, matrix, (width, height))
    mask = cv2.warpPerspective(np.ones((doc_h, doc_w), np.float32), matrix, (width, height))
    shadow = cv2.GaussianBlur(np.roll(mask, (6, 6), axis=(0, 1)), (0, 0), 6) * 0.35
    ground = surface((height, width), rng) * (1 - shadow[..., None])
    photo = ground * (1 - mask[..., None]) + warped * mask[..., None]
    if rng.random() < 0.08:
        photo = np.ascontiguousarray(np.rot90(photo, rng.choice((1, 2, 2, 3))))
    return _camera(photo, rng)


def _camera(photo: np.ndarray, rng: random.Random) -> np.ndarray:
    """Uneven light, a shadow, a glare, blur and sensor noise."""
    height, width = photo.shape[:2]
    ys, xs = np.mgrid[0:height, 0:width].astype(np.float32)
    light = (
        1
        + rng.uniform(-0.25, 0.15) * (xs / width - 0.5)
        + rng.uniform(-0.25, 0.15) * (ys / height - 0.5)
    )
    radius = ((xs / width - 0.5) ** 2 + (ys / height - 0.5) ** 2) ** 0.5
    light *= 1 - rng.uniform(0.0, 0.35) * radius
    if rng.random() < 0.35:
        a, b = rng.uniform(-1, 1), rng.uniform(-1, 1)
        side = (a * (xs / width - rng.uniform(0.2, 0.8)) + b * (ys / height - 0.5)) > 0
        edge = cv2.GaussianBlur(side.astype(np.float32), (0, 0), width * 0.01)
        light *= 1 - rng.uniform(0.2, 0.45) * edge
    photo = photo * light[..., None]
    if rng.random() < 0.15:
        spot = np.exp(
            -(
                ((xs / width - rng.random()) ** 2 + (ys / height - rng.random()) ** 2)
                / rng.uniform(0.002, 0.02)
            )
        )
        photo += 120 * spot[..., None]
    if rng.random() < 0.15:
        length = rng.randint(5, 11)
        kernel = np.zeros((length, length), np.float32)
        kernel[length // 2, :] = 1 / length
        photo = cv2.filter2D(photo, -1, kernel)
    elif rng.random() < 0.75:
        photo = cv2.GaussianBlur(photo, (0, 0), rng.uniform(0.3, 1.6))
    noise = np.random.default_rng(rng.getrandbits(32))
    return photo + noise.normal(0, rng.uniform(2, 7), photo.shape).astype(np.float32)


def _jpeg(pixels: np.ndarray, rng: random.Random) -> bytes:
    image = np.clip(pixels, 0, 255).astype(np.uint8)
    ok, data = cv2.imencode(
        ".jpg",
        cv2.cvtColor(image, cv2.COLOR_RGB2BGR),
        [cv2.IMWRITE_JPEG_QUALITY, rng.randint(55, 92)],
    )
    assert ok
    return bytes(data)


def _png(image: Image.Image, dpi: int) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
