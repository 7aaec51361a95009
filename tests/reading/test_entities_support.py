"""Builders for valid identifiers and MRZs, written independently of the code under test.

Keys are computed here with plain integer arithmetic (not with the validators)
so that a test fails if either side gets the rule wrong. No tests in this file.
"""

from __future__ import annotations

import datetime as dt
import random

_ICAO_WEIGHTS = (7, 3, 1)


def icao_digit(data: str) -> str:
    """ICAO 9303 check digit: 0-9, A-Z = 10-35, < = 0, weights 7-3-1, modulo 10."""
    values = [0 if c == "<" else int(c, 36) for c in data]
    return str(sum(v * _ICAO_WEIGHTS[i % 3] for i, v in enumerate(values)) % 10)


def make_iban(country: str, bban: str) -> str:
    """An IBAN with the ISO 13616 key: 98 - (BBAN + country + 00 as digits) mod 97."""
    digits = "".join(str(int(c, 36)) for c in bban + country + "00")
    return f"{country}{98 - int(digits) % 97:02d}{bban}"


def group4(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def luhn_complete(digits: str) -> str:
    """``digits`` followed by the digit that makes the whole pass Luhn."""
    for last in "0123456789":
        number = digits + last
        total = 0
        for position, char in enumerate(number[::-1]):
            doubled = int(char) * (2 if position % 2 else 1)
            total += doubled // 10 + doubled % 10
        if total % 10 == 0:
            return number
    raise AssertionError("unreachable")


def make_siren(rng: random.Random) -> str:
    return luhn_complete(f"{rng.randrange(10**7, 10**8)}")


def make_siret(rng: random.Random) -> str:
    return luhn_complete(make_siren(rng) + f"{rng.randrange(10**3, 10**4)}")


def make_nir(sex: int, year: int, month: int, dept: str, commune: int, order: int) -> str:
    """A NIR with its key: 97 - (13 digits mod 97), Corsica 2A as 19 and 2B as 18."""
    body = f"{sex}{year % 100:02d}{month:02d}{dept}{commune:03d}{order:03d}"
    numeric = body.replace("2A", "19") if dept == "2A" else body.replace("2B", "18")
    return f"{body}{97 - int(numeric) % 97:02d}"


def make_numero_fiscal(first10: int) -> str:
    return f"{first10:010d}{first10 % 511:03d}"


def _yymmdd(value: dt.date) -> str:
    return value.strftime("%y%m%d")


def _name_field(surname: str, given: list[str], width: int, separator: str = "<") -> str:
    return f"{surname.replace(' ', '<')}<<{separator.join(given)}".ljust(width, "<")[:width]


def build_td3(
    surname: str,
    given: list[str],
    number: str,
    birth: dt.date,
    sex: str,
    expiry: dt.date,
    nationality: str = "FRA",
    personal: str = "",
) -> list[str]:
    """A passport MRZ (2 x 44) with every check digit computed."""
    line1 = f"P<{nationality}" + _name_field(surname, given, 39)
    num = number.ljust(9, "<")
    pers = personal.ljust(14, "<")
    pers_check = icao_digit(pers) if personal else "<"
    body = (f"{num}{icao_digit(num)}{nationality}{_yymmdd(birth)}{icao_digit(_yymmdd(birth))}"
            f"{sex}{_yymmdd(expiry)}{icao_digit(_yymmdd(expiry))}{pers}{pers_check}")  # fmt: skip
    composite = body[0:10] + body[13:20] + body[21:43]
    return [line1, body + icao_digit(composite)]


def build_td1(
    surname: str,
    given: list[str],
    number: str,
    birth: dt.date,
    sex: str,
    expiry: dt.date,
    code: str = "ID",
    nationality: str = "FRA",
) -> list[str]:
    """An identity card or residence permit MRZ (3 x 30) with its check digits."""
    num = number.ljust(9, "<")
    line1 = f"{code.ljust(2, '<')}{nationality}{num}{icao_digit(num)}".ljust(30, "<")
    line2 = (f"{_yymmdd(birth)}{icao_digit(_yymmdd(birth))}{sex}{_yymmdd(expiry)}"
             f"{icao_digit(_yymmdd(expiry))}{nationality}").ljust(29, "<")  # fmt: skip
    composite = line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29]
    return [line1, line2 + icao_digit(composite), _name_field(surname, given, 30)]


def build_cni_1988(
    surname: str,
    given: list[str],
    issued: dt.date,
    dept: str,
    sequence: int,
    birth: dt.date,
    sex: str,
) -> list[str]:
    """A French identity card MRZ of 1988-2021 (2 x 36) with its check digits."""
    line1 = f"IDFRA{surname.ljust(25, '<')}{dept}013"
    number = f"{issued:%y%m}{dept}{sequence:05d}"
    names = "<<".join(given).ljust(14, "<")[:14]
    line2 = f"{number}{icao_digit(number)}{names}{_yymmdd(birth)}{icao_digit(_yymmdd(birth))}{sex}"
    return [line1, line2 + icao_digit(line1 + line2)]
