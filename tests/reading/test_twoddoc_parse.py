"""Parsing 2D-Docs: the specification's own reference codes, and codes built here."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from paperasse.errors import ConfigurationError
from paperasse.reading.twoddoc import MalformedTwoDDocError, parse_2ddoc
from paperasse.reading.twoddoc.message import hex_date
from paperasse.reading.twoddoc.spec import (
    document_types,
    field_specs,
    load_document_types,
    load_field_specs,
)
from tests.reading import twoddoc_spec_codes as spec
from tests.reading.twoddoc_support import GS, RS, US, fr00_signer, header, sign

# Dates as the specification prints them next to its codes (section 16.2).
SPEC_DATES = [
    (spec.V4_HUISSIER, "04", dt.date(2017, 11, 20), dt.date(2018, 2, 6)),
    (spec.V4_CVEC, "04", dt.date(2018, 6, 25), dt.date(2018, 6, 25)),
    (spec.V4_VACCINATION, "04", dt.date(2021, 4, 29), dt.date(2021, 4, 29)),
    (spec.V4_FOREIGN, "04", dt.date(2020, 4, 6), dt.date(2020, 6, 3)),
    (spec.V4_ASDIR, "04", None, dt.date(2022, 11, 4)),
    (spec.V3_HOME, "03", dt.date(2012, 10, 15), dt.date(2015, 7, 27)),
    (spec.V3_IDENTITY, "03", dt.date(2006, 6, 7), dt.date(2015, 7, 27)),
    (spec.V3_STATEMENT, "03", dt.date(2012, 9, 1), dt.date(2015, 7, 27)),
    (spec.V2_HOME, "02", dt.date(2012, 11, 15), dt.date(2012, 11, 13)),
    (spec.V2_RIB, "02", None, dt.date(2012, 11, 15)),
    (spec.V1_BILL, "01", dt.date(2012, 11, 15), dt.date(2012, 11, 12)),
]


@pytest.mark.parametrize(("raw", "version", "issued", "signed"), SPEC_DATES)
def test_the_specifications_codes_give_its_printed_dates(
    raw: bytes, version: str, issued: dt.date | None, signed: dt.date
) -> None:
    message = parse_2ddoc(raw)
    assert message is not None
    assert message.header.version == version
    assert (message.header.authority, message.header.certificate) == ("FR00", "0001")
    assert message.header.issued_on == issued
    assert message.header.signed_on == signed


def test_hex_dates_count_days_from_2000_not_from_a_wrong_epoch() -> None:
    assert hex_date("0000") == dt.date(2000, 1, 1)
    assert hex_date("111E") == dt.date(2011, 12, 31)  # the example of section 3.3.1
    assert hex_date("FFFF") is None


def test_headers_of_versions_02_03_04() -> None:
    v2 = parse_2ddoc(spec.V2_HOME)
    v3 = parse_2ddoc(spec.V3_HOME)
    v4 = parse_2ddoc(spec.V4_HUISSIER)
    assert v2 is not None and v3 is not None and v4 is not None
    assert (v2.header.perimeter, v2.header.country, v2.header.length) == (None, None, 22)
    assert (v3.header.perimeter, v3.header.country, v3.header.length) == ("01", None, 24)
    assert (v4.header.perimeter, v4.header.country, v4.header.length) == ("01", "FR", 26)
    assert v4.header.document_type == "12"
    assert v4.header.test_authority


def test_fixed_variable_and_empty_fields_in_order() -> None:
    message = parse_2ddoc(spec.V3_HOME)
    assert message is not None
    assert [(f.id, f.value) for f in message.fields] == [
        ("26", "FR"), ("24", "57000"), ("10", "MLLE/SAMPLE/ANGELA"), ("20", ""),
        ("21", "BAT 2 ETG 3"), ("22", "7 PLACE DES SPECIMENS"), ("23", ""), ("25", "METZ"),
    ]  # fmt: skip
    assert message.signed_data == spec.V3_HOME[: spec.V3_HOME.index(b"\x1f")]
    assert len(message.signature) == 64


def test_a_variable_field_at_its_maximum_length_needs_no_separator() -> None:
    message = parse_2ddoc(spec.V4_DELIVERY)  # DZ (0 to 10 characters) holds 10, then DE
    assert message is not None
    assert message.field("DZ") is not None and message.field("DZ").value == "0000000034"
    assert message.field("DE") is not None and message.field("DE").value == "BAT NIEMEYER"
    assert message.notes == ()


def test_version_01_ends_with_a_binary_signature_that_may_contain_separators() -> None:
    assert b"\x1f" in spec.V1_BILL[-64:]
    message = parse_2ddoc(spec.V1_BILL)
    assert message is not None
    assert message.signature == spec.V1_BILL[-64:]
    assert [f.id for f in message.fields] == ["26", "24", "10", "22"]


def test_a_truncated_field_ends_with_rs_and_the_last_field_needs_no_separator() -> None:
    body = header(version="03") + "10M/DUPONT/JEAN" + GS + "25MARSE" + RS + "2413001"
    message = parse_2ddoc(sign(body, fr00_signer()))
    assert message is not None
    city = message.field("25")
    assert city is not None and city.value == "MARSE" and city.truncated
    postcode = message.field("24")
    assert postcode is not None and postcode.value == "13001" and not postcode.truncated


def test_the_annex_of_version_04_is_read_apart_from_the_signed_message() -> None:
    body = header(version="04") + "10M/DUPONT/JEAN" + GS
    raw = sign(body, fr00_signer()) + (GS + "18FACTURE123").encode("ascii")
    message = parse_2ddoc(raw)
    assert message is not None
    assert [f.id for f in message.fields] == ["10"]
    assert [(f.id, f.value) for f in message.annex] == [("18", "FACTURE123")]
    assert message.signed_data == body.encode("ascii")


@pytest.mark.parametrize(
    "raw",
    [
        b"",
        b"https://example.org/ticket/42",
        # The 2021 identity card's DataMatrix is not a 2D-Doc.
        "EEEEEEEEEEEEEEEEEEEEEEEEMaëlys-Gaëlle;MARTIN;13/07/1990".encode(),
        # An ICAO visible digital seal (binary, magic 0xDC then its version byte).
        bytes([0xDC, 0x03, 0x6D, 0x32, 0xC8, 0xA7, 0x2C, 0xB1]) + bytes(range(64)),
        b"DC04FR00",  # too short for a header
        b"DC07FR000001125E125B0101FR",  # no such version
    ],
)
def test_what_is_not_a_2ddoc_is_told_apart(raw: bytes) -> None:
    assert parse_2ddoc(raw) is None


@pytest.mark.parametrize(
    ("raw", "problem"),
    [
        ((header() + "ZZ123").encode() + b"\x1f" + b"A" * 103, "identifiant de donnée inconnu"),
        ((header() + "10M/DUPONT/JEAN").encode(), "zone de signature absente"),
        ((header() + "2475").encode() + US.encode() + b"A" * 103, "le champ 24 doit compter 5"),
        ((header() + "10M/DUPONT/JEAN").encode() + b"\x1f0189!!", "base32"),
        ((header() + "10M/DUPONT/JEAN").encode() + b"\x1fAAAAAAAA", "signature de 5 octets"),
        (
            (header(version="03")[:-2] + "02" + "10M/DUPONT").encode() + b"\x1f" + b"A" * 103,
            "périmètre 02",
        ),
    ],
)
def test_a_broken_2ddoc_is_an_error_that_keeps_its_header(raw: bytes, problem: str) -> None:
    with pytest.raises(MalformedTwoDDocError) as caught:
        parse_2ddoc(raw)
    assert problem in caught.value.message
    assert caught.value.header.authority == "FR99"


def test_the_shipped_tables_load_and_cite_the_specification() -> None:
    specs = field_specs()
    assert len(specs) == 337
    assert specs["24"].fixed and specs["24"].min == 5
    assert not specs["10"].fixed and specs["10"].max == 38
    assert specs["69"].format == "date" and specs["08"].format == "date_hex"
    types = document_types()
    assert types["01"].label.startswith("Facture") and types["04"].paperasse_type
    for name in ("fields.yaml", "document_types.yaml"):
        text = (Path(__file__).parents[2] / "src/paperasse/reading/twoddoc/data" / name).read_text()
        assert "v3.2.6" in text


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{id: "10", name: "Nom", min: 5, max: 2, type: numerique, section: "7.1"}', "max 2"),
        ('{id: "10", name: "Nom", min: 0, max: 9, type: couleur, section: "7.1"}', "type"),
        ('{id: "1", name: "Nom", min: 0, max: 9, type: numerique, section: "7.1"}', "id"),
    ],
)
def test_a_broken_field_table_stops_loading(tmp_path: Path, text: str, problem: str) -> None:
    table = tmp_path / "fields.yaml"
    table.write_text(f'spec: "test"\nperimeter: "01"\nfields:\n  - {text}\n', encoding="utf-8")
    with pytest.raises(ConfigurationError) as caught:
        load_field_specs(table)
    assert problem in caught.value.message


def test_duplicate_identifiers_or_unknown_paperasse_types_are_refused(tmp_path: Path) -> None:
    field = '{id: "24", name: "Code postal", min: 5, max: 5, type: numerique, section: "7.1"}'
    table = tmp_path / "fields.yaml"
    table.write_text(f'spec: "t"\nperimeter: "01"\nfields:\n  - {field}\n  - {field}\n')
    with pytest.raises(ConfigurationError, match="24"):
        load_field_specs(table)
    types = tmp_path / "document_types.yaml"
    row = '{code: "03", label: "RIB", category: "Banque", issue_date: false, paperasse_type: x}'
    types.write_text(f'spec: "t"\nperimeter: "01"\ntypes:\n  - {row}\n')
    with pytest.raises(ConfigurationError, match="n'est pas un type"):
        load_document_types(types)
