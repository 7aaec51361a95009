"""Amounts in euros as French documents write them, normalised to ``"1234.56"``.

``1 234,56 €``, ``1.234,56 EUR``, ``€ 12,00``, ``12 euros``, ``-45,10 €``. The
comma is the decimal mark; a dot is a decimal mark only when followed by one
or two digits at the end (``12.50 €``), otherwise a thousands separator.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

_NUMBER = r"(?:[-−]\s?)?(?:\d{1,3}(?:[ \u00a0\u202f.']\d{3})+(?:[,.]\d{1,2})?|\d+(?:[,.]\d{1,2})?)"
_CURRENCY = r"(?:€|EUR\b|[Ee]uros?\b)"
_AMOUNT = re.compile(
    rf"(?<![\d,.])(?:(?P<before>{_NUMBER})\s?{_CURRENCY}|{_CURRENCY}\s?(?P<after>{_NUMBER}))"
)
_THOUSANDS = re.compile(r"[ \u00a0\u202f']")


@dataclass(frozen=True)
class AmountMatch:
    """An amount found in a text, with its character span and normalised value."""

    value: str
    start: int
    end: int
    text: str


def parse_amount(text: str) -> str | None:
    """Normalise a number with or without currency to ``"1234.56"``, or None."""
    number = re.sub(rf"{_CURRENCY}", "", text).strip().replace("−", "-")
    number = _THOUSANDS.sub("", number).replace("- ", "-")
    if "," in number:
        number = number.replace(".", "").replace(",", ".")
    elif re.search(r"\.\d{3}(?:\.|$)", number):
        number = number.replace(".", "")
    if not re.fullmatch(r"-?\d+(?:\.\d{1,2})?", number):
        return None
    try:
        return str(Decimal(number).quantize(Decimal("0.01")))
    except InvalidOperation:
        return None


def find_amounts(text: str) -> list[AmountMatch]:
    """All amounts in euros in ``text``: a number needs a currency mark next to it."""
    found: list[AmountMatch] = []
    for match in _AMOUNT.finditer(text):
        value = parse_amount(match["before"] or match["after"])
        if value is not None:
            found.append(AmountMatch(value, match.start(), match.end(), match[0]))
    return found
