"""Fake people, places, dates, amounts and identifiers for generated documents.

Everything draws from the ``random.Random`` and the seeded Faker passed in, so a
document depends on its seed alone.
"""

from __future__ import annotations

import datetime as dt
import random
import string
import unicodedata
from dataclasses import dataclass
from typing import Any, TypeVar

from paperasse.models.domain import FRENCH_MONTHS as MONTHS

T = TypeVar("T")


CITIES = (
    "Paris",
    "Lyon",
    "Marseille",
    "Toulouse",
    "Nantes",
    "Rennes",
    "Lille",
    "Bordeaux",
    "Strasbourg",
    "Montpellier",
    "Dijon",
    "Angers",
    "Brest",
    "Limoges",
    "Amiens",
    "Tours",
    "Metz",
    "Besançon",
    "Poitiers",
    "Pau",
    "Quimper",
    "Valence",
    "Chambéry",
    "Saint-Étienne",
    "Le Mans",
    "Niort",
    "Vannes",
    "Rodez",
    "Auxerre",
    "Colmar",
)

DEPARTMENTS = (
    "Ain",
    "Aisne",
    "Calvados",
    "Côte-d'Or",
    "Finistère",
    "Gironde",
    "Hérault",
    "Isère",
    "Loire-Atlantique",
    "Maine-et-Loire",
    "Morbihan",
    "Nord",
    "Rhône",
    "Sarthe",
    "Haute-Garonne",
    "Bas-Rhin",
    "Vienne",
    "Yonne",
    "Val-de-Marne",
    "Seine-Maritime",
)


def pick(rng: random.Random, items: tuple[T, ...] | list[T]) -> T:
    """One item drawn from ``items``."""
    return items[rng.randrange(len(items))]


def maybe(rng: random.Random, share: float) -> bool:
    """True with probability ``share``."""
    return rng.random() < share


@dataclass(frozen=True)
class Person:
    """A fake person with what administrative documents say about them."""

    sex: str
    civility: str
    first: str
    others: str
    last: str
    birth: dt.date
    birth_city: str
    street: str
    postcode: str
    city: str

    @property
    def full(self) -> str:
        return f"{self.first} {self.last}"

    @property
    def formal(self) -> str:
        return f"{self.civility} {self.first} {self.last.upper()}"


def person(fake: Any, rng: random.Random, *, sex: str | None = None, adult: bool = True) -> Person:
    """A fake person living at a fake French address."""
    sex = sex or pick(rng, ("M", "F"))
    first_name = fake.first_name_male if sex == "M" else fake.first_name_female
    today = dt.date(2025, 6, 1)
    years = rng.randint(18, 85) if adult else rng.randint(3, 17)
    birth = today - dt.timedelta(days=365 * years + rng.randint(0, 364))
    return Person(
        sex=sex,
        civility="Monsieur" if sex == "M" else "Madame",
        first=first_name(),
        others=", ".join(first_name() for _ in range(rng.randint(0, 2))),
        last=fake.last_name(),
        birth=birth,
        birth_city=pick(rng, CITIES) if maybe(rng, 0.7) else fake.city(),
        street=fake.street_address(),
        postcode=fake.postcode(),
        city=fake.city(),
    )


def date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    """A day in [start, end]."""
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def recent(rng: random.Random, days: int = 400) -> dt.date:
    """A date in the year or so before mid-2025."""
    return dt.date(2025, 9, 30) - dt.timedelta(days=rng.randint(0, days))


def fr_date(day: dt.date, style: int = 0) -> str:
    """A date the ways French documents write it."""
    if style == 1:
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}"
    if style == 2:
        return f"{day.day:02d}.{day.month:02d}.{day.year}"
    if style == 3:
        return f"{day.day:02d} {day.month:02d} {day.year}"
    return f"{day.day:02d}/{day.month:02d}/{day.year}"


def any_date(rng: random.Random, day: dt.date) -> str:
    """A date in a randomly chosen style."""
    return fr_date(day, rng.choice((0, 0, 1, 2)))


