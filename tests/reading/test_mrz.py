"""MRZ parsing: each format, check digits, derived expiry and OCR repairs."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from paperasse.reading.entities import check_digit, parse_mrz
from tests.reading.test_entities_support import (
    build_cni_1988,
    build_td1,
    build_td3,
    icao_digit,
)

TODAY = dt.date(2026, 3, 1)
BIRTH = dt.date(1990, 5, 17)
EXPIRY = dt.date(2031, 8, 1)


def _swap(line: str, index: int, char: str) -> str:
    return line[:index] + char + line[index + 1 :]


def test_check_digit_matches_the_icao_rule() -> None:
    for data in ["L898902C3", "740812", "D23145890", "<<<<", "AB12<<CD", "120415"]:
        assert check_digit(data) == icao_digit(data)


def test_icao_specimen_passport_reads_with_all_checks() -> None:
    mrz = parse_mrz(
        [
            "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<",
            "L898902C36UTO7408122F1204159ZE184226B<<<<<10",
        ],
        today=TODAY,
    )
    assert mrz is not None and mrz.valid and mrz.format == "td3"
    assert (mrz.surname, mrz.given_names) == ("ERIKSSON", ("ANNA", "MARIA"))
    assert mrz.birth_date == dt.date(1974, 8, 12) and mrz.expiry_date == dt.date(2012, 4, 15)
    assert (mrz.document_number, mrz.nationality, mrz.sex) == ("L898902C3", "UTO", "F")


def test_french_passport_td3() -> None:
    lines = build_td3("DE LA FONTAINE", ["JEAN", "PIERRE"], "21AB34567", BIRTH, "M", EXPIRY)
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.valid
    assert mrz.surname == "DE LA FONTAINE" and mrz.given_names == ("JEAN", "PIERRE")
    assert (mrz.document_number, mrz.birth_date, mrz.expiry_date) == ("21AB34567", BIRTH, EXPIRY)
    assert mrz.issuing_state == "FRA" and mrz.sex == "M" and not mrz.expiry_derived


def test_new_identity_card_td1() -> None:
    lines = build_td1("MARTIN", ["MARIE", "CLAIRE"], "X4RTBPFW4", BIRTH, "F", EXPIRY)
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.valid and mrz.format == "td1"
    assert mrz.document_code == "ID" and mrz.document_number == "X4RTBPFW4"
    assert mrz.given_names == ("MARIE", "CLAIRE") and mrz.expiry_date == EXPIRY


def test_residence_permit_td1() -> None:
    lines = build_td1("DIALLO", ["AMINATA"], "AB1234567", BIRTH, "F", EXPIRY, code="IR",
                      nationality="SEN")  # fmt: skip
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.valid
    assert (mrz.document_code, mrz.nationality, mrz.surname) == ("IR", "SEN", "DIALLO")


def test_old_identity_card_and_its_derived_expiry() -> None:
    adult = build_cni_1988("DUPONT", ["JEAN", "LUC"], dt.date(2012, 9, 1), "693", 4521, BIRTH, "M")
    mrz = parse_mrz(adult, today=TODAY)
    assert mrz is not None and mrz.valid and mrz.format == "cni_1988"
    assert mrz.document_number == "1209693045214"[:12]
    assert mrz.issue_date == dt.date(2012, 9, 1)
    assert mrz.expiry_derived and mrz.expiry_date == dt.date(2027, 9, 30)  # 15 years
    minor_birth = dt.date(2000, 1, 1)
    minor = build_cni_1988("DUPONT", ["LEA"], dt.date(2012, 9, 1), "693", 4522, minor_birth, "F")
    assert parse_mrz(minor, today=TODAY).expiry_date == dt.date(2022, 9, 30)  # type: ignore[union-attr]
    before_2004 = build_cni_1988("DUPONT", ["LUC"], dt.date(1999, 3, 1), "075", 1, BIRTH, "M")
    old = parse_mrz(before_2004, today=TODAY)
    assert old is not None and old.valid and old.expiry_date == dt.date(2009, 3, 31)


def test_birth_years_in_the_future_belong_to_the_last_century() -> None:
    lines = build_td1("MARTIN", ["PAUL"], "X4RTBPFW4", dt.date(1940, 2, 2), "M", EXPIRY)
    assert parse_mrz(lines, today=TODAY).birth_date == dt.date(1940, 2, 2)  # type: ignore[union-attr]


@pytest.mark.parametrize(("line", "index"), [(1, 6), (1, 14), (1, 29)])
def test_wrong_check_digit_flags_the_mrz(line: int, index: int) -> None:
    lines = build_td1("MARTIN", ["MARIE"], "X4RTBPFW4", BIRTH, "F", EXPIRY)
    digit = lines[line][index]
    lines[line] = _swap(lines[line], index, str((int(digit) + 1) % 10))
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and not mrz.valid
    assert not all(mrz.checks.values())


def test_changed_field_without_changing_its_digit_is_caught() -> None:
    lines = build_td3("MARTIN", ["MARIE"], "21AB34567", BIRTH, "F", EXPIRY)
    lines[1] = _swap(lines[1], 2, "C")  # document number 21CB34567
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.checks["document_number"] is False and not mrz.valid


def test_ocr_confusions_are_repaired_when_check_digits_agree() -> None:
    clean = build_td3("MARTIN", ["MARIE"], "21AB34567", dt.date(1980, 10, 10), "F",
                      dt.date(2030, 10, 20))  # fmt: skip
    noisy_one = clean[0].replace("<<<<<<<<", "KKKKKKKK").replace("<<", "«<", 1)
    noisy_two = clean[1][:13] + clean[1][13:27].replace("0", "O") + clean[1][27:]
    mrz = parse_mrz([noisy_one, noisy_two.replace("<", " ")], today=TODAY)
    assert mrz is not None and mrz.valid and mrz.corrected
    assert mrz.birth_date == dt.date(1980, 10, 10) and mrz.expiry_date == dt.date(2030, 10, 20)
    assert mrz.surname == "MARTIN" and mrz.given_names == ("MARIE",)
    assert list(mrz.lines) == clean


def test_letter_digit_swap_in_document_number_is_repaired() -> None:
    clean = build_td1("MARTIN", ["MARIE"], "X4RTBPF05", BIRTH, "F", EXPIRY)
    noisy = [_swap(clean[0], 12, "O"), *clean[1:]]  # the 0 of F05 read as O
    mrz = parse_mrz(noisy, today=TODAY)
    assert mrz is not None and mrz.valid and mrz.document_number == "X4RTBPF05"


def test_old_card_with_ocr_noise_is_repaired() -> None:
    clean = build_cni_1988("DOUEL", ["CHRISTIANE", "NI"], dt.date(2005, 6, 1), "932", 2043,
                           dt.date(1929, 6, 20), "F")  # fmt: skip
    noisy = [clean[0].replace("<", "K"), clean[1].replace("0", "O").replace("<<", "KK")]
    mrz = parse_mrz(noisy, today=TODAY)
    assert mrz is not None and mrz.valid
    assert mrz.surname == "DOUEL" and mrz.given_names == ("CHRISTIANE", "NI")
    assert mrz.birth_date == dt.date(1929, 6, 20)


def test_unconfirmed_repair_leaves_the_mrz_invalid() -> None:
    lines = build_td1("MARTIN", ["MARIE"], "X4RTBPFW4", BIRTH, "F", EXPIRY)
    lines[1] = _swap(lines[1], 2, "X")  # a letter in the birth month: no digit fits both
    lines[1] = _swap(lines[1], 3, "Q")
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.checks["birth_date"] is False


def test_text_that_is_no_mrz_gives_none() -> None:
    assert parse_mrz(["Facture du 12 janvier 2026", "Montant 12,00 €"]) is None
    assert parse_mrz(["P<FRA", "123"]) is None


def _ocr_lines(lines: list[str]) -> str:
    """Render MRZ lines in a monospaced font and read them back with real Tesseract."""
    pytesseract = pytest.importorskip("pytesseract")
    from PIL import Image, ImageDraw, ImageFont

    font_path = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")
    if not font_path.exists():
        pytest.skip("DejaVu Sans Mono is not installed (Debian package fonts-dejavu-core)")
    font = ImageFont.truetype(str(font_path), 36)
    image = Image.new("L", (1100, 80 + 60 * len(lines)), 255)
    draw = ImageDraw.Draw(image)
    for index, line in enumerate(lines):
        draw.text((30, 30 + 60 * index), line, font=font, fill=0)
    text: str = pytesseract.image_to_string(image, lang="fra", config="--psm 6")
    return text


@pytest.mark.parametrize(
    "lines",
    [
        build_td3("DUPONT", ["JEAN"], "21AB34567", dt.date(1985, 3, 2), "M", dt.date(2030, 1, 9)),
        build_cni_1988("DOUEL", ["CHRISTIANE", "NI"], dt.date(2005, 6, 1), "932", 2043,
                       dt.date(1929, 6, 20), "F"),
    ],
    ids=["passeport", "cni_1988"],
)  # fmt: skip
def test_mrz_read_by_tesseract_is_parsed(lines: list[str]) -> None:
    text = _ocr_lines(lines)
    ocr_lines = [line for line in text.splitlines() if line.strip()]
    mrz = parse_mrz(ocr_lines, today=TODAY)
    assert mrz is not None and mrz.valid
    assert list(mrz.lines) == lines
