"""Quality verdicts of OCRed pages, with the real Tesseract, on documents drawn here.

A clean scan must be readable; a blurred or shaken phone photo of a bill, a photo taken
in the dark, a document far too small in the frame or cut by its edge must not be,
and each is told why in French.
"""

from __future__ import annotations

from typing import get_args

import numpy as np

from paperasse.models.domain import PageText, QualityVerdict
from paperasse.reading.condition import as_array
from paperasse.reading.page_quality import VERY_BLURRED, measure_image, retake_advice
from paperasse.reading.text import extract_pages
from tests.pagemaker import PageMaker
from tests.reading import photos

BILL_ON_TABLE = [(500, 120), (1420, 170), (1480, 1460), (430, 1420)]


def _page(data: bytes, mime: str) -> PageText:
    [page] = extract_pages(data, mime, condition_seconds=10.0)
    assert page.quality is not None
    return page


def test_clean_scan_is_readable_and_says_why(pages: PageMaker) -> None:
    scan = pages.text_page(pages.letter + pages.letter, size=(2480, 3508), noise=6.0)
    page = _page(pages.tiff([scan]), "image/tiff")  # decoded, so every measure is taken
    quality = page.quality
    assert quality is not None
    assert quality.verdict == "lisible"
    assert quality.sharpness is not None and quality.sharpness > 3 * VERY_BLURRED
    assert quality.brightness is not None and quality.brightness > 200
    assert quality.ocr_confidence is not None and quality.ocr_confidence > 85
    assert quality.text_density is not None and quality.text_density > 50
    assert quality.coverage is not None and 0 < quality.coverage <= 1
    assert quality.conditioning == []


def test_photo_of_a_bill_on_a_table_is_readable() -> None:
    photo = photos.on_table(photos.bill(), BILL_ON_TABLE, size=(1900, 1600))
    page = _page(photos.jpeg(photo, quality=70), "image/jpeg")
    assert page.quality is not None
    assert page.quality.verdict == "lisible"
    assert page.quality.sharpness is not None  # a JPEG is always measured


def test_blurred_phone_photo_of_a_bill_is_blurred() -> None:
    photo = photos.blur(photos.on_table(photos.bill(), BILL_ON_TABLE, size=(1900, 1600)), 5.0)
    page = _page(photos.jpeg(photo, quality=70), "image/jpeg")
    assert page.quality is not None
    assert page.quality.verdict == "floue"
    assert page.quality.sharpness is not None and page.quality.sharpness < VERY_BLURRED


def test_slightly_blurred_bill_misread_with_confidence_is_blurred() -> None:
    """Tesseract reads it with a mean confidence near 90 and wrong letters."""
    page = _page(photos.jpeg(photos.blur(photos.bill(), 3.8), quality=80), "image/jpeg")
    assert page.quality is not None
    assert page.quality.verdict == "floue"


def test_shaken_photo_is_blurred() -> None:
    page = _page(photos.jpeg(photos.shake(photos.bill(), 25), quality=80), "image/jpeg")
    assert page.quality is not None
    assert page.quality.verdict == "floue"


def test_photo_taken_in_the_dark_is_too_dark() -> None:
    page = _page(photos.jpeg(photos.underexpose(photos.bill(), gain=0.12)), "image/jpeg")
    assert page.quality is not None
    assert page.quality.verdict == "trop_sombre"
    assert page.quality.brightness is not None and page.quality.brightness < 45


def test_blank_scan_is_empty(pages: PageMaker) -> None:
    page = _page(pages.png(pages.blank_scan()), "image/png")
    assert page.blank
    assert page.quality is not None
    assert page.quality.verdict == "vide"


def test_photo_of_a_thing_is_empty() -> None:
    page = _page(photos.jpeg(photos.thing(), quality=80), "image/jpeg")
    assert page.quality is not None
    assert page.quality.verdict == "vide"


def test_document_far_too_small_in_the_frame_is_too_small() -> None:
    tiny = photos.shrink(photos.bill(), 180)  # letters of 5 px
    photo = photos.on_table(tiny, [(800, 500), (980, 504), (976, 756), (796, 752)])
    page = _page(photos.jpeg(photo, quality=80), "image/jpeg")
    assert page.quality is not None
    assert page.quality.verdict == "trop_petite"


def test_page_cut_by_the_edges_of_the_photo_is_cut() -> None:
    cut = photos.bill().crop((300, 0, 1000, 1754))
    page = _page(photos.png(cut), "image/png")
    assert page.quality is not None
    assert page.quality.verdict == "coupee"


def test_every_verdict_has_its_own_french_advice() -> None:
    verdicts = get_args(QualityVerdict)
    advice = {verdict: retake_advice(verdict) for verdict in verdicts}
    assert len(set(advice.values())) == len(verdicts)
    assert advice["floue"] == (
        "Votre photo est floue : reprenez-la à plat, bien éclairée, sans reflet."
    )
    for sentence in advice.values():
        assert sentence.endswith(".") and " : " in sentence


def test_sharpness_does_not_depend_on_resolution() -> None:
    bill = photos.bill()
    small = photos.shrink(bill, 800)
    sharp, sharp_small = (measure_image(as_array(b.convert("L"))).sharpness for b in (bill, small))
    assert sharp > 10 * VERY_BLURRED and sharp_small > 10 * VERY_BLURRED
    assert 0.4 < sharp_small / sharp < 2.5
    # The same blur, relative to the letters, gives the same verdict at both sizes.
    blurred = measure_image(as_array(photos.blur(bill, 4.5).convert("L"))).sharpness
    blurred_small = measure_image(
        as_array(photos.blur(small, 4.5 * 800 / bill.width).convert("L"))
    ).sharpness
    assert blurred < VERY_BLURRED and blurred_small < VERY_BLURRED


def test_measures_ignore_uneven_light() -> None:
    bill = as_array(photos.bill().convert("L"))
    shadowed = as_array(photos.shadow(photos.bill(), darkest=0.3).convert("L"))
    even, uneven = measure_image(bill), measure_image(shadowed)
    assert uneven.sharpness > 10 * VERY_BLURRED
    assert uneven.brightness < even.brightness
    assert np.isclose(even.text_px or 0, uneven.text_px or 0, rtol=0.2)
