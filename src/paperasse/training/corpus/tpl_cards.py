"""Other cards and vehicle papers: driving licence, carte Vitale, carte grise.

The carte grise uses the field codes of the certificat d'immatriculation (SIV,
arrêté du 9 février 2009 fixant les caractéristiques et l'instance de délivrance
du certificat d'immatriculation des véhicules): A, B, C.1, C.3, C.4a, D.1, D.2,
D.3, E, F.1, F.2, G, G.1, H, I, J, J.1, J.2, J.3, K, P.1, P.2, P.3, P.6, Q, S.1,
S.2, U.1, U.2, V.7, V.9, X.1, Y.1-Y.6, Z.1. The EU driving licence numbers its
fields 1 to 12 (directive 2006/126/CE, annexe I).
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.training.corpus.blocks import (
    field,
    fields,
    heading,
    kv,
    line,
    mrz,
    para,
    photo,
    row,
    small,
    title,
)
from paperasse.training.corpus.fakes import (
    DEPARTMENTS,
    date_between,
    digits,
    fr_date,
    letters,
    maybe,
    mrz_name,
    mrz_pad,
    nir,
    person,
    pick,
    plate,
)
from paperasse.training.corpus.tpl_identity import issue_expiry
from paperasse.training.corpus.types import Block, Doc

CATEGORIES = (
    "AM",
    "A1",
    "A2",
    "A",
    "B1",
    "B",
    "BE",
    "C1",
    "C1E",
    "C",
    "CE",
    "D1",
    "D1E",
    "D",
    "DE",
)


def permis_conduire(fake: Any, rng: random.Random) -> Doc:
    """Driving licence: the 2013 EU card or the old pink paper licence."""
    who = person(fake, rng)
    issued, expiry = issue_expiry(rng, 15)
    if maybe(rng, 0.75):
        number = digits(rng, 2) + letters(rng, 2) + digits(rng, 5)
        held = rng.sample(CATEGORIES[:7], rng.randint(1, 3))
        recto = [
            photo(),
            title("PERMIS DE CONDUIRE"),
            small("RÉPUBLIQUE FRANÇAISE"),
            kv("1.", who.last.upper()),
            kv("2.", who.first.upper()),
            kv("3.", f"{fr_date(who.birth, 2)} {who.birth_city.upper()}"),
            fields(("4a.", fr_date(issued, 2)), ("4b.", fr_date(expiry, 2))),
            kv("4c.", pick(rng, ("Préfecture " + pick(rng, DEPARTMENTS), "ANTS"))),
            kv("5.", number),
            kv("9.", " ".join(held)),
        ]
        verso = [heading("9.   10.   11.   12.")]
        for cat in CATEGORIES[:11]:
            day = fr_date(issued, 2) if cat in held else ""
            verso.append(line(f"{cat}  {day}  {fr_date(expiry, 2) if day else ''}"))
        verso += [
            small("12. Code 01 : correction et/ou protection de la vue"),
            mrz(mrz_pad(f"D1FRA{number}{mrz_name(who.last)}", 30)),
        ]
        pages = pick(rng, ([recto, verso], [recto], [recto], [verso]))
        return Doc(
            "permis_conduire", f"eu_card_{len(pages)}", page="id1", pages=pages, security=True
        )
    blocks = [
        line("RÉPUBLIQUE FRANÇAISE"),
        title("PERMIS DE CONDUIRE"),
        kv("Préfecture de", pick(rng, DEPARTMENTS)),
        kv("Nom :", who.last.upper()),
        kv("Prénoms :", who.first),
        kv("Né(e) le", f"{fr_date(who.birth)} à {who.birth_city}"),
        kv("Domicile :", f"{who.street} {who.city}"),
        kv("N°", digits(rng, 12)),
        kv("Catégorie B obtenue le", fr_date(issued)),
        line("Le Préfet, pour le Préfet et par délégation"),
        small("Ce permis doit être présenté à toute réquisition des agents de l'autorité"),
    ]
    return Doc("permis_conduire", "paper_1990", page="a4", blocks=blocks)


def carte_vitale(fake: Any, rng: random.Random) -> Doc:
    """Health-insurance card (carte Vitale), recto and sometimes verso."""
    who = person(fake, rng)
    emitted = date_between(rng, dt.date(2008, 1, 1), dt.date(2025, 5, 1))
    recto = [
        *([photo()] if maybe(rng, 0.6) else []),
        title("carte Vitale"),
        line("Assurance Maladie" if maybe(rng, 0.7) else "Carte d'assurance maladie"),
        line(f"{who.first.upper()} {who.last.upper()}"),
        line(nir(rng, who)),
        kv("Carte émise le", fr_date(emitted)),
        small(digits(rng, 10)),
    ]
    verso = [
        line("Cette carte est strictement personnelle."),
        para(
            "Présentez-la à chaque consultation. En cas de perte ou de vol, "
            "contactez votre caisse d'Assurance Maladie."
        ),
        line("ameli.fr"),
        small("Signature du titulaire"),
    ]
    pages = [recto, verso] if maybe(rng, 0.3) else [recto]
    return Doc("carte_vitale", f"vitale_{len(pages)}", page="id1", pages=pages, security=True)


VEHICLES = (
    ("RENAULT", "CLIO", "M10RENVP"),
    ("PEUGEOT", "208", "UBHNZ6"),
    ("CITROEN", "C3", "SXHMZ6"),
    ("VOLKSWAGEN", "GOLF", "AUVCZC"),
    ("TOYOTA", "YARIS", "XP21(H)"),
    ("DACIA", "SANDERO", "BSDAD"),
    ("RENAULT", "ZOE", "AG1AE1"),
    ("FORD", "FIESTA", "JHH"),
)
CODE_LABELS = {
    "A.": "Numéro d'immatriculation",
    "B.": "Date de première immatriculation",
    "C.1": "Nom, prénom ou raison sociale du titulaire",
    "C.3": "Adresse du titulaire",
    "D.1": "Marque",
    "D.2": "Type, variante, version",
    "D.3": "Dénomination commerciale",
    "E.": "Numéro d'identification du véhicule",
    "I.": "Date de l'immatriculation",
    "J.1": "Genre national",
    "P.3": "Type de carburant",
    "P.6": "Puissance administrative nationale",
}


def carte_grise(fake: Any, rng: random.Random) -> Doc:
    """Vehicle registration certificate (certificat d'immatriculation, SIV)."""
    who = person(fake, rng)
    make, model, vtype = pick(rng, VEHICLES)
    first = date_between(rng, dt.date(2005, 1, 1), dt.date(2025, 5, 1))
    holder = f"{who.last.upper()} {who.first.upper()}"
    codes = [
        ("A.", plate(rng)),
        ("B.", fr_date(first)),
        ("C.1", holder),
        ("C.3", f"{who.street.upper()} {who.postcode} {who.city.upper()}"),
        ("C.4a", "EST LE PROPRIÉTAIRE DU VÉHICULE"),
        ("D.1", make),
        ("D.2", vtype),
        ("D.2.1", letters(rng, 1) + digits(rng, 4) + letters(rng, 5)),
        ("D.3", model),
        ("E.", "VF1" + letters(rng, 4) + digits(rng, 10)),
        ("F.1", str(rng.randint(1400, 2200))),
        ("F.2", str(rng.randint(1400, 2200))),
        ("G.", str(rng.randint(1000, 1700))),
        ("G.1", str(rng.randint(900, 1600))),
        ("I.", fr_date(date_between(rng, first, dt.date(2025, 6, 1)))),
        ("J.", "M1"),
        ("J.1", "VP"),
        ("J.3", pick(rng, ("CI", "BERLINE", "BREAK"))),
        ("K.", "e2*2007/46*" + digits(rng, 4) + "*" + digits(rng, 2)),
        ("P.1", str(rng.randint(900, 2000))),
        ("P.2", str(rng.randint(50, 110))),
        ("P.3", pick(rng, ("ES", "GO", "EL", "EH"))),
        ("P.6", str(rng.randint(3, 9))),
        ("Q.", f"0,{rng.randint(30, 90)}"),
        ("S.1", "5"),
        ("U.1", str(rng.randint(70, 85))),
        ("V.7", str(rng.randint(0, 180))),
        ("V.9", pick(rng, ("70/220*2001/100EURO4", "715/2007*692/2008EURO5", "EURO6"))),
        ("X.1", fr_date(date_between(rng, first, dt.date(2027, 6, 1)))),
        ("Y.1", f"{rng.randint(100, 500)},00"),
        ("Y.3", "0,00"),
        ("Y.4", "11,00"),
        ("Y.5", "2,76"),
        ("Y.6", f"{rng.randint(110, 520)},76"),
    ]
    blocks: list[Block] = [
        small("UNION EUROPÉENNE"),
        line("RÉPUBLIQUE FRANÇAISE"),
        title("CERTIFICAT D'IMMATRICULATION"),
    ]
    if maybe(rng, 0.5):
        for i in range(0, len(codes), 3):
            blocks.append(fields(*codes[i : i + 3]))
    else:
        labelled = maybe(rng, 0.5)
        for code, value in codes:
            label = f"{code} {CODE_LABELS.get(code, '')}".strip() if labelled else code
            blocks.append(kv(label, value))
    blocks += [
        line(f"N° de formule {rng.randint(2009, 2025)}{letters(rng, 2)}{digits(rng, 5)}"),
        small("COUPON DÉTACHABLE - à remplir par le vendeur en cas de vente du véhicule"),
        row("Date et heure de la vente", "Signature de l'ancien propriétaire"),
    ]
    if maybe(rng, 0.3):
        blocks += [field("Titulaire", holder), small("Certificat d'immatriculation - SIV")]
    return Doc("carte_grise", "siv", page="a4", blocks=blocks, security=maybe(rng, 0.6))
