"""Identity and vehicle documents: ID card, passport, residence permit, licence, cards."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.training.corpus.blocks import gap, heading, kv, line, mrz, para, small, title
from paperasse.training.corpus.fakes import (
    DEPARTMENTS,
    Person,
    date_between,
    digits,
    fr_date,
    letters,
    maybe,
    mrz_check,
    mrz_name,
    mrz_pad,
    nir,
    person,
    pick,
    plate,
    yymmdd,
)
from paperasse.training.corpus.types import Block, Doc


def _issue_expiry(rng: random.Random, years: int) -> tuple[dt.date, dt.date]:
    issued = date_between(rng, dt.date(2012, 1, 1), dt.date(2025, 6, 1))
    return issued, issued.replace(day=min(issued.day, 28), year=issued.year + years)


def _td1(kind: str, number: str, who: Person, expiry: dt.date) -> list[Block]:
    """Three-line MRZ of ID-1 cards (new CNI, residence permit)."""
    first = mrz_pad(f"{kind}FRA{number}{mrz_check(number)}", 30)
    birth = yymmdd(who.birth)
    second = f"{birth}{mrz_check(birth)}{who.sex}{yymmdd(expiry)}{mrz_check(yymmdd(expiry))}FRA"
    second = mrz_pad(second, 29) + "0"
    names = mrz_name(who.last) + "<<" + mrz_name(who.first)
    return [mrz(first), mrz(second), mrz(mrz_pad(names, 30))]


def carte_identite(fake: Any, rng: random.Random) -> Doc:
    """French national ID card, 2021 card format or the older laminated one."""
    who = person(fake, rng)
    issued, expiry = _issue_expiry(rng, pick(rng, (10, 15)))
    side = pick(rng, ("both", "both", "recto", "verso"))
    if maybe(rng, 0.55):
        number = letters(rng, 1) + digits(rng, 1) + letters(rng, 2) + digits(rng, 5)
        recto = [
            line("RÉPUBLIQUE FRANÇAISE"),
            title("CARTE NATIONALE D'IDENTITÉ"),
            small("IDENTITY CARD"),
            kv("Nom / Surname", who.last.upper()),
            kv("Prénoms / Given names", ", ".join(filter(None, [who.first, who.others]))),
            kv("Sexe / Sex", who.sex),
            kv("Nationalité / Nationality", "FRA"),
            kv("Date de naissance / Date of birth", fr_date(who.birth, 3)),
            kv("Lieu de naissance / Place of birth", who.birth_city.upper()),
            kv("N° du document / Document No", number),
            kv("Date d'expiration / Expiry date", fr_date(expiry, 3)),
            small("Signature du titulaire / Holder's signature"),
        ]
        verso = [
            kv("Adresse / Address", f"{who.street} {who.postcode} {who.city.upper()}"),
            kv("Date de délivrance / Date of issue", fr_date(issued, 3)),
            kv("Autorité de délivrance / Issuing authority", f"Préfet de {pick(rng, DEPARTMENTS)}"),
            small(f"CAN {digits(rng, 6)}"),
            gap(),
            *_td1("ID", number, who, expiry),
        ]
        variant = "cni_2021"
    else:
        number = digits(rng, 12)
        recto = [
            line("RÉPUBLIQUE FRANÇAISE"),
            title(f"CARTE NATIONALE D'IDENTITÉ N° : {number}"),
            kv("Nationalité Française", ""),
            kv("Nom :", who.last.upper()),
            kv("Prénom(s) :", ", ".join(filter(None, [who.first, who.others]))),
            kv("Sexe :", who.sex),
            kv("Né(e) le :", fr_date(who.birth, 2)),
            kv("à :", who.birth_city.upper()),
            kv("Taille :", f"1,{rng.randint(50, 95)}m"),
            small("Signature du titulaire :"),
        ]
        top = mrz_pad("IDFRA" + mrz_name(who.last), 30) + digits(rng, 3) + digits(rng, 3)
        bottom = number + mrz_check(number) + mrz_pad(mrz_name(who.first), 14)
        bottom += yymmdd(who.birth) + mrz_check(yymmdd(who.birth)) + who.sex + "8"
        verso = [
            kv("Adresse :", f"{who.street} {who.postcode} {who.city.upper()}"),
            kv("Carte valable jusqu'au :", fr_date(expiry, 2)),
            kv("délivrée le :", fr_date(issued, 2)),
            kv("par :", f"PRÉFECTURE DE {pick(rng, DEPARTMENTS).upper()}"),
            small("Signature de l'autorité :"),
            gap(),
            mrz(top),
            mrz(bottom),
        ]
        variant = "cni_1994"
    pages = {"both": [recto, verso], "recto": [recto], "verso": [verso]}[side]
    return Doc("carte_identite", f"{variant}_{side}", page="card", pages=pages)


def passeport(fake: Any, rng: random.Random) -> Doc:
    """French biometric passport data page."""
    who = person(fake, rng)
    issued, expiry = _issue_expiry(rng, 10)
    number = digits(rng, 2) + letters(rng, 2) + digits(rng, 5)
    line1 = mrz_pad(f"P<FRA{mrz_name(who.last)}<<{mrz_name(who.first)}", 44)
    birth, exp = yymmdd(who.birth), yymmdd(expiry)
    line2 = f"{number}{mrz_check(number)}FRA{birth}{mrz_check(birth)}{who.sex}{exp}{mrz_check(exp)}"
    blocks = [
        line("RÉPUBLIQUE FRANÇAISE"),
        title("PASSEPORT / PASSPORT"),
        kv("Type / Type", "P"),
        kv("Code du pays / Country code", "FRA"),
        kv("Passeport N° / Passport No.", number),
        kv("Nom / Surname", who.last.upper()),
        kv("Prénoms / Given names", ", ".join(filter(None, [who.first, who.others]))),
        kv("Nationalité / Nationality", "Française"),
        kv("Date de naissance / Date of birth", fr_date(who.birth, 3)),
        kv("Sexe / Sex", who.sex),
        kv("Lieu de naissance / Place of birth", who.birth_city.upper()),
        kv("Date de délivrance / Date of issue", fr_date(issued, 3)),
        kv("Date d'expiration / Date of expiry", fr_date(expiry, 3)),
        kv("Autorité / Authority", f"Préfecture de {pick(rng, DEPARTMENTS)}"),
        small("Signature du titulaire / Holder's signature"),
        gap(),
        mrz(line1),
        mrz(mrz_pad(line2, 44)),
    ]
    if maybe(rng, 0.3):
        blocks = [*blocks[:1], line("UNION EUROPÉENNE"), *blocks[1:]]
    return Doc("passeport", "passport_data_page", page="card", blocks=blocks)


PERMITS = (
    "CARTE DE SÉJOUR TEMPORAIRE",
    "CARTE DE SÉJOUR PLURIANNUELLE",
    "CARTE DE RÉSIDENT",
    "CARTE DE RÉSIDENT LONGUE DURÉE - UE",
    "CARTE DE SÉJOUR PASSEPORT TALENT",
)
PERMIT_REMARKS = (
    "VIE PRIVÉE ET FAMILIALE",
    "SALARIÉ",
    "ÉTUDIANT",
    "TRAVAILLEUR TEMPORAIRE",
    "MEMBRE DE FAMILLE",
    "ENTREPRENEUR / PROFESSION LIBÉRALE",
)
NATIONALITIES = ("MAR", "DZA", "TUN", "SEN", "MLI", "CIV", "CMR", "TUR", "CHN", "HTI", "VNM")


def titre_sejour(fake: Any, rng: random.Random) -> Doc:
    """Residence permit card (titre de séjour), recto and verso."""
    who = person(fake, rng)
    issued, expiry = _issue_expiry(rng, pick(rng, (1, 4, 10)))
    number = digits(rng, 10)
    recto = [
        line("RÉPUBLIQUE FRANÇAISE"),
        title("TITRE DE SÉJOUR"),
        small("RESIDENCE PERMIT"),
        kv("Nom / Surname", who.last.upper()),
        kv("Prénoms / Given names", who.first),
        kv("Sexe / Sex", who.sex),
        kv("Nationalité / Nationality", pick(rng, NATIONALITIES)),
        kv("Date de naissance / Date of birth", fr_date(who.birth, 3)),
        kv("Type de titre / Type of permit", pick(rng, PERMITS)),
        kv("Valable jusqu'au / Valid until", fr_date(expiry, 3)),
        kv("N° / No", number),
    ]
    verso = [
        kv("Remarques / Remarks", pick(rng, PERMIT_REMARKS)),
        kv("Lieu de naissance / Place of birth", fake.city().upper()),
        kv("Adresse / Address", f"{who.street} {who.postcode} {who.city.upper()}"),
        kv("Date de délivrance / Date of issue", fr_date(issued, 3)),
        kv("Lieu de délivrance / Place of issue", f"Préfecture de {pick(rng, DEPARTMENTS)}"),
        line("AUTORISE SON TITULAIRE À TRAVAILLER" if maybe(rng, 0.6) else ""),
        gap(),
        *_td1("IR", number[:9], who, expiry),
    ]
    pages = [recto, verso] if maybe(rng, 0.7) else [pick(rng, (recto, verso))]
    return Doc("titre_sejour", "residence_card", page="card", pages=pages)


CATEGORIES = ("AM", "A1", "A2", "A", "B1", "B", "BE", "C1", "C", "D1", "D")


def permis_conduire(fake: Any, rng: random.Random) -> Doc:
    """Driving licence: the 2013 EU card or the old pink paper licence."""
    who = person(fake, rng)
    issued, expiry = _issue_expiry(rng, 15)
    if maybe(rng, 0.7):
        number = digits(rng, 2) + letters(rng, 2) + digits(rng, 5)
        recto = [
            title("PERMIS DE CONDUIRE"),
            line("RÉPUBLIQUE FRANÇAISE"),
            kv("1.", who.last.upper()),
            kv("2.", who.first.upper()),
            kv("3.", f"{fr_date(who.birth, 2)} {who.birth_city.upper()}"),
            kv("4a.", fr_date(issued, 2)),
            kv("4b.", fr_date(expiry, 2)),
            kv("4c.", f"{pick(rng, ('ANTS', 'Préfecture ' + pick(rng, DEPARTMENTS)))}"),
            kv("5.", number),
            kv("9.", " ".join(rng.sample(CATEGORIES[:6], rng.randint(1, 3)))),
        ]
        verso = [heading("9. Catégorie   10. Date   11. Date   12. Mentions")]
        for cat in CATEGORIES:
            verso.append(line(f"{cat}  {fr_date(issued, 2) if maybe(rng, 0.3) else ''}"))
        verso += [
            small("12. Code 01 : correction et/ou protection de la vue"),
            mrz(f"D1FRA{number}"),
        ]
        pages = [recto, verso] if maybe(rng, 0.6) else [recto]
        return Doc("permis_conduire", "eu_card", page="card", pages=pages)
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
    recto = [
        title("carte Vitale"),
        line("Assurance Maladie" if maybe(rng, 0.7) else "Carte d'assurance maladie"),
        line(f"{who.first.upper()} {who.last.upper()}"),
        line(nir(rng, who)),
        kv("Carte émise le", fr_date(date_between(rng, dt.date(2008, 1, 1), dt.date(2025, 5, 1)))),
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
    pages = [recto, verso] if maybe(rng, 0.4) else [recto]
    return Doc("carte_vitale", "vitale", page="card", pages=pages)


VEHICLES = (
    ("RENAULT", "CLIO", "M10RENVP"),
    ("PEUGEOT", "208", "UBHNZ6"),
    ("CITROEN", "C3", "SXHMZ6"),
    ("VOLKSWAGEN", "GOLF", "AUVCZC"),
    ("TOYOTA", "YARIS", "XP21(H)"),
    ("DACIA", "SANDERO", "BSDAD"),
    ("RENAULT", "ZOE", "AG1AE1"),
)


def carte_grise(fake: Any, rng: random.Random) -> Doc:
    """Vehicle registration certificate (certificat d'immatriculation)."""
    who = person(fake, rng)
    make, model, vtype = pick(rng, VEHICLES)
    first = date_between(rng, dt.date(2005, 1, 1), dt.date(2025, 5, 1))
    fields = [
        ("A.", plate(rng)),
        ("B.", fr_date(first)),
        ("C.1", f"{who.last.upper()} {who.first.upper()}"),
        ("C.3", f"{who.street} {who.postcode} {who.city.upper()}"),
        ("C.4a", "EST LE PROPRIÉTAIRE DU VÉHICULE"),
        ("D.1", make),
        ("D.2", vtype),
        ("D.3", model),
        ("E.", "VF1" + letters(rng, 4) + digits(rng, 10)),
        ("F.1", str(rng.randint(1400, 2200))),
        ("G.1", str(rng.randint(1000, 1600))),
        ("J.1", "VP"),
        ("J.3", "CI"),
        ("P.1", str(rng.randint(900, 2000))),
        ("P.3", pick(rng, ("ES", "GO", "EL", "EH"))),
        ("P.6", str(rng.randint(3, 9))),
        ("S.1", "5"),
        ("V.7", f"{rng.randint(0, 180)} g/km"),
        ("I.", fr_date(date_between(rng, first, dt.date(2025, 6, 1)))),
        ("Y.1", f"{rng.randint(100, 500)},00"),
    ]
    blocks = [
        line("RÉPUBLIQUE FRANÇAISE"),
        title("CERTIFICAT D'IMMATRICULATION"),
        small("Union européenne - Ministère de l'Intérieur"),
    ]
    if maybe(rng, 0.5):
        blocks += [kv(f"{code}", value) for code, value in fields]
    else:
        labels = {
            "A.": "Numéro d'immatriculation",
            "B.": "Date de 1re immatriculation",
            "C.1": "Nom, prénom",
            "D.1": "Marque",
            "E.": "N° d'identification du véhicule",
            "J.1": "Genre national",
            "P.6": "Puissance administrative",
        }
        blocks += [kv(f"{code} {labels.get(code, '')}".strip(), value) for code, value in fields]
    blocks += [
        small("Coupon détachable à remplir en cas de cession du véhicule"),
        line(f"N° de formule {digits(rng, 4)}{letters(rng, 2)}{digits(rng, 5)}"),
    ]
    return Doc("carte_grise", "siv", page="a4", blocks=blocks)
