"""Decode uploaded images (multi-page TIFF, JPEG, PNG) into upright grayscale pages.

Copiers send multi-page TIFFs (often 1-bit), phones send JPEGs whose pixels lie on
their side with an EXIF tag saying how to turn them. Every frame comes out as a
grayscale ("L") image in reading orientation, ready for OCR.

Pillow's decompression-bomb guard stays on: ``Image.MAX_IMAGE_PIXELS`` is set to the
caller's limit for the duration of a decode (process-wide, as Pillow only offers a
global; workers decode one document at a time) and its warning is raised as an error.
Every failure comes out as ``UnreadableDocumentError`` with a French message.
"""

from __future__ import annotations

import io
import logging
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from paperasse.errors import UnreadableDocumentError

log = logging.getLogger(__name__)

IMAGE_MIMES = frozenset({"image/tiff", "image/jpeg", "image/png"})


def too_many_pages(count: int, limit: int) -> UnreadableDocumentError:
    """The error for a document longer than the page limit (shared with PDFs)."""
    return UnreadableDocumentError(
        f"Le document compte {count} pages ; la limite est de {limit}. "
        "Découpez-le avant de le déposer.",
        details={"pages": count, "max_pages": limit},
    )


def too_many_pixels(pixels: int, limit: int) -> UnreadableDocumentError:
    """The error for an image larger than the pixel limit."""
    return UnreadableDocumentError(
        f"L'image est trop grande ({pixels / 1e6:.0f} mégapixels ; la limite est de "
        f"{limit / 1e6:.0f}). Réduisez sa résolution avant de la déposer.",
        details={"pixels": pixels, "max_pixels": limit},
    )


def _unreadable_image() -> UnreadableDocumentError:
    return UnreadableDocumentError(
        "L'image est illisible ou incomplète (fichier tronqué ou endommagé). "
        "Déposez-la à nouveau ou numérisez de nouveau le document."
    )


@contextmanager
def pixel_guard(max_pixels: int) -> Iterator[None]:
    """Decode under Pillow's bomb guard set to ``max_pixels``; translate its errors."""
    previous = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = max_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            yield
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as e:
        raise UnreadableDocumentError(
            "L'image est trop grande pour être traitée sans risque. "
            "Réduisez sa résolution avant de la déposer.",
            details={"max_pixels": max_pixels},
        ) from e
    finally:
        Image.MAX_IMAGE_PIXELS = previous


def count_frames(data: bytes, *, max_pixels: int) -> int:
    """Number of pages (frames) in an image file, without decoding the pixels."""
    with pixel_guard(max_pixels):
        try:
            with Image.open(io.BytesIO(data)) as image:
                return int(getattr(image, "n_frames", 1))
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
            raise _unreadable_image() from e


def iter_image_pages(
    data: bytes, *, max_pages: int, max_pixels: int, gray: bool = True
) -> Iterator[tuple[Image.Image, int | None]]:
    """Yield each frame as an upright image with its resolution (dpi) if known.

    Frames come in grayscale for OCR, or (``gray=False``) as "L" or "RGB" to rebuild a
    faithful PDF. They are decoded one at a time, so a long TIFF never sits whole in
    memory.
    """
    with pixel_guard(max_pixels):
        try:
            image = Image.open(io.BytesIO(data))
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as e:
            raise _unreadable_image() from e
    try:
        frames = int(getattr(image, "n_frames", 1))
        if frames > max_pages:
            raise too_many_pages(frames, max_pages)
        for index in range(frames):
            with pixel_guard(max_pixels):
                try:
                    image.seek(index)
                    pixels = image.width * image.height
                    if pixels > max_pixels:
                        raise too_many_pixels(pixels, max_pixels)
                    page = to_upright_gray(image) if gray else to_upright(image)
                    dpi = image_dpi(image)
                except (OSError, SyntaxError, ValueError, EOFError) as e:
                    raise _unreadable_image() from e
            yield page, dpi
    finally:
        image.close()


@dataclass(frozen=True)
class DirectImage:
    """A single-page upload Tesseract can read as it is: its size, dpi and file suffix."""

    size: tuple[int, int]
    dpi: int | None
    suffix: str


