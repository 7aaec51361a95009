"""read_mrz on drawn cards and passport pages: real OpenCV, real Tesseract."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytesseract
import pytest
from PIL import Image

from paperasse.models.domain import ReadField, Word
from paperasse.reading.mrz import document_type_hint, mrz_fields, parse_mrz, read_mrz
from tests.pagemaker import PageMaker
from tests.reading.mrzcards import build_td2, document, on_a4, photo
from tests.reading.test_entities_support import build_cni_1988, build_td1, build_td3

TODAY = dt.date(2026, 3, 1)
BIRTH = dt.date(1990, 5, 17)
EXPIRY = dt.date(2031, 8, 1)


def _values(fields: list[ReadField]) -> dict[str, str]:
    return {f.name: f.value for f in fields}


@pytest.fixture
def tesseract_calls(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts the Tesseract runs (the real ones: the function is only wrapped)."""
    calls: list[int] = []
    real = pytesseract.image_to_string

    def counted(*args: object, **kwargs: object) -> str:
        calls.append(1)
        text: str = real(*args, **kwargs)  # type: ignore[arg-type]
        return text

    monkeypatch.setattr(pytesseract, "image_to_string", counted)
    return calls


def test_new_identity_card_on_a_security_background() -> None:
    lines = build_td1("MARTIN", ["MAELYS", "GAELLE"], "X4RTBPFW4", BIRTH, "F", EXPIRY)
    result = read_mrz(document(lines, guilloche=True), today=TODAY)
    assert result is not None and result.valid and result.confirmed
    fields = mrz_fields(result, page=2)
    assert _values(fields) == {
        "surname": "MARTIN", "given_names": "Maelys Gaelle", "document_number": "X4RTBPFW4",
        "birth_date": "1990-05-17", "expiry_date": "2031-08-01", "nationality": "FRA",
        "sex": "F", "issuing_state": "FRA", "document_code": "ID", "mrz_format": "td1",
    }  # fmt: skip
    assert {(f.source, f.page) for f in fields} == {("mrz", 2)}
    assert all(f.confidence in (0.99, 0.95) for f in fields)
    assert document_type_hint(result) == "carte_identite"


def test_old_identity_card_small_and_tilted_on_an_a4_scan() -> None:
    lines = build_cni_1988("DUPONT", ["JEAN", "LUC"], dt.date(2012, 9, 1), "693", 4521, BIRTH,
                           "M")  # fmt: skip
    result = read_mrz(on_a4(document(lines), dpi=200, tilt=3.0), today=TODAY)
    assert result is not None and result.format == "cni_1988" and result.confirmed
    fields = {f.name: f for f in mrz_fields(result)}
    assert fields["surname"].value == "DUPONT" and fields["given_names"].value == "Jean Luc"
    assert fields["document_number"].value == "120969304521"
    # No expiry in this MRZ: derived from the issue month, and said so.
    expiry = fields["expiry_date"]
    assert expiry.value == "2027-09-30" and expiry.confidence == 0.7
    assert "déduite" in expiry.text


def test_passport_page_photographed_on_a_table() -> None:
    lines = build_td3("DE LA FONTAINE", ["JEAN", "PIERRE"], "21AB34567", BIRTH, "M", EXPIRY)
    image = photo(document(lines, guilloche=True), blur=1.2)
    result = read_mrz(image, today=TODAY)
    assert result is not None and result.format == "td3"
    values = _values(mrz_fields(result))
    assert values["surname"] == "DE LA FONTAINE" and values["given_names"] == "Jean Pierre"
    assert (values["document_number"], values["birth_date"]) == ("21AB34567", "1990-05-17")
    assert document_type_hint(result) == "passeport"


def test_card_upside_down_is_read_turned() -> None:
    lines = build_td1("MARTIN", ["PAUL"], "Y7PQ12AB3", BIRTH, "M", EXPIRY)
    result = read_mrz(document(lines).rotate(180), today=TODAY)
    assert result is not None and result.document_number == "Y7PQ12AB3"
    assert result.surname == "MARTIN" and result.given_names == ("PAUL",)


def test_residence_permit_td2() -> None:
    lines = build_td2("DIALLO", ["AMINATA"], "AB1234567", BIRTH, "F", EXPIRY)
    result = read_mrz(document(lines, guilloche=True), today=TODAY)
    assert result is not None and result.format == "td2"
    assert (result.surname, result.nationality, result.document_code) == ("DIALLO", "SEN", "IR")
    assert document_type_hint(result) == "titre_sejour"


def test_a_name_ending_in_k_keeps_its_k() -> None:
    # K weighs as a filler in check digits: only the glyph's shape tells them apart.
    lines = build_td1("NOWAK", ["JAN", "KAROL"], "K0K0K0K0K", BIRTH, "M", EXPIRY)
    result = read_mrz(document(lines), today=TODAY)
    assert result is not None
    assert (result.surname, result.given_names) == ("NOWAK", ("JAN", "KAROL"))


def test_a_wrong_check_digit_gives_no_fields() -> None:
    lines = build_td1("MARTIN", ["MARIE"], "X4RTBPFW4", BIRTH, "F", EXPIRY)
    lines[1] = lines[1][:6] + str((int(lines[1][6]) + 1) % 10) + lines[1][7:]  # birth check
    assert read_mrz(document(lines), today=TODAY) is None
    as_read = parse_mrz(lines, today=TODAY)
    assert as_read is not None and not as_read.valid
    assert mrz_fields(as_read) == [] and document_type_hint(as_read) is None


def test_a_letter_is_dismissed_without_ocr(pages: PageMaker, tesseract_calls: list[int]) -> None:
    assert read_mrz(pages.text_page(pages.letter), today=TODAY) is None
    noise = np.random.default_rng(1).integers(0, 255, (900, 1200), dtype=np.uint8)
    assert read_mrz(Image.fromarray(noise), today=TODAY) is None
    assert tesseract_calls == []  # no band fit an MRZ grid with fillers: nothing to OCR


def test_words_showing_an_mrz_stand_in_for_an_unreadable_image() -> None:
    lines = build_td3("ERIKSSON", ["ANNA", "MARIA"], "L898902C3", BIRTH, "F", EXPIRY)
    words = [Word(text=line, confidence=80.0, left=40, top=600 + 50 * i, width=1100, height=40)
             for i, line in enumerate(lines)]  # fmt: skip
    blank = Image.new("L", (1240, 800), 255)
    result = read_mrz(blank, words, today=TODAY)
    assert result is not None and result.surname == "ERIKSSON"
    # Read once only (the image shows nothing to read it again): names are not trusted.
    assert not result.confirmed
    names = [f for f in mrz_fields(result) if f.name in ("surname", "given_names")]
    assert names and all(f.confidence < 0.8 for f in names)
