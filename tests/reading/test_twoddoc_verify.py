"""Signature status of 2D-Docs: verified, test specimen, unknown signer, invalid."""

from __future__ import annotations

import datetime as dt

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from paperasse.reading.twoddoc import (
    default_trust_store,
    parse_2ddoc,
    twoddoc_from_bytes,
    verify_2ddoc,
)
from tests.reading import twoddoc_spec_codes as spec
from tests.reading.twoddoc_support import (
    GS,
    Signer,
    fr00_signer,
    header,
    make_authority,
    sign,
)

BODY = "10MME/SPECIMEN/NATACHA" + GS + "22145 AVENUE DES SPECIMENS" + GS + "2475000"


def _verdict(raw: bytes, store: object) -> tuple[str, str]:
    message = parse_2ddoc(raw)
    assert message is not None
    verdict = verify_2ddoc(message, store)  # type: ignore[arg-type]
    return verdict.status, verdict.reason


@pytest.mark.parametrize("curve", [ec.SECP256R1(), ec.SECP384R1()])
def test_a_code_signed_by_a_listed_authority_is_valid(curve: ec.EllipticCurve) -> None:
    authority = make_authority()
    signer = authority.issue("AB12", curve=curve)
    raw = sign(header() + BODY, signer)
    status, reason = _verdict(raw, authority.store(signer))
    assert status == "valide"
    assert "Signature vérifiée" in reason and "AB12" in reason and "FR99" in reason


def test_a_changed_character_makes_the_code_invalid() -> None:
    authority = make_authority()
    signer = authority.issue("AB12")
    raw = sign(header() + BODY, signer)
    forged = raw.replace(b"SPECIMEN/NATACHA", b"SPECIMEN/NATACHO")
    status, reason = _verdict(forged, authority.store(signer))
    assert status == "invalide"
    assert "ne correspond pas au contenu" in reason
    assert _verdict(raw, authority.store(signer))[0] == "valide"


def test_a_signature_by_another_key_of_the_same_name_is_invalid() -> None:
    authority = make_authority()
    listed, impostor = authority.issue("AB12"), authority.issue("AB12")
    raw = sign(header() + BODY, impostor)
    assert _verdict(raw, authority.store(listed))[0] == "invalide"


def test_an_authority_missing_from_the_list_is_unknown() -> None:
    listed, other = make_authority("FR99"), make_authority("FR98")
    signer = other.issue("AB12")
    raw = sign(header(authority="FR98") + BODY, signer)
    status, reason = _verdict(raw, listed.store())
    assert status == "autorite_inconnue"
    assert "FR98" in reason and "liste de test" in reason


def test_a_listed_authority_without_the_signing_certificate_cannot_be_checked() -> None:
    authority = make_authority()
    signer = authority.issue("AB12")
    raw = sign(header(certificate="CD34") + BODY, signer)
    status, reason = _verdict(raw, authority.store(signer))
    assert status == "autorite_inconnue"
    assert "CD34" in reason and "hors ligne" in reason


def test_a_certificate_not_issued_by_the_listed_ca_is_not_trusted() -> None:
    listed, rogue = make_authority("FR99"), make_authority("FR99")
    signer = rogue.issue("AB12")  # same names, another CA key
    store = listed.store().with_certificates([signer.certificate])  # type: ignore[list-item]
    raw = sign(header() + BODY, signer)
    status, reason = _verdict(raw, store)
    assert status == "autorite_inconnue"
    assert "n'est pas émis par cette autorité" in reason


def test_a_code_signed_outside_the_certificates_validity_is_invalid() -> None:
    authority = make_authority()
    signer = authority.issue(
        "AB12",
        valid_from=dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        valid_until=dt.datetime(2023, 1, 1, tzinfo=dt.UTC),
    )
    raw = sign(header(signed=dt.date(2024, 6, 1)) + BODY, signer)
    status, reason = _verdict(raw, authority.store(signer))
    assert status == "invalide"
    assert "hors de la période de validité" in reason and "01/01/2023" in reason


@pytest.mark.parametrize(
    "raw", [spec.V4_HUISSIER, spec.V3_MRZ, spec.V2_RIB, spec.V1_BILL, spec.V4_DELIVERY]
)
def test_the_specifications_codes_are_test_specimens_whose_signature_holds(raw: bytes) -> None:
    status, reason = _verdict(raw, default_trust_store())
    assert status == "autorite_test"
    assert "FR00" in reason and "la signature correspond" in reason


def test_a_fr00_code_is_a_specimen_even_when_its_signature_fails() -> None:
    raw = sign(header(authority="FR00", certificate="0001") + BODY, fr00_signer())
    assert _verdict(raw, default_trust_store())[0] == "autorite_test"
    forged = raw.replace(b"NATACHA", b"NATALIA")
    status, reason = _verdict(forged, default_trust_store())
    assert status == "autorite_test"
    assert "ne correspond pas" in reason
    other_key = Signer(ec.generate_private_key(ec.SECP256R1()), None)
    raw = sign(header(authority="FR00", certificate="0002") + BODY, other_key)
    status, reason = _verdict(raw, default_trust_store())
    assert status == "autorite_test" and "0002 inconnu" in reason


def test_the_shipped_list_names_authorities_but_holds_no_signing_certificate() -> None:
    store = default_trust_store()
    assert {"FR01", "FR03", "FR04", "FR05", "FR06", "FR07"} <= set(store.authorities)
    assert all(a.ca_certificates for a in store.authorities.values())
    assert set(store.certificates) == {("FR00", "0001")}
    assert "25/08/2025" in store.source
    signer = make_authority("FR03").issue("0A1B")
    raw = sign(header(authority="FR03", certificate="0A1B") + BODY, signer)
    status, reason = _verdict(raw, store)
    assert status == "autorite_inconnue"
    assert "Dhimyotis" in reason and "hors ligne" in reason


def test_a_malformed_code_is_reported_invalid_without_fields() -> None:
    raw = (header() + "ZZ12").encode() + b"\x1f" + b"A" * 103
    doc = twoddoc_from_bytes(raw, page=3)
    assert doc is not None
    assert (doc.status, doc.page, doc.fields) == ("invalide", 3, {})
    assert doc.status_reason.startswith("Code 2D-Doc non conforme")


def test_a_signed_code_with_an_identifier_we_do_not_know_says_its_signature_held() -> None:
    authority = make_authority()
    signer = authority.issue("AB12")
    raw = sign(header() + "10M/DUPONT/JEAN" + GS + "4Z12", signer)  # 4Z: not in v3.2.6
    doc = twoddoc_from_bytes(raw, trust=authority.store(signer))
    assert doc is not None and doc.status == "invalide"
    assert "identifiant de donnée inconnu « 4Z »" in doc.status_reason
    assert "signature est pourtant valide" in doc.status_reason
    forged = raw.replace(b"DUPONT", b"DURAND")
    doc = twoddoc_from_bytes(forged, trust=authority.store(signer))
    assert doc is not None and "pourtant" not in doc.status_reason


def test_the_valid_reason_names_the_certificates_holder_and_the_unsigned_annex() -> None:
    authority = make_authority()
    signer = authority.issue("AB12")
    raw = sign(header() + BODY, signer) + (GS + "18F123").encode()
    doc = twoddoc_from_bytes(raw, trust=authority.store(signer))
    assert doc is not None and doc.status == "valide"
    assert "délivré à AC DE TEST PAPERASSE" in doc.status_reason
    assert "annexe non signée de 1 champ(s)" in doc.status_reason
    assert "Numéro de la facture" not in doc.fields