DIRECT_FORMATS = {"PNG": ".png", "JPEG": ".jpg"}
DIRECT_MODES = frozenset({"1", "L", "RGB"})
EXIF_ORIENTATION = 0x0112
END_MARKERS = {".png": b"IEND\xaeB`\x82", ".jpg": b"\xff\xd9"}


def direct_image(data: bytes, *, max_pixels: int) -> DirectImage | None:
    """Describe a PNG or JPEG that needs no decoding before OCR, or return None.

    It must be one upright frame (no EXIF turn), in bilevel, gray or RGB without
    transparency, within ``max_pixels``, and complete (a PNG ends with its IEND chunk,
    a JPEG with its end-of-image marker), so that a truncated upload is still refused
    instead of being read in part. Only headers are read: this must stay far cheaper
    than decoding.
    """
    try:
        with pixel_guard(max_pixels), Image.open(io.BytesIO(data)) as image:
            suffix = DIRECT_FORMATS.get(image.format or "")
            if (
                suffix is None
                or image.mode not in DIRECT_MODES
                or "transparency" in image.info
                or image.width * image.height > max_pixels
                or _orientation(image, data) != 1
                or not data.rstrip(b"\0").endswith(END_MARKERS[suffix])
            ):
                return None
            return DirectImage(image.size, image_dpi(image), suffix)
    except (UnreadableDocumentError, UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return None  # the full decode will say what is wrong, in French


def _orientation(image: Image.Image, data: bytes) -> int:
    """EXIF orientation read from the headers only (1 when absent, 0 when unknown)."""
    if image.format == "JPEG":
        return int(image.getexif().get(EXIF_ORIENTATION, 1))
    raw = image.info.get("exif")
    if raw is None:
        # Pillow's PNG getexif() decodes the whole image to look for an eXIf chunk
        # after the pixels; a byte search is enough to know there is none.
        return 0 if b"eXIf" in data else 1
    exif = Image.Exif()
    exif.load(raw)
    return int(exif.get(EXIF_ORIENTATION, 1))


def first_page(data: bytes, *, max_pixels: int) -> Image.Image:
    """Decode the first frame of an image file, upright and in grayscale."""
    for image, _ in iter_image_pages(data, max_pages=1, max_pixels=max_pixels):
        return image
    raise _unreadable_image()


def to_upright_gray(frame: Image.Image) -> Image.Image:
    """Decode one frame, honour its EXIF orientation and return it in grayscale."""
    if frame.format == "JPEG" and frame.mode in ("RGB", "YCbCr", "CMYK"):
        frame.draft("L", frame.size)  # let libjpeg decode luminance only: faster
    frame.load()
    upright = ImageOps.exif_transpose(frame) or frame
    return _gray(upright)


def to_upright(frame: Image.Image) -> Image.Image:
    """Decode one frame in reading orientation, as "L" (gray or bilevel) or "RGB"."""
    frame.load()
    upright = ImageOps.exif_transpose(frame) or frame
    if upright.mode in ("1", "L") or upright.mode.startswith("I"):
        return _gray(upright)
    if upright.mode in ("RGBA", "LA", "PA") or "transparency" in upright.info:
        rgba = upright.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    return upright.convert("RGB")


def _gray(image: Image.Image) -> Image.Image:
    if image.mode == "L":
        return image
    if image.mode.startswith("I"):
        # 16/32-bit scans: scale to 8 bits instead of clipping everything to white.
        arr = np.asarray(image, dtype=np.float64)
        top = float(arr.max()) or 1.0
        return Image.fromarray((arr * (255.0 / top)).astype(np.uint8), mode="L")
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        # Transparent areas are paper, not ink: flatten onto white.
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("L")
    return image.convert("L")


def image_dpi(image: Image.Image) -> int | None:
    """The resolution recorded in an image file, if plausible (50-2400 dpi)."""
    dpi = image.info.get("dpi")
    if isinstance(dpi, tuple) and dpi and dpi[0]:
        value = round(float(dpi[0]))
        if 50 <= value <= 2400:
            return value
    return None
