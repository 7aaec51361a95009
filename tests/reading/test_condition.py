"""Conditioning before OCR, with the real Tesseract: what is read once photos are righted.

Every document is drawn here and then made to look like what citizens send (a card on a
table, turned, small, mirrored, on a security background; a tilted letter; a bill in a
shadow). The time budget is generous: the machine is shared, and these tests are about
what ends up read, not about how fast.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from paperasse.models.domain import PageText
from paperasse.reading.images import first_page
from paperasse.reading.ocr import PageSource, ocr_page, ocr_source
from paperasse.reading.text import extract_pages
from tests.pagemaker import PageMaker
from tests.reading import photos

BUDGET = 30.0
TILTED_ON_TABLE = [(520, 330), (1080, 170), (1230, 520), (640, 700)]


def _read(data: bytes, mime: str, **options: object) -> PageText:
    [page] = extract_pages(data, mime, condition_seconds=BUDGET, **options)  # type: ignore[arg-type]
    assert page.quality is not None
    return page


def _found(page: PageText, words: set[str]) -> set[str]:
    return {word for word in words if word in page.text}


def _boxes_inside(page: PageText) -> bool:
    return all(
        w.left >= 0 and w.top >= 0
        and w.left + w.width <= page.width and w.top + w.height <= page.height
        for w in page.words
    )  # fmt: skip


def test_card_photographed_tilted_on_a_table_is_cropped_and_read() -> None:
    photo = photos.on_table(photos.card(), TILTED_ON_TABLE)
    page = _read(photos.jpeg(photo, quality=50), "image/jpeg")
    assert page.quality is not None
    assert _found(page, photos.CARD_WORDS) == photos.CARD_WORDS
    assert "crop" in page.quality.conditioning
    assert any(step.startswith("upscale") for step in page.quality.conditioning)
    # The page is the card flattened to a rectangle, and the boxes are in its pixels.
    assert 1.4 < page.width / page.height < 1.8
    assert _boxes_inside(page)
    assert page.quality.verdict == "lisible"


def test_card_on_a_security_background_is_read() -> None:
    page = _read(photos.png(photos.card(security=True)), "image/png")
    assert page.quality is not None
    assert _found(page, photos.CARD_WORDS) == photos.CARD_WORDS
    assert "flatten-background" in page.quality.conditioning
    assert "threshold-dark" in page.quality.conditioning


def test_small_card_is_enlarged_before_reading() -> None:
    page = _read(photos.jpeg(photos.shrink(photos.card(), 240), quality=80), "image/jpeg")
    assert page.quality is not None
    assert _found(page, photos.CARD_WORDS) >= {"MOREAU", "Camille", "LYON"}
    assert any(step.startswith("upscale") for step in page.quality.conditioning)
    assert page.width > 240 * 2


@pytest.mark.parametrize(
    ("stored", "rotation"),
    [
        (Image.Transpose.ROTATE_180, 180),
        (Image.Transpose.ROTATE_90, 90),  # turned a quarter anticlockwise: righted clockwise
        (Image.Transpose.ROTATE_270, 270),
    ],
)
def test_turned_card_is_righted(stored: Image.Transpose, rotation: int) -> None:
    page = _read(photos.png(photos.card().transpose(stored)), "image/png")
    assert page.quality is not None
    assert page.rotation == rotation
    assert f"turn {rotation}" in page.quality.conditioning
    assert _found(page, photos.CARD_WORDS) == photos.CARD_WORDS
    assert page.width > page.height  # the card lies landscape again
    assert _boxes_inside(page)


def test_mirrored_card_from_a_selfie_camera_is_read() -> None:
    selfie = photos.card().transpose(Image.Transpose.FLIP_LEFT_RIGHT)
    page = _read(photos.jpeg(selfie, quality=80), "image/jpeg")
    assert page.quality is not None
    assert "mirror" in page.quality.conditioning
    assert _found(page, photos.CARD_WORDS) == photos.CARD_WORDS


def test_tilted_letter_is_levelled(pages: PageMaker) -> None:
    scan = pages.text_page(pages.letter, tilt=8.0, noise=6.0)
    page = _read(pages.png(scan), "image/png")
    assert page.quality is not None
    [deskew] = [s for s in page.quality.conditioning if s.startswith("deskew")]
    assert abs(float(deskew.split()[1]) + 8.0) < 1.0
    assert pages.similarity(page.text, "\n".join(pages.letter)) > 0.9
    assert page.rotation == 0


def test_bill_in_a_shadow_is_read() -> None:
    photo = photos.shadow(photos.bill(), darkest=0.15)
    page = _read(photos.jpeg(photo, quality=60), "image/jpeg")
    assert page.quality is not None
    assert len(_found(page, photos.BILL_WORDS)) >= 4
    assert page.quality.verdict == "lisible"


def test_clean_page_is_read_once_and_decoded_only_when_asked(pages: PageMaker) -> None:
    scan = pages.text_page(pages.letter, noise=6.0)
    data = pages.png(scan)
    decodes: list[int] = []

    def decode() -> Image.Image:
        decodes.append(1)
        return first_page(data, max_pixels=60_000_000)

    source = PageSource(encoded=data, suffix=".png", decode=decode, size=scan.size, dpi=300)
    images: dict[int, object] = {}
    page = ocr_source(source, number=1, on_image=lambda n, image: images.update({n: image}))
    assert page.quality is not None
    assert page.quality.verdict == "lisible"
    assert page.quality.conditioning == []
    assert page.quality.sharpness is None  # not decoded to be measured
    assert decodes == []
    image = images[1]()  # type: ignore[operator]
    assert decodes == [1]
    assert image.mode == "L"
    assert image.size == (page.width, page.height) == scan.size


def test_on_image_gives_the_page_as_read_upright_and_not_thresholded() -> None:
    photo = photos.on_table(photos.card(), TILTED_ON_TABLE)
    images: dict[int, Image.Image] = {}
    page = _read(
        photos.jpeg(photo, quality=50),
        "image/jpeg",
        on_image=lambda n, image: images.update({n: image()}),
    )
    image = images[1]
    assert image.mode == "L"
    assert image.size == (page.width, page.height)
    assert len(np.unique(np.asarray(image))) > 32  # gray levels, not black and white
    # Upright and cropped: read again as it is, the card gives its words at once.
    again = ocr_page(image, number=1, condition_seconds=0)
    assert _found(again, photos.CARD_WORDS) >= {"MOREAU", "Camille", "LYON"}


def test_without_a_budget_a_page_is_read_once_as_it_is() -> None:
    photo = photos.on_table(photos.card(), TILTED_ON_TABLE)
    [page] = extract_pages(photos.jpeg(photo, quality=50), "image/jpeg", condition_seconds=0)
    assert page.quality is not None
    assert page.quality.conditioning == []
    assert (page.width, page.height) == photo.size


def test_scanned_pdf_page_is_conditioned_too(pages: PageMaker) -> None:
    """A phone photo wrapped in a PDF (scanner apps do that) goes through the same path."""
    photo = photos.on_table(photos.card(), TILTED_ON_TABLE)
    out = io.BytesIO()
    photo.convert("L").save(out, format="PNG")
    pdf = pages.scan_pdf([Image.open(io.BytesIO(out.getvalue()))], dpi=150)
    page = _read(pdf, "application/pdf", dpi=150)
    assert page.quality is not None
    assert "crop" in page.quality.conditioning
    assert _found(page, photos.CARD_WORDS) >= {"MOREAU", "Camille", "LYON"}
