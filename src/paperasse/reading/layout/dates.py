"""Dates as identity cards, bills and forms print them, read within a plausible range.

Beyond what ``entities.dates`` reads in running text, a value next to a label may be
``11 02 2030`` (the 2021 identity card), ``11022030`` or ``11 022030`` (the same, OCRed
without some spaces), ``12:02:2020`` (dots OCRed as colons), ``12 O2 2020`` (a zero
OCRed as a letter), ``12 AUG/AOÛT 74`` (passports,
bilingual months and two-digit years) or ``2 juillet 2015``. Each field says what
range is plausible: a birth date is not in the future, an issue date not more than a
month ahead, an expiry date not more than twenty years ahead.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from paperasse.reading.entities.contact import strip_accents
from paperasse.reading.entities.dates import MONTHS, make_date

ENGLISH_MONTHS: dict[str, int] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
COMPACT_FACTOR = 0.97  # ``11022030`` has no separators to confirm it is a date
_SEP = r"\s?[./\-:,\s]\s?"
_NUMERIC = re.compile(rf"(?<![\d])(\d{{1,2}}){_SEP}(\d{{1,2}}){_SEP}(\d{{4}}|\d{{2}})(?![\d])")
_COMPACT = re.compile(r"(?<![\d])(\d{2})\s?(\d{2})\s?((?:19|20)\d{2})(?![\d])")
_DIGIT_LIKE = str.maketrans("OoIl|", "00111")
_NUMERIC_TOKEN = re.compile(r"[\dOoIl|]*\d[\dOoIl|]*")
_ISO = re.compile(r"(?<![\d])((?:19|20)\d{2})-(\d{2})-(\d{2})(?![\d])")
_WORD = r"[A-Za-zÀ-ÿ]{3,9}\.?"
_TEXTUAL = re.compile(
    rf"(?<![\d])(\d{{1,2}})(?:er|ER|°)?\s+({_WORD})(?:\s*/\s*({_WORD}))?,?\s+(\d{{4}}|\d{{2}})(?![\d])"
)


@dataclass(frozen=True)
class FoundDate:
    """A date read in a value, with its characters in the value and how sure the form is."""

    value: dt.date
    start: int
    end: int
    factor: float = 1.0


def _month(word: str) -> int | None:
    key = strip_accents(word).lower().rstrip(".")
    return MONTHS.get(key) or ENGLISH_MONTHS.get(key)


def bounds(kind: str, today: dt.date) -> tuple[dt.date, dt.date]:
    """The plausible range of a date field: birth, issue, expiry or any."""
    if kind == "birth":
        return dt.date(1900, 1, 1), today
    if kind == "issue":
        return dt.date(1900, 1, 1), today + dt.timedelta(days=31)
    if kind == "expiry":
        return dt.date(1950, 1, 1), today.replace(year=today.year + 20, day=min(today.day, 28))
    return dt.date(1900, 1, 1), today.replace(year=today.year + 20, day=min(today.day, 28))


def _year(text: str, kind: str, today: dt.date) -> int:
    """Four-digit year; a two-digit birth year is in the past (the MRZ rule)."""
    number = int(text)
    if len(text) == 4:
        return number
    if kind == "birth":
        return 2000 + number if 2000 + number <= today.year else 1900 + number
    return 2000 + number if number < 70 else 1900 + number


def _candidates(text: str, kind: str, today: dt.date) -> list[FoundDate]:
    found: list[FoundDate] = []
    for match in _NUMERIC.finditer(text):
        value = make_date(_year(match[3], kind, today), int(match[2]), int(match[1]))
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end()))
    for match in _COMPACT.finditer(text):
        value = make_date(int(match[3]), int(match[2]), int(match[1]))
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end(), COMPACT_FACTOR))
    for match in _ISO.finditer(text):
        value = make_date(int(match[1]), int(match[2]), int(match[3]))
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end()))
    for match in _TEXTUAL.finditer(text):
        month = _month(match[2])
        other = _month(match[3]) if match[3] else month
        if month is None or other != month:
            continue
        value = make_date(_year(match[4], kind, today), month, int(match[1]))
        if value is not None:
            found.append(FoundDate(value, match.start(), match.end()))
    return sorted(found, key=lambda d: (d.start, -d.end))


def digits_read_as_letters(text: str) -> str:
    """``12 O2 2020`` -> ``12 02 2020``: O, I, l and | among digits are digits misread.

    Same length as ``text``, so that positions in it still point at its words.
    """
    return _NUMERIC_TOKEN.sub(lambda m: m.group().translate(_DIGIT_LIKE), text)


def find_date(text: str, kind: str, today: dt.date) -> FoundDate | None:
    """The first date in ``text`` that is plausible for a field of this range."""
    low, high = bounds(kind, today)
    for found in _candidates(digits_read_as_letters(text), kind, today):
        if low <= found.value <= high:
            return found
    return None
