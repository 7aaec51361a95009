"""Validators for identifiers that carry a check key: IBAN, BIC, SIREN, SIRET, NIR, NIF.

Each validator is a pure function that takes the text as written (spaces, dots,
lowercase allowed) and answers the normalised identifier, or ``None`` when the
identifier is malformed or its key is wrong. Returning the normalised form rather
than a bool lets the extraction rules keep one call per candidate.
"""

from __future__ import annotations

import re

# ISO 13616 lengths for the EU/EEA, the SEPA area and the French overseas
# territories, which use their own country codes with French banks.
IBAN_LENGTHS: dict[str, int] = {
    "AD": 24, "AT": 20, "BE": 16, "BG": 22, "CH": 21, "CY": 28, "CZ": 24, "DE": 22,
    "DK": 18, "EE": 20, "ES": 24, "FI": 18, "FR": 27, "GB": 22, "GI": 23, "GR": 27,
    "HR": 21, "HU": 28, "IE": 22, "IS": 26, "IT": 27, "LI": 21, "LT": 20, "LU": 20,
    "LV": 21, "MC": 27, "MT": 31, "NL": 18, "NO": 15, "PL": 28, "PT": 25, "RO": 24,
    "SE": 24, "SI": 19, "SK": 24, "SM": 27, "VA": 22,
    "GF": 27, "GP": 27, "MQ": 27, "RE": 27, "YT": 27, "PM": 27, "NC": 27, "PF": 27,
    "WF": 27, "TF": 27, "BL": 27, "MF": 27,
    "MA": 28, "TN": 24, "DZ": 26, "TR": 26, "SN": 28, "CI": 28,
}  # fmt: skip

_ISO_CODES = """
    AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO
    BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK
    DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR
    GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM
    KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP
    MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL
    PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST
    SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG
    VI VN VU WF WS XK YE YT ZA ZM ZW"""
_ISO_COUNTRIES = frozenset(_ISO_CODES.split())

_SEPARATORS = re.compile(r"[\s.\-]+")
_BIC = re.compile(r"[A-Z]{4}([A-Z]{2})[A-Z0-9]{2}(?:[A-Z0-9]{3})?")
_NIR = re.compile(r"([12])(\d{2})(\d{2})(\d{2}|2A|2B)(\d{3})(\d{3})(\d{2})")


def compact(text: str) -> str:
    """Strip spaces, dots and dashes and uppercase: the form identifiers are compared in."""
    return _SEPARATORS.sub("", text).upper()


def mod97(digits_and_letters: str) -> int:
    """Remainder modulo 97 of an alphanumeric string with A=10 ... Z=35 (ISO 7064)."""
    remainder = 0
    for char in digits_and_letters:
        for digit in str(int(char, 36)):
            remainder = (remainder * 10 + int(digit)) % 97
    return remainder


def iban_check_digits(country: str, bban: str) -> str:
    """The two ISO 13616 check digits for a country code and a BBAN."""
    return f"{98 - mod97(compact(bban) + country.upper() + '00'):02d}"


def validate_iban(text: str) -> str | None:
    """Answer the IBAN without spaces, uppercase, or None if length or mod-97 key is wrong.

    Countries missing from ``IBAN_LENGTHS`` are accepted on the key alone, with
    the ISO bounds of 15 to 34 characters.
    """
    iban = compact(text)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return None
    expected = IBAN_LENGTHS.get(iban[:2])
    if expected is not None and len(iban) != expected:
        return None
    if expected is None and iban[:2] not in _ISO_COUNTRIES:
        return None
    if mod97(iban[4:] + iban[:4]) != 1:
        return None
    return iban


def validate_bic(text: str) -> str | None:
    """Answer the BIC (8 or 11 characters) uppercase, or None if malformed.

    A BIC has no key: we check the shape and that characters 5-6 are an ISO
    country code, which rules out most uppercase words of 8 letters.
    """
    bic = compact(text)
    match = _BIC.fullmatch(bic)
    if match is None or match.group(1) not in _ISO_COUNTRIES:
        return None
    return bic


def luhn_ok(digits: str) -> bool:
    """True if a string of digits passes the Luhn check."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = int(char)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def luhn_check_digit(digits: str) -> str:
    """The digit to append to ``digits`` so that the result passes the Luhn check."""
    return next(str(d) for d in range(10) if luhn_ok(digits + str(d)))


def validate_siren(text: str) -> str | None:
    """Answer the 9-digit SIREN, or None if it is not 9 digits with a Luhn key."""
    siren = compact(text)
    if len(siren) != 9 or not siren.isdigit() or not luhn_ok(siren):
        return None
    return siren


def validate_siret(text: str) -> str | None:
    """Answer the 14-digit SIRET, or None if malformed.

    The SIRET is checked by Luhn, except La Poste (SIREN 356000000), whose
    establishments are numbered so that the sum of the digits is a multiple of 5.
    """
    siret = compact(text)
    if len(siret) != 14 or not siret.isdigit():
        return None
    if siret.startswith("356000000") and sum(map(int, siret)) % 5 == 0:
        return siret
    if not luhn_ok(siret) or not luhn_ok(siret[:9]):
        return None
    return siret


def nir_key(first13: str) -> str:
    """The NIR key, 97 - (n mod 97), with Corsica's 2A/2B read as 19/18."""
    number = first13.upper()
    if number[5:7] == "2A":
        number = number[:5] + "19" + number[7:]
    elif number[5:7] == "2B":
        number = number[:5] + "18" + number[7:]
    return f"{97 - int(number[:13]) % 97:02d}"


def validate_nir(text: str) -> str | None:
    """Answer the 15-character NIR (numéro de sécurité sociale), or None.

    Checked: sex 1 or 2 (temporary numbers starting 3, 7 or 8 are not
    accepted), month 01-12, or 20 and 30-42 and 50-99 which INSEE uses when the
    month is unknown, department digits or 2A/2B, and the key.
    """
    nir = compact(text)
    match = _NIR.fullmatch(nir)
    if match is None:
        return None
    month = int(match.group(3))
    if not (1 <= month <= 12 or month == 20 or 30 <= month <= 42 or month >= 50):
        return None
    if match.group(4) == "00":
        return None
    if nir_key(nir[:13]) != match.group(7):
        return None
    return nir


def numero_fiscal_key(first10: str) -> str:
    """The 3-digit key of a numéro fiscal (SPI): the first ten digits modulo 511."""
    return f"{int(first10[:10]) % 511:03d}"


def validate_numero_fiscal(text: str) -> str | None:
    """Answer the 13-digit numéro fiscal (SPI) of a person, or None.

    The first digit is 0 to 3 and the last three are the first ten modulo 511
    (the rule python-stdnum also applies).
    """
    number = compact(text)
    if len(number) != 13 or not number.isdigit() or number[0] not in "0123":
        return None
    if numero_fiscal_key(number) != number[10:]:
        return None
    return number
