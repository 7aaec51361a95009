"""Rules for dates, amounts, phone numbers, e-mails, addresses, MRZs and named persons."""

from __future__ import annotations

import datetime as dt
import re

from paperasse.models.domain import Entity
from paperasse.reading.entities.amounts import find_amounts
from paperasse.reading.entities.contact import (
    STREET_TYPES,
    normalise_address,
    validate_email,
    validate_phone,
)
from paperasse.reading.entities.dates import find_dates
from paperasse.reading.entities.names import civility_names
from paperasse.reading.mrz.parse import MrzResult, looks_like_mrz_line, parse_mrz

BIRTH_CUE = re.compile(r"(?:n[ée]+\s*(?:\(e\))?|date\s+de\s+naissance)\s*(?:le)?\s*:?\s*$",
                       re.IGNORECASE)  # fmt: skip
EXPIRY_CUE = re.compile(
    r"(?:date\s+d['’]\s*expiration|valable\s+jusqu['’]\s*(?:au|à|a)|expire\s+le|"
    r"fin\s+de\s+validit[ée]|date\s+de\s+validit[ée]|valid\s+until|expiry)"
    r"[^\n\d]{0,12}$",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![\d+])(?:(?:\+|00)33[ .]?(?:\(0\)[ .]?)?[1-9]|0[1-9])(?:[ .\-]?\d{2}){4}"
                    r"(?![\d])")  # fmt: skip
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")
_TYPES = "|".join(sorted((re.escape(t) for t in STREET_TYPES), key=len, reverse=True))
_ADDRESS = re.compile(
    rf"(?:(?P<num>\d{{1,4}}(?:[ \t]?(?:bis|ter|quater|[A-Da-d])\b)?)[ \t]*,?[ \t]+)?"
    rf"(?P<type>\b(?:{_TYPES}))\.?[ \t]+(?P<name>[^\n,]{{2,60}}?)[ \t]*(?:,[ \t]*|\n[ \t]*)"
    rf"(?:[^\n\d]{{0,40}}\n[ \t]*)?(?P<cp>\d{{5}}|\d{{2}}[ \t]\d{{3}})[ \t]+"
    rf"(?P<commune>[A-Za-zÀ-ÿ][A-Za-zÀ-ÿ'’ \-]{{1,40}}?(?:[ \t]+CEDEX(?:[ \t]+\d{{1,2}})?)?)"
    rf"[ \t]*(?=\n|$|,)",
    re.IGNORECASE,
)


def _entity(label: str, text: str, start: int, end: int, value: str, page: int,
            confidence: float) -> Entity:  # fmt: skip
    return Entity(label=label, text=text[start:end], value=value, page=page, start=start,
                  end=end, confidence=confidence)  # fmt: skip


def _line_before(text: str, start: int, width: int = 60) -> str:
    return text[max(0, start - width) : start].rsplit("\n", 1)[-1]


def find_date_entities(text: str, page: int) -> list[Entity]:
    """Every date, plus ``date_naissance``/``date_expiration`` when their label precedes it."""
    found: list[Entity] = []
    for match in find_dates(text):
        confidence = 0.95 if match.precision == "day" else 0.6
        value = match.value.isoformat()
        found.append(_entity("date", text, match.start, match.end, value, page, confidence))
        before = _line_before(text, match.start)
        if BIRTH_CUE.search(before):
            found.append(_entity("date_naissance", text, match.start, match.end, value, page, 0.9))
        elif EXPIRY_CUE.search(before):
            found.append(_entity("date_expiration", text, match.start, match.end, value, page,
                                 0.9))  # fmt: skip
    return found


def find_contact_entities(text: str, page: int) -> list[Entity]:
    """Amounts in euros, French phone numbers (E.164) and e-mail addresses."""
    found = [
        _entity("montant", text, m.start, m.end, m.value, page, 0.9) for m in find_amounts(text)
    ]
    for match in _PHONE.finditer(text):
        if (phone := validate_phone(match[0])) is not None:
            found.append(_entity("telephone", text, match.start(), match.end(), phone, page, 0.9))
    for match in _EMAIL.finditer(text):
        if (email := validate_email(match[0])) is not None:
            found.append(_entity("email", text, match.start(), match.end(), email, page, 0.95))
    return found


def find_addresses(text: str, page: int) -> list[Entity]:
    """Postal addresses: number, street type and name, then postcode and commune.

    The value is the one-line La Poste form of ``normalise_address``; an
    address whose postcode is impossible (00xxx, 96xxx, 99xxx) is dropped.
    """
    found: list[Entity] = []
    for match in _ADDRESS.finditer(text):
        value = normalise_address(match["num"] or "", match["type"], match["name"],
                                  match["cp"].replace(" ", ""), match["commune"])  # fmt: skip
        if value is not None:
            found.append(_entity("adresse", text, match.start(), match.end(), value, page, 0.85))
    return found


def find_person_rules(text: str, page: int) -> list[Entity]:
    """Persons introduced by a civility (``M. Jean DUPONT``), stronger than NER on capitals."""
    return [
        _entity("personne", text, start, end, name.full_name, page, 0.85)
        for start, end, name in civility_names(text)
    ]


def find_mrz_blocks(text: str, today: dt.date | None = None) -> list[tuple[int, int, MrzResult]]:
    """Parsed MRZs of a page, with the span of their lines."""
    lines: list[tuple[int, int, str]] = []
    offset = 0
    for raw in text.split("\n"):
        lines.append((offset, offset + len(raw), raw))
        offset += len(raw) + 1
    found: list[tuple[int, int, MrzResult]] = []
    index = 0
    while index < len(lines):
        group = []
        while index < len(lines) and looks_like_mrz_line(lines[index][2]):
            group.append(lines[index])
            index += 1
        for size in (3, 2):
            if len(group) >= size:
                result = parse_mrz([g[2] for g in group[-size:]], today=today)
                if result is not None:
                    found.append((group[-size][0], group[-1][1], result))
                    break
        index += 0 if group else 1
    return found


def mrz_entities(text: str, page: int, today: dt.date | None = None) -> list[Entity]:
    """The MRZ itself and, when its checks pass, the person, numbers and dates it holds.

    An MRZ with a failed check digit is kept with confidence 0.2 so that an
    agent sees it was there, but nothing is derived from it.
    """
    found: list[Entity] = []
    for start, end, mrz in find_mrz_blocks(text, today):
        confidence = (0.95 if mrz.corrected else 0.99) if mrz.valid else 0.2
        found.append(_entity("mrz", text, start, end, "\n".join(mrz.lines), page, confidence))
        if not mrz.valid:
            continue
        person = " ".join([*(g.title() for g in mrz.given_names), mrz.surname])
        found.append(_entity("personne", text, start, end, person, page, confidence))
        found.append(_entity("numero_document", text, start, end, mrz.document_number, page,
                             confidence))  # fmt: skip
        if mrz.birth_date:
            found.append(_entity("date_naissance", text, start, end, mrz.birth_date.isoformat(),
                                 page, confidence))  # fmt: skip
        if mrz.expiry_date:
            expiry_confidence = 0.7 if mrz.expiry_derived else confidence
            found.append(_entity("date_expiration", text, start, end,
                                 mrz.expiry_date.isoformat(), page, expiry_confidence))  # fmt: skip
    return found
