"""French dates as written on documents, normalised to ``datetime.date``.

Accepted forms: ``12/01/2026``, ``12-01-2026``, ``12.01.26``, ``2026-01-12``,
``12 janvier 2026``, ``1er mars 2025``, ``3 févr. 2025`` and OCR'd spellings
without accents (``fevrier``, ``aout``). Decisions:

* A two-digit year ``00``-``69`` is 20xx, ``70``-``99`` is 19xx (the POSIX
  ``%y`` pivot). Birth dates in MRZs use their own rule (see ``mrz``).
* A month without a day (``janvier 2026``) is read as the first day of the
  month with ``precision="month"``, so callers that need the end of a period
  (payslips) can tell it apart and entities carry a lower confidence.
* Impossible dates (31/02/2026) and years outside 1900-2099 are rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Literal

from paperasse.reading.entities.contact import strip_accents

MONTHS: dict[str, int] = {
    "janvier": 1, "janv": 1, "jan": 1, "fevrier": 2, "fevr": 2, "fev": 2, "mars": 3,
    "mar": 3, "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7,
    "aout": 8, "septembre": 9, "sept": 9, "sep": 9, "octobre": 10, "oct": 10,
    "novembre": 11, "nov": 11, "decembre": 12, "dec": 12,
}  # fmt: skip

_MONTH_WORD = r"(janvier|janv|jan|f[ée]vrier|f[ée]vr|f[ée]v|mars|mar|avril|avr|mai|juin|juillet|juil|ao[uû]t|septembre|sept|sep|octobre|oct|novembre|nov|d[ée]cembre|d[ée]c)"  # noqa: E501
_NUMERIC = re.compile(r"(?<![\d/.\-])(\d{1,2}) ?([/.\-]) ?(\d{1,2}) ?\2 ?(\d{4}|\d{2})(?![\d/])")
_ISO = re.compile(r"(?<![\d\-])(\d{4})-(\d{2})-(\d{2})(?![\d\-])")
_TEXTUAL = re.compile(
    rf"(?<![\d\w])(\d{{1,2}})(?:er|ER|°)?\s+{_MONTH_WORD}\.?,?\s+(\d{{4}})(?!\d)", re.IGNORECASE
)
_MONTH_YEAR = re.compile(rf"(?<![\w]){_MONTH_WORD}\.?\s+(\d{{4}})(?!\d)", re.IGNORECASE)

Precision = Literal["day", "month"]


@dataclass(frozen=True)
class DateMatch:
    """A date found in a text, with its character span."""

    value: dt.date
    start: int
    end: int
    text: str
    precision: Precision = "day"


def expand_year(year: str) -> int:
    """Four-digit year from two or four digits, with the 70 pivot."""
    number = int(year)
    if len(year) == 4:
        return number
    return 2000 + number if number < 70 else 1900 + number


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None if it does not exist or is outside 1900-2099."""
    if not 1900 <= year <= 2099:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(word: str) -> int | None:
    """Month number of a French month name or abbreviation, accents optional."""
    return MONTHS.get(strip_accents(word).lower().rstrip("."))


def find_dates(text: str) -> list[DateMatch]:
    """All valid dates in ``text``, in order; month-only dates have ``precision="month"``."""
    found: list[DateMatch] = []
    for match in _NUMERIC.finditer(text):
        value = make_date(expand_year(match[4]), int(match[3]), int(match[1]))
        if value is not None:
            found.append(DateMatch(value, match.start(), match.end(), match[0]))
    for match in _ISO.finditer(text):
        value = make_date(int(match[1]), int(match[2]), int(match[3]))
        if value is not None:
            found.append(DateMatch(value, match.start(), match.end(), match[0]))
    for match in _TEXTUAL.finditer(text):
        month = month_number(match[2])
        value = make_date(int(match[3]), month, int(match[1])) if month else None
        if value is not None:
            found.append(DateMatch(value, match.start(), match.end(), match[0]))
    taken = [(d.start, d.end) for d in found]
    for match in _MONTH_YEAR.finditer(text):
        if any(s <= match.start() < e for s, e in taken):
            continue
        month = month_number(match[1])
        value = make_date(int(match[2]), month, 1) if month else None
        if value is not None:
            found.append(DateMatch(value, match.start(), match.end(), match[0], "month"))
    return sorted(found, key=lambda d: (d.start, d.end))


def parse_french_date(text: str) -> dt.date | None:
    """The date written in ``text`` if the whole text is one date, else None."""
    stripped = text.strip()
    for match in find_dates(stripped):
        if match.start == 0 and match.end == len(stripped):
            return match.value
    return None
