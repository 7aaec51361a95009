"""Machine-readable zones as identity documents print them (ICAO Doc 9303, and the
French identity card of 1988-2021), with their check digits."""

from __future__ import annotations

import datetime as dt

from paperasse.training.corpus.fakes import Person, mrz_check, mrz_name, mrz_pad, yymmdd


def names_field(who: Person, width: int) -> str:
    """``SURNAME<<GIVEN<NAMES`` cut or padded to ``width``."""
    given = mrz_name(", ".join(filter(None, [who.first, who.others])).replace(",", ""))
    return mrz_pad(f"{mrz_name(who.last)}<<{given}", width)


def td1(code: str, state: str, number: str, who: Person, expiry: dt.date) -> list[str]:
    """Three lines of 30 (ID-1 cards: CNI since 2021 ``ID``, residence permits ``IR``)."""
    number = mrz_pad(number, 9)
    first = mrz_pad(f"{code}{state}{number}{mrz_check(number)}", 30)
    birth, end = yymmdd(who.birth), yymmdd(expiry)
    second = f"{birth}{mrz_check(birth)}{who.sex}{end}{mrz_check(end)}{state}"
    second = mrz_pad(second, 29)
    composite = first[5:30] + second[0:7] + second[8:15] + second[18:29]
    return [first, second + mrz_check(composite), names_field(who, 30)]


def td3(code: str, state: str, number: str, who: Person, expiry: dt.date) -> list[str]:
    """Two lines of 44 (passports ``P<``, visas ``V<``)."""
    first = mrz_pad(f"{mrz_pad(code, 2)}{state}{names_field(who, 39)}", 44)
    number = mrz_pad(number, 9)
    birth, end = yymmdd(who.birth), yymmdd(expiry)
    body = f"{number}{mrz_check(number)}{state}{birth}{mrz_check(birth)}{who.sex}"
    body += f"{end}{mrz_check(end)}"
    personal = "<" * 14
    second = f"{body}{personal}{mrz_check(personal)}"
    composite = second[0:10] + second[13:20] + second[21:43]
    return [first, second + mrz_check(composite)]


def cni_1988(number: str, office: str, who: Person) -> list[str]:
    """Two lines of 36 of the identity card of 1988-2021.

    Line 1: ``IDFRA``, surname (25), issuing office (6). Line 2: card number (12),
    its check digit, given names (14), birth date and its check digit, sex, and a
    check digit over both lines.
    """
    first = mrz_pad(f"IDFRA{mrz_pad(mrz_name(who.last), 25)}", 30) + office
    given = mrz_pad(mrz_name(", ".join(filter(None, [who.first, who.others]))), 14)
    given = given.replace(",", "<")
    birth = yymmdd(who.birth)
    second = f"{number}{mrz_check(number)}{given}{birth}{mrz_check(birth)}{who.sex}"
    return [first, second + mrz_check(first + second)]
