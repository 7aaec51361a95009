"""OCR of scanned pages with the real Tesseract: text, confidence, words, orientation."""

from __future__ import annotations

import pytest
from PIL import Image

from paperasse.models.domain import PageText
from paperasse.reading.text import extract_pages
from tests.pagemaker import PageMaker


def _lines_of_words(page: PageText) -> list[list[tuple[int, int]]]:
    """Group word boxes (left, top) into lines by their vertical position."""
    lines: list[list[tuple[int, int]]] = []
    for word in page.words:
        if lines and abs(lines[-1][-1][1] - word.top) < word.height:
            lines[-1].append((word.left, word.top))
        else:
            lines.append([(word.left, word.top)])
    return lines


def test_scanned_page_is_read_with_confidence_and_words(pages: PageMaker) -> None:
    scan = pages.text_page(pages.letter, tilt=1.2, noise=8.0)
    [page] = extract_pages(pages.png(scan), "image/png")
    assert page.source == "ocr"
    assert page.number == 1
    assert pages.similarity(page.text, "\n".join(pages.letter)) > 0.95
    assert page.ocr_confidence is not None
    assert page.ocr_confidence > 70
    assert (page.width, page.height) == scan.size
    assert page.rotation == 0
    assert not page.blank
    words = {w.text for w in page.words}
    assert {"permis", "construire", "Saint-Étienne."} <= words
    for word in page.words:
        assert 0 <= word.confidence <= 100
        assert 0 <= word.left < page.width and 0 <= word.top < page.height
        assert word.width > 0 and word.height > 0
    # Lines come in reading order: the text keeps the letter's line order.
    assert page.text.index("Madame") < page.text.index("permis") < page.text.index("Dupont")


@pytest.mark.parametrize(
    ("stored", "rotation"),
    [
        (Image.Transpose.ROTATE_180, 180),
        (Image.Transpose.ROTATE_90, 90),  # turned a quarter anticlockwise: righted clockwise
        (Image.Transpose.ROTATE_270, 270),
    ],
)
def test_turned_pages_are_righted(pages: PageMaker, stored: Image.Transpose, rotation: int) -> None:
    upright = pages.text_page(pages.letter, noise=6.0)
    [page] = extract_pages(pages.png(upright.transpose(stored)), "image/png")
    assert page.rotation == rotation
    assert pages.similarity(page.text, "\n".join(pages.letter)) > 0.95
    # Sizes and word boxes are those of the righted page: lines run left to right,
    # top to bottom.
    assert (page.width, page.height) == upright.size
    lines = _lines_of_words(page)
    assert len(lines) >= len(pages.letter) - 1
    for line in lines:
        lefts = [left for left, _ in line]
        assert lefts == sorted(lefts)
    tops = [line[0][1] for line in lines]
    assert tops == sorted(tops)


def test_sparse_page_is_kept_as_it_is(pages: PageMaker) -> None:
    """OSD cannot judge two words; the page keeps its orientation and its text."""
    page_image = pages.text_page(["Annexe 2"], size=(1240, 600), font_px=60)
    [page] = extract_pages(pages.png(page_image), "image/png")
    assert page.rotation == 0
    assert "Annexe" in page.text
    assert not page.blank


def test_blank_scan_is_blank_without_words(pages: PageMaker) -> None:
    [page] = extract_pages(pages.png(pages.blank_scan()), "image/png")
    assert page.blank
    assert page.text == ""
    assert page.words == []
    assert page.ocr_confidence is None
    assert (page.width, page.height) == (1240, 1754)


def test_page_with_only_dust_is_blank(pages: PageMaker) -> None:
    """A few dark specks pass the ink check but OCR finds no word: still blank."""
    sheet = pages.blank_scan()
    for x, y in [(300, 400), (900, 1200), (500, 1500)]:
        sheet.paste(0, (x, y, x + 12, y + 12))
    [page] = extract_pages(pages.png(sheet), "image/png")
    assert page.blank
    assert not any(c.isalpha() for c in page.text)


def test_blank_jpeg_is_blank(pages: PageMaker) -> None:
    """An upright JPEG goes to Tesseract as it is; finding no word, it is checked blank."""
    [page] = extract_pages(pages.jpeg(pages.blank_scan()), "image/jpeg")
    assert page.blank
    assert page.words == [] or not any(c.isalpha() for c in page.text)
