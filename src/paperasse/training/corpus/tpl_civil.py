"""Civil-status documents: birth, marriage and death certificates, family booklet."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.training.corpus.blocks import gap, heading, kv, line, para, small, title
from paperasse.training.corpus.fakes import (
    Person,
    date_between,
    digits,
    fr_date,
    maybe,
    person,
    pick,
    recent,
    words_date,
)
from paperasse.training.corpus.types import Block, Doc


def _hour(rng: random.Random) -> str:
    return f"{rng.randint(0, 23)} heures {rng.randint(0, 59)} minutes"


def _office(fake: Any, rng: random.Random) -> tuple[str, list[Block]]:
    town = fake.city()
    head = [
        line("RÉPUBLIQUE FRANÇAISE"),
        line(f"{pick(rng, ('Mairie de', 'Ville de', 'Commune de'))} {town}"),
        small(f"Département : {fake.department_name()}"),
    ]
    return town, head


def _delivery(fake: Any, rng: random.Random, town: str) -> list[Block]:
    return [
        gap(),
        line(f"Délivré à {town}, le {fr_date(recent(rng))}"),
        line(pick(rng, ("L'officier de l'état civil", "L'Officier de l'État Civil délégué"))),
        small(f"{fake.last_name().upper()} {fake.first_name()}"),
    ]


def _parents(fake: Any, rng: random.Random, child: Person) -> str:
    father = f"{fake.first_name_male()} {child.last}"
    mother = f"{fake.first_name_female()} {fake.last_name()}"
    return (
        f"{'fils' if child.sex == 'M' else 'fille'} de {father}, né le "
        f"{fr_date(date_between(rng, dt.date(1930, 1, 1), child.birth))}, {pick(rng, JOBS)}, "
        f"et de {mother}, {pick(rng, JOBS)}, domiciliés {fake.street_address()}, {fake.city()}"
    )


JOBS = ("employé", "ingénieur", "sans profession", "agriculteur", "enseignante", "commerçant")


def acte_naissance(fake: Any, rng: random.Random) -> Doc:
    """Birth certificate: full copy, extract with or without parents, multilingual."""
    child = person(fake, rng)
    town, blocks = _office(fake, rng)
    kind = pick(rng, ("copie", "extrait_filiation", "extrait_sans", "plurilingue"))
    number = str(rng.randint(1, 1500))
    if kind == "plurilingue":
        blocks += [
            title("EXTRAIT PLURILINGUE D'ACTE DE NAISSANCE"),
            small("Formulaire A - Convention CIEC n° 16"),
            kv("1 État / Staat / State", "FRANCE"),
            kv("2 Service de l'état civil de", town),
            kv("3 Nom / Surname", child.last.upper()),
            kv("4 Prénoms / Forenames", child.first),
            kv("5 Sexe / Sex", child.sex),
            kv("6 Date de naissance / Date of birth", fr_date(child.birth)),
            kv("7 Lieu de naissance / Place of birth", child.birth_city),
            kv("Acte n°", number),
        ]
    else:
        name = {
            "copie": "COPIE INTÉGRALE D'ACTE DE NAISSANCE",
            "extrait_filiation": "EXTRAIT D'ACTE DE NAISSANCE AVEC FILIATION",
            "extrait_sans": "EXTRAIT D'ACTE DE NAISSANCE SANS FILIATION",
        }[kind]
        blocks += [title(name), kv("N°", number), heading(f"{child.last.upper()} {child.first}")]
        text = (
            f"Le {words_date(child.birth)} à {_hour(rng)} est "
            f"{'né' if child.sex == 'M' else 'née'} à {child.birth_city} "
            f"{child.first} {child.others} {child.last.upper()}, de sexe "
            f"{'masculin' if child.sex == 'M' else 'féminin'}"
        )
        if kind != "extrait_sans":
            text += ", " + _parents(fake, rng, child)
        blocks.append(para(text + "."))
        if kind == "copie":
            blocks.append(
                para(
                    f"Dressé le {words_date(child.birth + dt.timedelta(days=2))}, à "
                    f"{rng.randint(8, 17)} heures, sur la déclaration du père, qui, lecture "
                    f"faite et invité à lire l'acte, a signé avec Nous, {fake.name()}, "
                    "officier de l'état civil."
                )
            )
        blocks.append(heading("Mentions marginales"))
        if maybe(rng, 0.5):
            blocks.append(
                para(
                    f"Marié(e) à {town} le {fr_date(date_between(rng, child.birth, recent(rng)))} "
                    f"avec {fake.name()}."
                )
            )
        else:
            blocks.append(line("Néant"))
    blocks += _delivery(fake, rng, town)
    return Doc("acte_naissance", kind, blocks=blocks)


def acte_mariage(fake: Any, rng: random.Random) -> Doc:
    """Marriage certificate: full copy or extract."""
    one, two = person(fake, rng, sex="M"), person(fake, rng, sex=pick(rng, ("F", "F", "M")))
    town, blocks = _office(fake, rng)
    day = date_between(rng, dt.date(1975, 1, 1), dt.date(2025, 6, 1))
    full = maybe(rng, 0.5)
    blocks += [
        title("COPIE INTÉGRALE D'ACTE DE MARIAGE" if full else "EXTRAIT D'ACTE DE MARIAGE"),
        kv("N°", str(rng.randint(1, 300))),
        heading(f"{one.last.upper()} {one.first} et {two.last.upper()} {two.first}"),
        para(
            f"Le {words_date(day)}, à {_hour(rng)}, devant Nous ont comparu publiquement en la "
            f"maison commune : {one.first} {one.last.upper()}, {pick(rng, JOBS)}, né à "
            f"{one.birth_city} le {fr_date(one.birth, 1)}, domicilié à {one.city}, et "
            f"{two.first} {two.last.upper()}, {pick(rng, JOBS)}, "
            f"{'né' if two.sex == 'M' else 'née'}"
            f" à {two.birth_city} le {fr_date(two.birth, 1)}."
        ),
        para(
            pick(
                rng,
                (
                    "Sans contrat de mariage.",
                    "Les époux ont déclaré qu'il n'a pas été fait de contrat de mariage.",
                    f"Un contrat de mariage a été reçu le {fr_date(day - dt.timedelta(days=30))} "
                    f"par Maître {fake.last_name()}, notaire à {fake.city()}.",
                ),
            )
        ),
    ]
    if full:
        blocks.append(
            para(
                "Les futurs époux ont déclaré l'un après l'autre vouloir se prendre pour époux "
                "et Nous avons prononcé au nom de la loi qu'ils sont unis par le mariage. "
                f"En présence de {fake.name()} et de {fake.name()}, témoins majeurs."
            )
        )
    blocks += [heading("Mentions marginales"), line(pick(rng, ("Néant", "Divorce prononcé")))]
    blocks += _delivery(fake, rng, town)
    return Doc("acte_mariage", "copie" if full else "extrait", blocks=blocks)


def acte_deces(fake: Any, rng: random.Random) -> Doc:
    """Death certificate."""
    who = person(fake, rng)
    town, blocks = _office(fake, rng)
    day = recent(rng, 3000)
    dead = "décédé" if who.sex == "M" else "décédée"
    blocks += [
        title(
            pick(
                rng, ("ACTE DE DÉCÈS", "COPIE INTÉGRALE D'ACTE DE DÉCÈS", "EXTRAIT D'ACTE DE DÉCÈS")
            )
        ),
        kv("N°", str(rng.randint(1, 900))),
        heading(f"{who.last.upper()} {who.first}"),
        para(
            f"Le {words_date(day)}, à {_hour(rng)}, est {dead} en son domicile, {who.street}, "
            f"{town}, {who.first} {who.last.upper()}, {pick(rng, ('retraité', 'sans profession'))}"
            f", {'né' if who.sex == 'M' else 'née'} à {who.birth_city} le {fr_date(who.birth, 1)}, "
            f"{_parents(fake, rng, who)}. "
            f"{pick(rng, ('Époux', 'Veuf', 'Célibataire', 'Divorcé'))} de {fake.name()}."
        ),
        para(
            f"Dressé le {fr_date(day + dt.timedelta(days=1), 1)}, à {rng.randint(8, 17)} heures, "
            f"sur la déclaration de {fake.name()}, {pick(rng, ('fils', 'fille', 'voisin'))} du "
            f"défunt, qui, lecture faite et invité à lire l'acte, a signé avec Nous, "
            f"{fake.name()}, adjoint au maire, officier de l'état civil par délégation."
        ),
    ]
    blocks += _delivery(fake, rng, town)
    return Doc("acte_deces", "acte", blocks=blocks)


def livret_famille(fake: Any, rng: random.Random) -> Doc:
    """Family booklet: cover page, spouses' page or children's page."""
    one, two = person(fake, rng, sex="M"), person(fake, rng, sex="F")
    town = fake.city()
    page = pick(rng, ("couverture", "epoux", "enfants"))
    blocks: list[Block] = [line("RÉPUBLIQUE FRANÇAISE"), title("LIVRET DE FAMILLE")]
    if page == "couverture":
        blocks += [
            line(pick(rng, ("Mariage", "Parents non mariés", "Famille"))),
            kv("Commune de", town),
            kv("Époux ou père", f"{one.last.upper()} {one.first}"),
            kv("Épouse ou mère", f"{two.last.upper()} {two.first}"),
            para(
                f"Le présent livret a été délivré le {fr_date(recent(rng, 9000))} par "
                "l'officier de l'état civil. Il doit être présenté à l'officier de l'état "
                "civil pour y porter les mentions relatives aux actes."
            ),
            small("Ministère de la Justice - Livret de famille"),
        ]
    elif page == "epoux":
        day = date_between(rng, dt.date(1980, 1, 1), dt.date(2024, 1, 1))
        blocks += [
            heading("EXTRAIT DE L'ACTE DE MARIAGE"),
            kv("Le", f"{fr_date(day, 1)} à {town}"),
            heading("Époux"),
            kv("Nom", one.last.upper()),
            kv("Prénoms", one.first),
            kv("né le", f"{fr_date(one.birth)} à {one.birth_city}"),
            heading("Épouse"),
            kv("Nom", two.last.upper()),
            kv("Prénoms", two.first),
            kv("née le", f"{fr_date(two.birth)} à {two.birth_city}"),
            kv("Contrat de mariage", pick(rng, ("néant", "séparation de biens"))),
            line("L'officier de l'état civil"),
        ]
    else:
        blocks.append(heading("ENFANTS"))
        for rank in ("Premier enfant", "Deuxième enfant", "Troisième enfant")[: rng.randint(1, 3)]:
            child = person(fake, rng, adult=False)
            blocks += [
                heading(rank),
                kv("Acte de naissance n°", str(rng.randint(1, 900))),
                kv("Nom", one.last.upper()),
                kv("Prénoms", child.first),
                kv("Sexe", child.sex),
                kv("né(e) le", f"{fr_date(child.birth)} à {child.birth_city}"),
                small(f"Extrait certifié conforme - Mairie de {town} - {digits(rng, 4)}"),
            ]
        blocks.append(line("Décès : ........"))
    return Doc("livret_famille", page, blocks=blocks)