def words_date(day: dt.date) -> str:
    """A date spelled out as acts of civil status write it."""
    return f"{'premier' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def money(rng: random.Random, low: float, high: float, *, euro: bool = True) -> str:
    """An amount in French notation: ``1 234,56 €``."""
    return fmt_money(rng.uniform(low, high), euro=euro)


def fmt_money(value: float, *, euro: bool = True) -> str:
    """Format ``value`` with a comma and thin thousands separator."""
    whole, cents = f"{value:.2f}".split(".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = " ".join(groups) + "," + cents
    return text + " €" if euro else text


def digits(rng: random.Random, count: int) -> str:
    """``count`` random decimal digits."""
    return "".join(rng.choice(string.digits) for _ in range(count))


def letters(rng: random.Random, count: int) -> str:
    """``count`` random upper-case letters."""
    return "".join(rng.choice(string.ascii_uppercase) for _ in range(count))


def grouped(text: str, size: int = 4) -> str:
    """``FR7612345...`` as ``FR76 1234 5...``."""
    return " ".join(text[i : i + size] for i in range(0, len(text), size))


def iban(rng: random.Random) -> tuple[str, str, str, str, str]:
    """A French IBAN and its parts: (iban, bank code, branch code, account, key)."""
    bank, branch = digits(rng, 5), digits(rng, 5)
    account = digits(rng, 11)
    key = digits(rng, 2)
    bban = bank + branch + account + key
    check = 98 - int(bban + "152700") % 97
    return f"FR{check:02d}{bban}", bank, branch, account, key


def bic(rng: random.Random) -> str:
    """A plausible BIC."""
    return f"{letters(rng, 4)}FR{letters(rng, 2)}{rng.choice(('', 'XXX'))}"


def nir(rng: random.Random, who: Person) -> str:
    """A social-security number (NIR) consistent with the person's sex and birth."""
    body = f"{1 if who.sex == 'M' else 2}{who.birth.year % 100:02d}{who.birth.month:02d}"
    body += f"{rng.randint(1, 95):02d}{digits(rng, 3)}{digits(rng, 3)}"
    key = 97 - int(body) % 97
    return f"{body[0]} {body[1:3]} {body[3:5]} {body[5:7]} {body[7:10]} {body[10:13]} {key:02d}"


def siret(rng: random.Random) -> str:
    """A 14-digit SIRET, spaced as printed."""
    raw = digits(rng, 14)
    return f"{raw[:3]} {raw[3:6]} {raw[6:9]} {raw[9:]}"


def plate(rng: random.Random) -> str:
    """A SIV registration plate: ``AB-123-CD``."""
    return f"{letters(rng, 2)}-{digits(rng, 3)}-{letters(rng, 2)}"


def mrz_name(text: str) -> str:
    """Upper-case, unaccented, fillers for separators, as in a machine-readable zone.

    Commas are kept: callers use them to tell given names apart.
    """
    folded = unicodedata.normalize("NFKD", text.upper().replace("Œ", "OE").replace("Æ", "AE"))
    plain = "".join(c for c in folded if not unicodedata.combining(c))
    return "".join(c if c.isascii() and (c.isalnum() or c == ",") else "<" for c in plain)


def mrz_pad(text: str, width: int) -> str:
    """Cut or pad with ``<`` to ``width``."""
    return (text + "<" * width)[:width]


def mrz_check(data: str) -> str:
    """ICAO 9303 check digit."""
    weights = (7, 3, 1)
    total = 0
    for i, char in enumerate(data):
        if char.isdigit():
            value = int(char)
        elif char.isalpha():
            value = ord(char) - 55
        else:
            value = 0
        total += value * weights[i % 3]
    return str(total % 10)


def yymmdd(day: dt.date) -> str:
    """Date as in an MRZ."""
    return f"{day.year % 100:02d}{day.month:02d}{day.day:02d}"
