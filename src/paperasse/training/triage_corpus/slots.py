"""Fillers for the ``{slot}`` placeholders of the letter templates.

Persons, addresses and companies come from Faker ``fr_FR``; the rest (schools,
amounts, parcels, dates in French) are drawn from small lists here.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable

from faker import Faker

from paperasse.models.domain import FRENCH_MONTHS

SCHOOLS = (
    "l'école maternelle Jules Ferry",
    "l'école élémentaire Jean Jaurès",
    "le groupe scolaire Louise Michel",
    "l'école des Tilleuls",
    "l'école primaire Victor Hugo",
    "l'école du Centre",
    "l'école Marie Curie",
)
ASSOCIATIONS = (
    "le Comité des fêtes",
    "l'Amicale des anciens combattants",
    "le Football Club municipal",
    "l'association Les Amis du patrimoine",
    "le Club de l'amitié",
    "l'Union musicale",
    "l'association des parents d'élèves",
    "le Judo club",
)
BODIES = (
    "Préfecture de la Gironde",
    "Préfecture du Nord",
    "Sous-préfecture de Libourne",
    "Direction départementale des territoires",
    "Conseil départemental",
    "Caisse d'allocations familiales",
    "Direction générale des finances publiques",
    "Agence régionale de santé",
    "Rectorat de l'académie",
)
PLACES = (
    "rue des Lilas",
    "avenue de la Gare",
    "chemin des Vignes",
    "place de l'Église",
    "rue du Stade",
    "impasse des Peupliers",
    "route de la Forêt",
    "boulevard Gambetta",
)
Filler = Callable[["SlotContext"], str]


class SlotContext:
    """Randomness shared by the fillers of one generated corpus."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("fr_FR")
        self.fake.seed_instance(seed)
        self.today = dt.date(2026, 1, 1) + dt.timedelta(days=self.rng.randrange(365))


def french_date(day: dt.date) -> str:
    """A date as a French letter writes it: "3 mars 2026"."""
    first = "1er" if day.day == 1 else str(day.day)
    return f"{first} {FRENCH_MONTHS[day.month - 1]} {day.year}"


def _future(ctx: SlotContext, low: int, high: int) -> str:
    return french_date(ctx.today + dt.timedelta(days=ctx.rng.randint(low, high)))


def _past(ctx: SlotContext) -> str:
    return french_date(ctx.today - dt.timedelta(days=ctx.rng.randint(3, 400)))


FILLERS: dict[str, Filler] = {
    "nom": lambda c: c.fake.name(),
    "prenom": lambda c: c.fake.first_name(),
    "nom_famille": lambda c: c.fake.last_name(),
    "enfant": lambda c: c.fake.first_name(),
    "adresse": lambda c: c.fake.street_address(),
    "ville": lambda c: c.fake.city(),
    "cp": lambda c: c.fake.postcode(),
    "entreprise": lambda c: c.fake.company(),
    "email": lambda c: c.fake.email(),
    "tel": lambda c: c.fake.phone_number(),
    "siret": lambda c: c.fake.siret(),
    "lieu": lambda c: c.rng.choice(PLACES),
    "ecole": lambda c: c.rng.choice(SCHOOLS),
    "association": lambda c: c.rng.choice(ASSOCIATIONS),
    "organisme": lambda c: c.rng.choice(BODIES),
    "date_future": lambda c: _future(c, 20, 200),
    "date_proche": lambda c: _future(c, 2, 12),
    "date_passee": _past,
    "annee": lambda c: str(c.today.year + c.rng.choice((0, 1))),
    "montant": lambda c: f"{c.rng.randint(80, 48000)},{c.rng.randint(0, 99):02d} €",
    "numero": lambda c: str(c.rng.randint(1000, 999999)),
    "reference": lambda c: (
        f"{c.rng.choice('ABCDEFPR')}{c.rng.randint(10, 99)}-{c.rng.randint(100, 9999)}"
    ),
    "parcelle": lambda c: f"{c.rng.choice('ABCDEK')}{c.rng.choice('ABCN')} {c.rng.randint(1, 999)}",
    "surface": lambda c: str(c.rng.randint(6, 180)),
    "jours": lambda c: str(c.rng.choice((8, 10, 15, 30))),
    "age": lambda c: str(c.rng.randint(67, 96)),
    "classe": lambda c: c.rng.choice(("petite section", "moyenne section", "CP", "CE1", "CM2")),
    "heure": lambda c: f"{c.rng.randint(9, 19)}h{c.rng.choice(('', '00', '30'))}",
}


def fill(slot: str, ctx: SlotContext) -> str:
    """Value for one placeholder; an unknown slot is a template bug and fails loudly."""
    return FILLERS[slot](ctx)
