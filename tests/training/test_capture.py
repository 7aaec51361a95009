"""Captures of generated documents: phone photos, cards on a sheet, crops, photos of things,
read by the pipeline's own text stage; and the layout cues the generator derives."""

from __future__ import annotations

import io
import random
import re

import numpy as np
import pytest
from faker import Faker
from PIL import Image

from paperasse.training.corpus.capture import PHOTO_LONG_SIDES, Shot, capture
from paperasse.training.corpus.generate import layout_cues, read_shot
from paperasse.training.corpus.render import draw_style, pdf_text, render_pdf
from paperasse.training.corpus.security import guilloche
from paperasse.training.corpus.templates import doc_rng, make_doc
from paperasse.training.corpus.types import Doc


@pytest.fixture(scope="module")
def fake() -> Faker:
    return Faker("fr_FR")


def _doc(
    fake: Faker, label: str, index: int, *, want: str = ""
) -> tuple[Doc, bytes, random.Random]:
    """A rendered document of ``label`` whose variant contains ``want``."""
    for i in range(index, index + 60):
        rng = doc_rng(31, "train", label, i)
        doc = make_doc(fake, rng, label)
        if want in doc.variant:
            pdf = b"" if doc.page == "scene" else render_pdf(doc, draw_style(rng, doc))
            return doc, pdf, rng
    raise AssertionError(f"no {label} {want} in 60 draws")


def _image(shot: Shot) -> Image.Image:
    return Image.open(io.BytesIO(shot.data))


def _words(text: str) -> set[str]:
    return set(re.findall(r"[A-ZÀ-Ü]{4,}", text.upper()))


def test_a_card_photo_is_a_jpeg_of_a_phone_with_the_card_in_it(fake: Faker) -> None:
    doc, pdf, rng = _doc(fake, "carte_identite", 0)
    [shot] = capture(doc, pdf, "photo", rng)
    image = _image(shot)
    assert shot.mime == "image/jpeg" and image.format == "JPEG" and image.mode == "RGB"
    assert max(image.size) in PHOTO_LONG_SIDES
    assert len(shot.pages) == 1  # one side of a card per photo
    pixels = np.asarray(image.convert("L"), np.float32)
    assert pixels.std() > 15  # a card on a surface, not a blank frame


def test_the_same_seed_gives_the_same_capture(fake: Faker) -> None:
    first = capture(*_doc(fake, "passeport", 2)[:2], "photo", doc_rng(1, "x", "y", 0))
    again = capture(*_doc(fake, "passeport", 2)[:2], "photo", doc_rng(1, "x", "y", 0))
    assert first == again


def test_a_card_scanned_on_a_sheet_is_read_by_the_text_stage(fake: Faker) -> None:
    doc, pdf, rng = _doc(fake, "carte_identite", 0, want="cni_2021_both")
    [shot] = capture(doc, pdf, "card_scan", rng)
    image = _image(shot)
    assert shot.mime == "image/png" and image.info.get("dpi") is not None
    assert abs(image.height / image.width - 297 / 210) < 0.05  # an A4 sheet around the card
    assert shot.pages == (0, 1)
    read = read_shot(shot)
    assert len(_words(read) & _words(pdf_text(pdf))) >= 3, read


def test_a_closeup_of_a_passport_keeps_its_pages_and_reads(fake: Faker) -> None:
    doc, pdf, rng = _doc(fake, "passeport", 0, want="fr_2p")
    [shot] = capture(doc, pdf, "closeup", rng)
    assert shot.pages == (0, 1)  # an open booklet: both pages in one image
    image = _image(shot)
    assert image.height > image.width  # the two pages stacked
    assert _words(read_shot(shot)) & _words(pdf_text(pdf))


def test_a_photo_of_things_has_no_document_in_it(fake: Faker) -> None:
    doc, _, rng = _doc(fake, "autre", 0, want="photo")
    [shot] = capture(doc, None, "photo", rng)
    assert shot.mime == "image/jpeg" and max(_image(shot).size) in PHOTO_LONG_SIDES
    read = read_shot(shot)
    caption = " ".join(block.text for block in doc.blocks)
    assert len(_words(read) - _words(caption)) <= 3, read


def test_security_background_is_light_and_busy() -> None:
    image = np.asarray(guilloche((680, 430), random.Random(4)).convert("L"), np.float32)
    assert image.mean() > 170  # the text printed over it stays the darkest thing
    assert image.std() > 4  # lines, not a flat tint
    assert len(np.unique(image)) > 20


def test_cues_follow_what_the_generator_drew(fake: Faker) -> None:
    rng = random.Random(0)
    card, _, _ = _doc(fake, "carte_identite", 0, want="cni_2021_both")
    assert card.mrz == ("td1", "ID") and card.page == "id1"
    found = [layout_cues(card, "closeup", {0, 1}, rng) for _ in range(200)]
    assert 0.6 < sum("mrz:td1" in cues for cues in found) / 200 < 0.9
    assert all(("mrz" in cues) == ("mrz:ID" in cues) for cues in found)
    assert any("format:id1" in cues for cues in found)
    # the MRZ is on the verso: a photo of the recto alone shows none
    assert not any("mrz" in layout_cues(card, "photo", {0}, rng) for _ in range(50))
    bill, _, _ = _doc(fake, "facture_energie", 0)
    bill.twoddoc = "01"
    bill_cues = [layout_cues(bill, "scan", {0}, rng) for _ in range(100)]
    assert any("2ddoc:01" in cues for cues in bill_cues)
    assert not any("mrz" in c or "format:id1" in c for cues in bill_cues for c in cues)
    bill.twoddoc = None
    assert not any(layout_cues(bill, "digital", {0}, rng) for _ in range(50))
