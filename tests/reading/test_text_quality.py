"""When a PDF text layer is trusted, and when a page image counts as blank."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from paperasse.reading.quality import (
    ink_ratio,
    is_clearly_blank,
    is_usable_text_layer,
    text_layer_problem,
)
from tests.pagemaker import PageMaker

PROSE = (
    "Je vous prie de bien vouloir trouver ci-joint ma demande de permis de construire "
    "pour l'extension de ma maison située au 12 rue des Lilas à Saint-Étienne. Les "
    "pièces justificatives sont jointes : plan de masse, plan de coupe et notice "
    "descriptive du projet. Veuillez agréer, Madame, Monsieur, mes salutations."
)


def _shift(text: str, by: int) -> str:
    """What a broken font encoding does: every letter replaced by another one."""
    return "".join(chr((ord(c) - 97 + by) % 26 + 97) if "a" <= c <= "z" else c for c in text)


def test_french_prose_is_usable() -> None:
    assert is_usable_text_layer(PROSE)


def test_a_page_of_figures_is_usable() -> None:
    table = "Désignation Qté Prix\n" + "\n".join(f"{i} 12,50 € {i * 12.5:.2f} €" for i in range(30))
    assert text_layer_problem(table) is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("  \n\t ", "empty"),
        ("(cid:12)(cid:34)(cid:56)(cid:78) (cid:90)", "cid-glyphs"),
        ("Mai\ufffd\ufffdie de \ufffd\ufffd\ufffd", "unmapped-glyphs"),
        ("\ue000\ue001\ue002 \ue003\ue004 texte", "unmapped-glyphs"),
        ("¤¦¨© ª¬®¯ ±² ¤¦¨© ª¬", "symbols"),
        ("Пожалуйста найдите прилагаемое заявление", "foreign-script"),
        (_shift(PROSE, 3), "unlikely-letters"),
    ],
)
def test_broken_text_layers_are_refused(text: str, reason: str) -> None:
    assert text_layer_problem(text) == reason
    assert not is_usable_text_layer(text)


def test_a_stamp_on_a_scan_does_not_count_as_the_page_text() -> None:
    assert text_layer_problem("Reçu le 12/03/2024", image_coverage=0.95) == "too-short-for-scan"
    # The same words on a page without images are the page's whole content.
    assert text_layer_problem("Reçu le 12/03/2024", image_coverage=0.0) is None
    # A searchable scan with a full text layer is fine.
    assert text_layer_problem(PROSE, image_coverage=1.0) is None


def test_grain_and_speckles_are_not_ink(pages: PageMaker) -> None:
    blank = pages.blank_scan()
    assert is_clearly_blank(blank, dpi=150)
    assert is_clearly_blank(blank.resize((2480, 3508)), dpi=300)


def test_one_short_line_is_ink(pages: PageMaker) -> None:
    page = Image.new("L", (2480, 3508), 255)
    page.paste(pages.text_page(["Oui, lu et approuvé."], size=(1200, 300)), (600, 1500))
    assert not is_clearly_blank(page, dpi=300)
    assert ink_ratio(page, dpi=300) > 0


def test_scanner_edges_are_not_ink() -> None:
    page = Image.new("L", (1240, 1754), 255)
    draw = ImageDraw.Draw(page)
    draw.rectangle((0, 0, 20, 1754), fill=0)  # the dark edge of a copier lid
    draw.rectangle((0, 1730, 1240, 1754), fill=0)
    assert is_clearly_blank(page, dpi=150)
