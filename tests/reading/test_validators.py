"""Validators of identifiers, dates, amounts and addresses: valid and invalid cases."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from paperasse.reading.entities import (
    normalise_address,
    parse_amount,
    parse_french_date,
    validate_bic,
    validate_email,
    validate_iban,
    validate_nir,
    validate_numero_fiscal,
    validate_phone,
    validate_postcode,
    validate_siren,
    validate_siret,
)
from paperasse.reading.entities.dates import find_dates
from tests.reading.test_entities_support import (
    group4,
    luhn_complete,
    make_iban,
    make_nir,
    make_numero_fiscal,
    make_siren,
    make_siret,
)

RNG_SEED = 20260112
BBAN_SHAPES = {"FR": "n23", "DE": "n18", "BE": "n12", "ES": "n20", "IT": "a1n22", "NL": "a4n10"}


def _bban(rng: random.Random, shape: str) -> str:
    letters = int(shape[1:].split("n")[0]) if shape.startswith("a") else 0
    digits = int(shape.split("n")[1])
    head = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(letters))
    return head + "".join(rng.choice("0123456789") for _ in range(digits))


@pytest.mark.parametrize("country", sorted(BBAN_SHAPES))
def test_generated_ibans_validate_in_any_layout(country: str) -> None:
    rng = random.Random(RNG_SEED)
    for _ in range(20):
        iban = make_iban(country, _bban(rng, BBAN_SHAPES[country]))
        assert validate_iban(iban) == iban
        assert validate_iban(group4(iban).lower()) == iban


def test_iban_with_wrong_key_or_typo_or_length_is_rejected() -> None:
    iban = make_iban("FR", "30006000011234567890189")
    wrong_key = iban[:2] + f"{(int(iban[2:4]) + 1) % 100:02d}" + iban[4:]
    typo = iban[:10] + str((int(iban[10]) + 1) % 10) + iban[11:]
    assert validate_iban(wrong_key) is None
    assert validate_iban(typo) is None
    assert validate_iban(make_iban("FR", "3000600001123456789018")) is None  # 26 chars
    assert validate_iban(make_iban("QQ", "30006000011234567890189")) is None  # no such country


def test_bic_shape_and_country() -> None:
    assert validate_bic("BNPAFRPPXXX") == "BNPAFRPPXXX"
    assert validate_bic("ceprfrpp") == "CEPRFRPP"
    assert validate_bic("BNPAFRPPXX") is None  # 10 characters
    assert validate_bic("BNPAQQPP") is None  # QQ is not a country
    assert validate_bic("BN1AFRPP") is None  # digits in the bank code


def test_generated_siren_and_siret_pass_and_a_changed_digit_fails() -> None:
    rng = random.Random(RNG_SEED)
    for _ in range(50):
        siren, siret = make_siren(rng), make_siret(rng)
        assert validate_siren(siren) == siren
        assert validate_siret(f"{siret[:3]} {siret[3:6]} {siret[6:9]} {siret[9:]}") == siret
        bad = siret[:-1] + str((int(siret[-1]) + 1) % 10)
        assert validate_siret(bad) is None
        assert validate_siren(siren[:-1] + str((int(siren[-1]) + 3) % 10)) is None
    assert validate_siren("12345678") is None


def test_la_poste_sirets_use_the_sum_of_digits() -> None:
    head = "356000000"
    for office in range(100, 2000, 37):
        stem = f"{head}{office:04d}"
        last = next(d for d in range(10) if (sum(map(int, stem)) + d) % 5 == 0)
        siret = f"{stem}{last}"
        assert validate_siret(siret) == siret
        if luhn_complete(stem)[-1] != str((last + 1) % 10):
            assert validate_siret(f"{stem}{(last + 1) % 10}") is None


@pytest.mark.parametrize(
    ("sex", "year", "month", "dept"),
    [(1, 85, 5, "78"), (2, 2, 12, "2A"), (1, 99, 1, "2B"), (2, 40, 20, "99"), (1, 70, 35, "97"),
     (2, 55, 62, "75")],
)  # fmt: skip
def test_generated_nirs_validate(sex: int, year: int, month: int, dept: str) -> None:
    nir = make_nir(sex, year, month, dept, 123, 456)
    assert validate_nir(nir) == nir
    spaced = f"{nir[0]} {nir[1:3]} {nir[3:5]} {nir[5:7]} {nir[7:10]} {nir[10:13]} {nir[13:]}"
    assert validate_nir(spaced) == nir


def test_nir_with_wrong_key_sex_or_month_is_rejected() -> None:
    nir = make_nir(1, 85, 5, "78", 6, 84)
    assert validate_nir(nir[:13] + f"{(int(nir[13:]) % 97) + 1:02d}") is None
    assert validate_nir(make_nir(3, 85, 5, "78", 6, 84)) is None
    assert validate_nir(make_nir(1, 85, 13, "78", 6, 84)) is None
    assert validate_nir(make_nir(1, 85, 0, "78", 6, 84)) is None
    corsica = make_nir(2, 53, 7, "2A", 73, 4)
    assert validate_nir(corsica.replace("2A", "2B")) is None  # the key depends on A/B


def test_numero_fiscal_key_and_first_digit() -> None:
    rng = random.Random(RNG_SEED)
    for _ in range(30):
        number = make_numero_fiscal(rng.randrange(0, 4 * 10**9))
        assert validate_numero_fiscal(number) == number
        assert validate_numero_fiscal(number[:10] + f"{(int(number[10:]) + 1) % 1000:03d}") is None
    assert validate_numero_fiscal(make_numero_fiscal(4_123_456_789)) is None
    assert validate_numero_fiscal("302321760005") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("06 12 34 56 78", "+33612345678"), ("01.45.67.89.10", "+33145678910"),
     ("+33 6 12 34 56 78", "+33612345678"), ("+33 (0)1 45 67 89 10", "+33145678910"),
     ("0033 9 69 32 15 15", "+33969321515"), ("0262 12 34 56", "+262262123456"),
     ("0696 12 34 56", "+596696123456")],
)  # fmt: skip
def test_phone_numbers_normalise_to_e164(text: str, expected: str) -> None:
    assert validate_phone(text) == expected


@pytest.mark.parametrize("text", ["00 12 34 56 78", "06 12 34 56", "+33 0 12 34 56 78", "12345"])
def test_impossible_phone_numbers_are_rejected(text: str) -> None:
    assert validate_phone(text) is None


def test_email_domain_is_lowercased_and_bad_addresses_rejected() -> None:
    assert validate_email("Jean.Dupont@Mairie-Lyon.FR") == "Jean.Dupont@mairie-lyon.fr"
    assert validate_email("jean..dupont@mairie.fr") is None
    assert validate_email("jean@mairie") is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [("12/01/2026", dt.date(2026, 1, 12)), ("12-01-2026", dt.date(2026, 1, 12)),
     ("12.01.26", dt.date(2026, 1, 12)), ("12 janvier 2026", dt.date(2026, 1, 12)),
     ("1er mars 2025", dt.date(2025, 3, 1)), ("3 févr. 2025", dt.date(2025, 2, 3)),
     ("15 aout 1998", dt.date(1998, 8, 15)), ("29 DÉCEMBRE 2024", dt.date(2024, 12, 29)),
     ("2026-01-12", dt.date(2026, 1, 12)), ("01/02/75", dt.date(1975, 2, 1)),
     ("janvier 2026", dt.date(2026, 1, 1)), ("29/02/2024", dt.date(2024, 2, 29))],
)  # fmt: skip
def test_french_dates_parse(text: str, expected: dt.date) -> None:
    assert parse_french_date(text) == expected


@pytest.mark.parametrize("text", ["31/02/2026", "29/02/2025", "32 janvier 2026", "12/13/2026",
                                  "00/01/2026", "12/01/1850", "le 12"])  # fmt: skip
def test_impossible_dates_are_rejected(text: str) -> None:
    assert parse_french_date(text) is None


def test_month_only_dates_are_marked_as_such() -> None:
    (match,) = find_dates("Période : janvier 2026")
    assert match.precision == "month"
    (day,) = find_dates("le 1er janvier 2026")
    assert day.precision == "day"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 234,56 €", "1234.56"), ("1.234,56 EUR", "1234.56"), ("€ 12,00", "12.00"),
     ("12 euros", "12.00"), ("1 234 567,8 €", "1234567.80"), ("12.50 €", "12.50"),
     ("-45,10 €", "-45.10"), ("1\u202f234,56\u00a0€", "1234.56"), ("1.234 €", "1234.00")],
)  # fmt: skip
def test_amounts_normalise_to_decimal_strings(text: str, expected: str) -> None:
    assert parse_amount(text) == expected


def test_malformed_amounts_are_rejected() -> None:
    assert parse_amount("12,345,6 €") is None
    assert parse_amount("douze euros") is None


@pytest.mark.parametrize("code", ["75002", "01000", "20000", "97400", "97133", "98000", "95880"])
def test_valid_postcodes(code: str) -> None:
    assert validate_postcode(code) == code


@pytest.mark.parametrize("code", ["00100", "96000", "99000", "97900", "7500", "2A000", "750021"])
def test_invalid_postcodes(code: str) -> None:
    assert validate_postcode(code) is None


def test_addresses_normalise_to_one_comparable_line() -> None:
    value = normalise_address("12 bis", "bd", "de la Libération", "69100", "Villeurbanne")
    assert value == "12 BIS BOULEVARD DE LA LIBERATION, 69100 VILLEURBANNE"
    same = normalise_address("12  BIS", "Boulevard", "DE LA  LIBÉRATION", "69100", "VILLEURBANNE")
    assert same == value
    assert normalise_address("3", "rue", "des Lilas", "96000", "Nulle-Part") is None
    assert normalise_address("3", "autoroute", "du Soleil", "69000", "Lyon") is None
