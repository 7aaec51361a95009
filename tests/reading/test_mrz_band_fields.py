"""MRZ layouts added for read_mrz (TD2, visas), name cleaning, fields and type hints."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from paperasse.reading.mrz import document_type_hint, mrz_fields, parse_mrz
from paperasse.reading.mrz.confirm import confirmed
from paperasse.reading.mrz.parse import detect_format
from tests.reading.mrzcards import build_td2
from tests.reading.test_entities_support import build_cni_1988, build_td1, build_td3

TODAY = dt.date(2026, 3, 1)
BIRTH = dt.date(1990, 5, 17)
EXPIRY = dt.date(2031, 8, 1)


def test_td2_residence_permit_with_every_check() -> None:
    lines = build_td2("DIALLO", ["AMINATA", "FATOU"], "AB1234567", BIRTH, "F", EXPIRY)
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.valid and mrz.format == "td2"
    assert set(mrz.checks) == {"document_number", "birth_date", "expiry_date", "composite"}
    assert (mrz.surname, mrz.given_names) == ("DIALLO", ("AMINATA", "FATOU"))
    assert (mrz.issuing_state, mrz.nationality, mrz.expiry_date) == ("FRA", "SEN", EXPIRY)


def test_td2_composite_catches_a_changed_optional_field() -> None:
    lines = build_td2("DIALLO", ["AMINATA"], "AB1234567", BIRTH, "F", EXPIRY)
    lines[1] = lines[1][:30] + "X" + lines[1][31:]
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.checks["composite"] is False and not mrz.valid


def test_visa_has_no_composite_digit() -> None:
    lines = build_td2("ROSSI", ["LUCA"], "V12345678", BIRTH, "M", EXPIRY, code="V", state="FRA",
                      nationality="ITA")  # fmt: skip
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.valid and "composite" not in mrz.checks
    assert mrz.document_code == "V" and document_type_hint(mrz) is None


@pytest.mark.parametrize(
    ("lines", "layout"),
    [
        (build_cni_1988("DUPONT", ["JEAN"], dt.date(2012, 9, 1), "693", 4521, BIRTH, "M"),
         "cni_1988"),
        (build_td2("DUPONT", ["JEAN"], "AB1234567", BIRTH, "M", EXPIRY, code="ID"), "td2"),
        (build_td2("MUELLER", ["ANNA"], "T22000129", BIRTH, "F", EXPIRY, code="ID", state="D<<",
                   nationality="D<<"), "td2"),
        (build_td3("DUPONT", ["JEAN"], "21AB34567", BIRTH, "M", EXPIRY), "td3"),
        (build_td1("DUPONT", ["JEAN"], "X4RTBPFW4", BIRTH, "M", EXPIRY), "td1"),
    ],
    ids=["carte-1988", "td2-idfra", "td2-allemande", "passeport", "carte-2021"],
)  # fmt: skip
def test_layout_is_told_apart(lines: list[str], layout: str) -> None:
    # The 1988 card and a TD2 are both 2 x 36: the card's line 2 opens on 12 digits.
    assert detect_format(lines) == layout
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.valid and mrz.format == layout


def test_fillers_misread_after_the_names_are_dropped() -> None:
    clean = build_td3("ERIKSSON", ["ANNA", "MARIA"], "L898902C3", BIRTH, "F", EXPIRY)
    noisy = clean[0][:25] + "<<<<K<<KEL<LELLLLLSEE" + clean[0][46:]
    mrz = parse_mrz([noisy[:44], clean[1]], today=TODAY)
    assert mrz is not None and mrz.valid
    assert (mrz.surname, mrz.given_names) == ("ERIKSSON", ("ANNA", "MARIA"))
    assert mrz.lines[0] == clean[0]


def test_a_document_code_misread_l_is_an_i() -> None:
    lines = build_td1("MARTIN", ["LEA"], "X4RTBPFW4", BIRTH, "F", EXPIRY)
    mrz = parse_mrz(["L" + lines[0][1:], *lines[1:]], today=TODAY)
    assert mrz is not None and mrz.document_code == "ID" and mrz.lines[0] == lines[0]


def test_fields_carry_source_page_and_confidence() -> None:
    lines = build_td3("DE LA FONTAINE", ["JEAN", "PIERRE"], "21AB34567", BIRTH, "M", EXPIRY)
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None
    sure = dataclasses.replace(mrz, confirmed=True)
    fields = {f.name: f for f in mrz_fields(sure, page=3)}
    assert fields["surname"].value == "DE LA FONTAINE"
    assert fields["surname"].text == "DE<LA<FONTAINE"
    assert fields["given_names"].value == "Jean Pierre"
    assert fields["birth_date"].value == "1990-05-17" and fields["mrz_format"].value == "td3"
    assert {f.confidence for f in fields.values()} == {0.99}
    assert {(f.source, f.page) for f in fields.values()} == {("mrz", 3)}
    repaired = dataclasses.replace(sure, corrected=True)
    assert {f.confidence for f in mrz_fields(repaired)} == {0.95}
    unconfirmed = {f.name: f.confidence for f in mrz_fields(mrz)}
    assert unconfirmed["surname"] == unconfirmed["given_names"] == 0.6
    assert unconfirmed["document_number"] == 0.99


@pytest.mark.parametrize(
    ("lines", "hint"),
    [
        (build_td3("SMITH", ["JOHN"], "123456789", BIRTH, "M", EXPIRY, nationality="GBR"),
         "passeport"),
        (build_td1("MARTIN", ["LEA"], "X4RTBPFW4", BIRTH, "F", EXPIRY), "carte_identite"),
        (build_td1("PEETERS", ["LEA"], "592123456", BIRTH, "F", EXPIRY, nationality="BEL"), None),
        (build_td1("DIALLO", ["AWA"], "AB1234567", BIRTH, "F", EXPIRY, code="IR"),
         "titre_sejour"),
    ],
    ids=["passeport-etranger", "cni", "cni-belge", "titre-sejour"],
)  # fmt: skip
def test_document_type_hint_only_where_certain(lines: list[str], hint: str | None) -> None:
    mrz = parse_mrz(lines, today=TODAY)
    assert mrz is not None and mrz.valid
    assert document_type_hint(mrz) == hint


def test_a_row_is_confirmed_only_by_another_reading_of_it() -> None:
    lines = build_td3("ERIKSSON", ["ANNA", "MARIA"], "L898902C3", BIRTH, "F", EXPIRY)
    candidate = parse_mrz(lines, today=TODAY)
    assert candidate is not None and candidate.valid
    misread_name = lines[0].replace("ANNA", "ANHA")
    noise = "VOIR AU VERSO / SEE OVERLEAF"
    assert not confirmed(candidate, 0, [lines, [misread_name, lines[1]]], TODAY)
    assert not confirmed(candidate, 0, [lines], TODAY)  # a reading does not confirm itself
    # Row by row, wherever the MRZ sits among another reading's lines.
    others = [lines, [noise, misread_name, lines[1]], ["", lines[0], ""]]
    assert confirmed(candidate, 0, others, TODAY)


def test_a_repair_nobody_confirmed_is_not_trusted() -> None:
    lines = build_td1("MARTIN", ["LEA"], "X4RTBPF05", BIRTH, "F", EXPIRY)
    mrz = parse_mrz([lines[0][:12] + "O" + lines[0][13:], *lines[1:]], today=TODAY)
    assert mrz is not None and mrz.valid and mrz.repaired == ("document_number",)
    alone = {f.name: f.confidence for f in mrz_fields(mrz)}
    assert alone["document_number"] == 0.6 and alone["birth_date"] == 0.95
    confirmed_fields = mrz_fields(dataclasses.replace(mrz, confirmed=True))
    assert {f.confidence for f in confirmed_fields} == {0.95}
