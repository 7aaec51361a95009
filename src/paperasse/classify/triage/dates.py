"""Calendar arithmetic and the dates and delays French letters state.

Month arithmetic is written here rather than pulled from dateutil: the only rule we
need is "same day N months later, clamped to the end of a shorter month", which is
how the two-month silence rule (CRPA L231-1) is counted.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from paperasse.models.calendar import add_months

MONTHS: dict[str, int] = {
    "janvier": 1,
    "fevrier": 2,
    "mars": 3,
    "avril": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "aout": 8,
    "septembre": 9,
    "octobre": 10,
    "novembre": 11,
    "decembre": 12,
}
NUMBER_WORDS: dict[str, int] = {
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "dix": 10,
    "quinze": 15,
    "vingt": 20,
    "trente": 30,
}

_MONTH_ALT = "|".join(MONTHS)
_TEXT_DATE = rf"(?P<d>\d{{1,2}})(?:er)? (?P<m>{_MONTH_ALT})(?: (?P<y>\d{{4}}))?"
_NUM_DATE = r"(?P<nd>\d{1,2})[/.\-](?P<nm>\d{1,2})[/.\-](?P<ny>\d{4}|\d{2})(?!\d)"
DATE_RE = re.compile(rf"(?<!\d)(?:{_TEXT_DATE}|{_NUM_DATE})")

_NUMBER = r"(?P<n>\d{1,3}|" + "|".join(NUMBER_WORDS) + ")"
_UNIT = r"(?P<unit>jours?|semaines?|mois)"
_RELATIVE_RES = (
    re.compile(rf"dans un delai (?:maximum |maximal )?(?:de |d')\s?{_NUMBER} {_UNIT}"),
    re.compile(rf"(?:sous|dans les|d'ici|d'ici a) {_NUMBER} {_UNIT}"),
    re.compile(rf"delai (?:de |d')\s?{_NUMBER} {_UNIT}"),
)
_FIXED_WORDS = {"sous huitaine": 8, "sous quinzaine": 15, "dans la huitaine": 8}
_BEFORE_DATE = re.compile(
    r"(?:avant le|avant la date du|au plus tard le|au plus tard pour le|d'ici le|"
    r"d'ici au|jusqu'au|pour le|au plus tard a la date du|avant)\s?(?:(?:lundi|mardi|"
    r"mercredi|jeudi|vendredi|samedi|dimanche) )?$"
)


def add_delay(day: dt.date, amount: int, unit: str) -> dt.date:
    """Add a delay expressed in ``jours``, ``semaines`` or ``mois``."""
    if unit.startswith("mois"):
        return add_months(day, amount)
    if unit.startswith("semaine"):
        return day + dt.timedelta(weeks=amount)
    return day + dt.timedelta(days=amount)


def _build_date(day: int, month: int, year: int | None, received: dt.date) -> dt.date | None:
    if year is not None and year < 100:
        year += 2000
    try:
        if year is not None:
            return dt.date(year, month, day)
        # No year: the next such day on or after receipt (letters speak of the future).
        candidate = dt.date(received.year, month, day)
        if candidate < received:
            candidate = dt.date(received.year + 1, month, day)
        return candidate
    except ValueError:
        return None


def _date_from_match(match: re.Match[str], received: dt.date) -> dt.date | None:
    if match.group("d"):
        year = int(match.group("y")) if match.group("y") else None
        return _build_date(int(match.group("d")), MONTHS[match.group("m")], year, received)
    return _build_date(
        int(match.group("nd")), int(match.group("nm")), int(match.group("ny")), received
    )


def find_dates(folded: str, received: dt.date) -> list[dt.date]:
    """Every valid calendar date written in the folded text, in reading order."""
    found = (_date_from_match(m, received) for m in DATE_RE.finditer(folded))
    return [d for d in found if d is not None]


@dataclass(frozen=True)
class StatedDeadline:
    """A deadline the letter itself sets, with the words that set it."""

    due: dt.date
    quote: str


def _number(token: str) -> int:
    return int(token) if token.isdigit() else NUMBER_WORDS[token]


def _relative_deadlines(folded: str, received: dt.date) -> list[StatedDeadline]:
    found: list[StatedDeadline] = []
    for pattern in _RELATIVE_RES:
        for m in pattern.finditer(folded):
            amount = _number(m.group("n"))
            if amount > 0:
                found.append(StatedDeadline(add_delay(received, amount, m.group("unit")), m[0]))
    for words, days in _FIXED_WORDS.items():
        if words in folded:
            found.append(StatedDeadline(received + dt.timedelta(days=days), words))
    return found


def _absolute_deadlines(folded: str, received: dt.date) -> list[StatedDeadline]:
    found: list[StatedDeadline] = []
    for m in DATE_RE.finditer(folded):
        prefix = folded[max(0, m.start() - 40) : m.start()]
        lead = _BEFORE_DATE.search(prefix)
        if lead is None:
            continue
        day = _date_from_match(m, received)
        if day is not None and day >= received:
            found.append(StatedDeadline(day, (lead[0] + m[0]).strip()))
    return found


def stated_deadline(folded: str, received: dt.date) -> StatedDeadline | None:
    """The earliest future deadline the letter states, counted from receipt.

    Relative delays ("dans un délai de 15 jours", "sous huitaine") run from the day
    the mail was received; dates ("avant le 30 novembre 2026") are taken as written.
    Past dates are ignored: they describe events, not deadlines.
    """
    candidates = _relative_deadlines(folded, received) + _absolute_deadlines(folded, received)
    candidates = [c for c in candidates if c.due >= received]
    return min(candidates, key=lambda c: c.due, default=None)
