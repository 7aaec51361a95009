"""School certificate and vaccination certificate."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.training.corpus.blocks import gap, heading, kv, line, para, row, small, title
from paperasse.training.corpus.fakes import (
    date_between,
    digits,
    fr_date,
    letters,
    maybe,
    person,
    pick,
    recent,
)
from paperasse.training.corpus.types import Block, Doc

SCHOOLS = (
    ("École élémentaire", "directeur", "CM1"),
    ("École maternelle", "directrice", "moyenne section"),
    ("École primaire publique", "directrice", "CE2"),
    ("Collège", "principal", "6e"),
    ("Collège", "principale adjointe", "4e"),
    ("Lycée", "proviseur", "Seconde générale"),
    ("Lycée professionnel", "proviseure", "1re Bac Pro"),
)


def certificat_scolarite(fake: Any, rng: random.Random) -> Doc:
    """School or university enrolment certificate."""
    pupil = person(fake, rng, adult=False)
    year = rng.choice((2023, 2024, 2025))
    if maybe(rng, 0.25):
        student = person(fake, rng)
        blocks = [
            title(
                "Université de "
                + pick(rng, ("Lille", "Rennes 2", "Bordeaux", "Paris-Saclay", "Lorraine"))
            ),
            heading("CERTIFICAT DE SCOLARITÉ"),
            kv("Année universitaire", f"{year}-{year + 1}"),
            para(
                f"Le Président de l'Université certifie que {student.formal}, né(e) le "
                f"{fr_date(student.birth)}, INE {digits(rng, 10)}{letters(rng, 1)}, est "
                "régulièrement inscrit(e) pour l'année universitaire en cours."
            ),
            kv(
                "Inscription principale",
                pick(rng, ("Licence 2 Droit", "Master 1 Informatique", "BUT GEA")),
            ),
            kv("N° étudiant", digits(rng, 8)),
            line(
                f"Fait le {fr_date(date_between(rng, dt.date(year, 9, 1), dt.date(year, 12, 20)))}"
            ),
        ]
        return Doc("certificat_scolarite", "universite", blocks=blocks)
    kind, head, level = pick(rng, SCHOOLS)
    school = f"{kind} {fake.last_name()}" if maybe(rng, 0.5) else f"{kind} Jules Ferry"
    blocks = [
        line("MINISTÈRE DE L'ÉDUCATION NATIONALE"),
        small(
            f"Académie de {pick(rng, ('Lyon', 'Rennes', 'Nantes', 'Versailles', 'Lille', 'Dijon'))}"
        ),
        heading(school),
        line(f"{fake.street_address()} {fake.postcode()} {fake.city()}"),
        small(f"UAI : {digits(rng, 7)}{letters(rng, 1)}"),
        title(
            pick(
                rng,
                ("CERTIFICAT DE SCOLARITÉ", "Certificat de scolarité", "ATTESTATION DE SCOLARITÉ"),
            )
        ),
        para(
            f"Je soussigné(e), {fake.name()}, {head} de l'établissement, certifie que l'élève "
            f"{pupil.first} {pupil.last.upper()}, né(e) le {fr_date(pupil.birth)} à "
            f"{pupil.birth_city}, est inscrit(e) dans notre établissement pour l'année scolaire "
            f"{year}-{year + 1} en classe de {level}."
        ),
    ]
    if maybe(rng, 0.5):
        blocks.append(kv("Régime", pick(rng, ("externe", "demi-pensionnaire", "interne"))))
    blocks += [
        para("Le présent certificat est délivré pour servir et valoir ce que de droit."),
        line(
            f"Fait à {fake.city()}, le "
            f"{fr_date(date_between(rng, dt.date(year, 9, 1), dt.date(year, 12, 20)))}"
        ),
        line("Cachet de l'établissement et signature"),
    ]
    return Doc("certificat_scolarite", kind.split()[0].lower(), blocks=blocks)


VACCINES = (
    ("DTP - Diphtérie Tétanos Poliomyélite", "Infanrix Hexa"),
    ("Coqueluche", "Infanrix Hexa"),
    ("Haemophilus influenzae b", "Hexyon"),
    ("Hépatite B", "Engerix B10"),
    ("Pneumocoque", "Prevenar 13"),
    ("ROR - Rougeole Oreillons Rubéole", "Priorix"),
    ("Méningocoque C", "Neisvac"),
    ("BCG", "BCG AJVaccines"),
)


def certificat_vaccination(fake: Any, rng: random.Random) -> Doc:
    """Vaccination certificate or the vaccination page of the health booklet."""
    child = person(fake, rng, adult=False)
    kind = pick(rng, ("certificat", "carnet", "covid"))
    if kind == "covid":
        adult = person(fake, rng)
        covid = [
            title("CERTIFICAT DE VACCINATION COVID-19"),
            small("Assurance Maladie - Ministère chargé de la santé"),
            kv("Nom", adult.last.upper()),
            kv("Prénom", adult.first),
            kv("Date de naissance", fr_date(adult.birth)),
            kv("Maladie ou agent ciblé", "COVID-19"),
            kv("Vaccin", pick(rng, ("Comirnaty Pfizer-BioNTech", "Spikevax Moderna"))),
            kv("Rang de la dose", f"{rng.randint(1, 4)}/{rng.randint(2, 4)}"),
            kv(
                "Date de vaccination",
                fr_date(date_between(rng, dt.date(2021, 1, 5), dt.date(2023, 12, 1))),
            ),
            line("QR code à présenter"),
        ]
        return Doc("certificat_vaccination", kind, blocks=covid)
    head = "CERTIFICAT DE VACCINATION" if kind == "certificat" else "VACCINATIONS"
    blocks: list[Block] = [title(head)]
    if kind == "certificat":
        blocks.append(
            para(
                f"Je soussigné(e), Docteur {fake.name()}, certifie que l'enfant {child.first} "
                f"{child.last.upper()}, né(e) le {fr_date(child.birth)}, a reçu les vaccinations "
                "obligatoires conformément au calendrier vaccinal en vigueur."
            )
        )
    else:
        blocks.append(small("Carnet de santé - Vaccinations obligatoires et recommandées"))
        blocks.append(kv("Nom de l'enfant", f"{child.last.upper()} {child.first}"))
    blocks.append(row("Vaccin", "Nom du vaccin", "Date", "Lot", "Signature et cachet du médecin"))
    for disease, product in rng.sample(VACCINES, rng.randint(3, 7)):
        day = date_between(rng, child.birth, dt.date(2025, 6, 1))
        blocks.append(row(disease, product, fr_date(day), letters(rng, 1) + digits(rng, 5), "Dr"))
    blocks += [gap(), line(f"Fait à {fake.city()}, le {fr_date(recent(rng))}")]
    return Doc("certificat_vaccination", kind, blocks=blocks)
