"""Common fields and document types from 2D-Docs, given only where the code deserves it."""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.models.domain import TwoDDoc
from paperasse.reading.twoddoc import (
    document_type_hint,
    split_name_line,
    twoddoc_fields,
    twoddoc_from_bytes,
)
from tests.reading import twoddoc_spec_codes as spec
from tests.reading.twoddoc_support import GS, header, make_authority, sign

BILL = (
    "10MME/SPECIMEN/NATACHA" + GS + "21BAT 2 ETG 3" + GS + "22145 AVENUE DES SPECIMENS" + GS
    + "2475000" + "25PARIS" + GS + "0A552081317" + "19CLIENT42"
)  # fmt: skip


def _valid(
    body: str, doc_type: str = "01", issued: dt.date | None = dt.date(2025, 3, 1)
) -> TwoDDoc:
    authority = make_authority()
    signer = authority.issue("AB12")
    raw = sign(header(doc_type=doc_type, issued=issued) + body, signer)
    doc = twoddoc_from_bytes(raw, page=2, trust=authority.store(signer))
    assert doc is not None and doc.status == "valide"
    return doc


def _by_name(doc: TwoDDoc) -> dict[str, tuple[str, float]]:
    return {f.name: (f.value, f.confidence) for f in twoddoc_fields(doc)}


def test_a_verified_bill_gives_its_holder_address_and_date_with_full_confidence() -> None:
    doc = _valid(BILL)
    fields = twoddoc_fields(doc)
    assert {(f.source, f.confidence, f.page) for f in fields} == {("2d-doc", 1.0, 2)}
    values = {f.name: f.value for f in fields}
    assert values == {
        "civility": "MME", "surname": "SPECIMEN", "given_names": "Natacha",
        "full_name": "Natacha SPECIMEN",
        "address": "BAT 2 ETG 3, 145 AVENUE DES SPECIMENS, 75000 PARIS",
        "postcode": "75000", "city": "PARIS", "issue_date": "2025-03-01",
        "issuer_siren": "552081317",
    }  # fmt: skip
    surname = next(f for f in fields if f.name == "surname")
    assert surname.text == "MME/SPECIMEN/NATACHA"


def test_specimens_of_the_test_authority_get_half_confidence() -> None:
    doc = twoddoc_from_bytes(spec.V3_HOME)
    assert doc is not None and doc.status == "autorite_test"
    fields = _by_name(doc)
    assert fields["surname"] == ("SAMPLE", 0.5)
    assert fields["address"] == ("BAT 2 ETG 3, 7 PLACE DES SPECIMENS, 57000 METZ", 0.5)
    assert fields["issue_date"] == ("2012-10-15", 0.5)


@pytest.mark.parametrize("status", ["autorite_inconnue", "invalide"])
def test_no_field_from_a_code_that_did_not_verify(status: str) -> None:
    doc = _valid(BILL).model_copy(update={"status": status})
    assert twoddoc_fields(doc) == []


def test_an_identity_title_gives_names_birth_date_number_and_expiry() -> None:
    body = (
        "62SPECIMEN" + GS + "60NATACHA/CORINNE" + GS + "6912071973" + "6607CD12304" + GS
        + "68F" + "08" + "2D6C"
    )  # fmt: skip
    fields = _by_name(_valid(body, doc_type="07"))
    assert fields["surname"] == ("SPECIMEN", 1.0)
    assert fields["given_names"] == ("Natacha Corinne", 1.0)
    assert fields["full_name"] == ("Natacha Corinne SPECIMEN", 1.0)
    assert fields["birth_date"] == ("1973-07-12", 1.0)
    assert fields["document_number"] == ("07CD12304", 1.0)
    assert fields["expiry_date"] == ("2031-11-02", 1.0)  # 0x2D6C = 11,628 days after 2000-01-01
    assert fields["sex"] == ("F", 1.0)


def test_a_signed_mrz_gives_the_fields_its_check_digits_confirm() -> None:
    doc = twoddoc_from_bytes(spec.V3_MRZ)
    assert doc is not None
    fields = _by_name(doc)
    assert fields["surname"] == ("SPECIMEN", 0.5)
    assert fields["given_names"] == ("Natacha", 0.5)
    assert fields["document_number"] == ("07CD12304", 0.5)
    assert fields["birth_date"] == ("1973-07-12", 0.5)
    assert fields["expiry_date"] == ("2016-03-06", 0.5)


def test_a_foreign_document_gives_the_home_address() -> None:
    doc = twoddoc_from_bytes(spec.V4_FOREIGN)
    assert doc is not None
    fields = _by_name(doc)
    assert fields["address"][0] == "145 AVENUE DES SPECIMENS, 75000 PARIS"
    assert fields["surname"][0] == "SPECIMEN" and fields["expiry_date"][0] == "2020-06-30"


def test_an_unsplittable_name_line_stays_whole_and_a_partial_date_is_left_out() -> None:
    doc = twoddoc_from_bytes(spec.V3_STATEMENT)
    assert doc is not None
    fields = _by_name(doc)
    assert fields["full_name"][0] == "M EXEMPLE HENRY ET MME SPECIMEN NATACHA"
    assert "surname" not in fields
    assert fields["iban"][0] == "FR7030002005500000157845Z02"
    doc = _valid("62SPECIMEN" + GS + "6900001973", doc_type="07")  # day and month unknown
    assert "birth_date" not in _by_name(doc)


@pytest.mark.parametrize(
    ("line", "civility", "surname", "given"),
    [
        ("MME/SPECIMEN/NATACHA", "MME", "SPECIMEN", ("Natacha",)),
        ("M/DU PONT/JEAN FRANCOIS", "M", "DU PONT", ("Jean", "Francois")),
        ("MAITRE/SPECIMEN/NATACHA", "MAITRE", "SPECIMEN", ("Natacha",)),
        ("MLLE/SAMPLE", "MLLE", "SAMPLE", ()),
        ("SAMPLE/ANGELA", None, "SAMPLE", ("Angela",)),
    ],
)
def test_name_lines_split_into_civility_surname_and_given_names(
    line: str, civility: str | None, surname: str, given: tuple[str, ...]
) -> None:
    split = split_name_line(line)
    assert split is not None
    assert split[0] == civility
    assert (split[1].surname, split[1].given_names) == (surname, given)


def test_a_line_without_separators_is_not_split() -> None:
    assert split_name_line("SOCIETE GENERALE DES EAUX") is None


@pytest.mark.parametrize(
    ("raw", "hint"),
    [
        (spec.V2_RIB, "rib"), (spec.V3_STATEMENT, "releve_bancaire"),
        (spec.V4_VACCINATION, "certificat_vaccination"), (spec.V4_ASDIR, None),
        (spec.V1_BILL, None), (spec.V3_IDENTITY, None), (spec.V4_HUISSIER, None),
    ],
)  # fmt: skip
def test_document_type_hints_only_where_the_type_is_certain(raw: bytes, hint: str | None) -> None:
    doc = twoddoc_from_bytes(raw)
    assert doc is not None
    assert document_type_hint(doc) == hint


def test_no_document_type_hint_from_an_invalid_code() -> None:
    doc = _valid("31FR7630001007941234567890185", doc_type="03", issued=None)
    assert document_type_hint(doc) == "rib"
    assert document_type_hint(doc.model_copy(update={"status": "invalide"})) is None
