"""Identity documents: the ID card (1988 and 2021 models), passports, residence permits.

Wording follows what the documents print, checked against the official specimens:
the 2021 card's verso (specimen MARTIN Maëlys-Gaëlle, published by the Ministry of
the Interior: "TAILLE / Height", "DATE DE DÉLIVRANCE / Date of issue", "ADRESSE /
Address", TD1 MRZ), the 1988 card's recto (specimen BERTHIER Corinne: "CARTE
NATIONALE D'IDENTITÉ N° :", "Nom :", "Prénom(s) :", "Né(e) le :", "Taille :", its
two 36-character MRZ lines at the bottom of the recto), the French passport (pages
2-3: "Page réservée aux autorités compétentes pour délivrer le passeport",
"Couleur des yeux / Colour of eyes") and ICAO Doc 9303 part 4 for foreign passports.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.training.corpus.blocks import (
    barcode,
    field,
    fields,
    gap,
    kv,
    line,
    mrz,
    photo,
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
    person,
    pick,
)
from paperasse.training.corpus.mrz_lines import cni_1988, td1, td3
from paperasse.training.corpus.types import Block, Doc


def issue_expiry(rng: random.Random, years: int) -> tuple[dt.date, dt.date]:
    """An issue date and the expiry ``years`` later."""
    issued = date_between(rng, dt.date(2012, 1, 1), dt.date(2025, 6, 1))
    return issued, issued.replace(day=min(issued.day, 28), year=issued.year + years)


def _given(who: Any) -> str:
    return ", ".join(filter(None, [who.first, who.others]))


def _sides(rng: random.Random, recto: list[Block], verso: list[Block]) -> list[list[Block]]:
    return pick(rng, ([recto, verso], [recto, verso], [recto], [verso]))


def carte_identite(fake: Any, rng: random.Random) -> Doc:
    """French national ID card: the 2021 card or the 1988-2021 laminated one, recto/verso."""
    who = person(fake, rng)
    if maybe(rng, 0.5):
        return _cni_2021(fake, rng, who)
    number = f"{rng.randint(88, 99) if maybe(rng, 0.3) else rng.randint(10, 20):02d}"
    number += f"{rng.randint(1, 12):02d}{digits(rng, 3)}{digits(rng, 5)}"
    issued = date_between(rng, dt.date(2006, 1, 1), dt.date(2021, 6, 1))
    expiry = issued.replace(day=min(issued.day, 28), year=issued.year + pick(rng, (10, 15)))
    dot = pick(rng, (2, 2, 3))
    recto = [
        photo(),
        line("RÉPUBLIQUE FRANÇAISE"),
        kv("CARTE NATIONALE D'IDENTITÉ N° :", number),
        small("Nationalité Française"),
        kv("Nom :", who.last.upper()),
        kv("Prénom(s) :", _given(who).upper() if maybe(rng, 0.5) else _given(who)),
        kv("Sexe :", who.sex),
        kv("Né(e) le :", fr_date(who.birth, dot)),
        kv("à :", f"{who.birth_city.upper()} ({rng.randint(1, 95):02d})"),
        kv("Taille :", f"1m{rng.randint(50, 95)}"),
        small("Signature du titulaire :"),
        gap(),
        *[mrz(text) for text in cni_1988(number, digits(rng, 6), who)],
    ]
    authority = pick(rng, ("PRÉFECTURE", "SOUS-PRÉFECTURE", "PRÉFECTURE DE POLICE"))
    verso = [
        kv("Adresse :", who.street.upper()),
        line(f"{who.postcode} {who.city.upper()}"),
        gap(),
        kv("Carte valable jusqu'au :", fr_date(expiry, dot)),
        kv("délivrée le :", fr_date(issued, dot)),
        kv("par :", f"{authority} DE {pick(rng, DEPARTMENTS).upper()} ({rng.randint(1, 95):02d})"),
        small("Signature de l'autorité :"),
    ]
    pages = _sides(rng, recto, verso)
    mrz_page = 0 if pages[0] is recto else -1
    side = "both" if len(pages) == 2 else ("recto" if pages[0] is recto else "verso")
    return Doc(
        "carte_identite",
        f"cni_1988_{side}",
        page="id1",
        pages=pages,
        mrz=("cni_1988", "ID") if recto in pages else None,
        mrz_page=mrz_page,
        security=True,
    )


def _cni_2021(fake: Any, rng: random.Random, who: Any) -> Doc:
    issued, expiry = issue_expiry(rng, 10)
    number = letters(rng, 1) + digits(rng, 1) + letters(rng, 2) + letters(rng, 1) + digits(rng, 4)
    recto = [
        photo(),
        line("RÉPUBLIQUE FRANÇAISE"),
        title("CARTE NATIONALE D'IDENTITÉ / IDENTITY CARD"),
        field("NOM / Surname", who.last.upper()),
        field("Prénoms / Given names", _given(who)),
        fields(
            ("SEXE / Sex", who.sex),
            ("NATIONALITÉ / Nationality", "FRA"),
            ("DATE DE NAISS. / Date of birth", fr_date(who.birth, 3)),
        ),
        field("LIEU DE NAISSANCE / Place of birth", who.birth_city.upper()),
        fields(
            ("N° DU DOCUMENT / Document No", number),
            ("DATE D'EXPIR. / Expiry date", fr_date(expiry, 3)),
        ),
        small(digits(rng, 6)),
    ]
    verso = [
        barcode(f"{who.first};{who.last.upper()};{fr_date(who.birth)};{number}"),
        fields(
            ("TAILLE / Height", f"1,{rng.randint(50, 95)} m"),
            ("DATE DE DÉLIVRANCE / Date of issue", fr_date(issued, 3)),
        ),
        field("ADRESSE / Address", who.street.upper()),
        line(f"{who.postcode} {who.city.upper()}"),
        line("FRANCE"),
        small(digits(rng, 12)),
        line("RÉPUBLIQUE FRANÇAISE"),
        *[mrz(text) for text in td1("ID", "FRA", number, who, expiry)],
    ]
    pages = _sides(rng, recto, verso)
    side = "both" if len(pages) == 2 else ("recto" if pages[0] is recto else "verso")
    return Doc(
        "carte_identite",
        f"cni_2021_{side}",
        page="id1",
        pages=pages,
        mrz=("td1", "ID") if verso in pages else None,
        security=True,
    )


EYES = ("MARRON", "BLEU", "VERT", "NOIR", "GRIS", "NOISETTE")
AUTHORITY_PAGE = [
    "Page réservée aux autorités compétentes pour délivrer le passeport",
    "Página reservada a las autoridades competentes para expedir el pasaporte",
    "Forbeholdt de pasudstedende myndigheder / Amtliche Vermerke",
    "Page reserved for issuing authorities",
    "Pagina riservata alle autorità competenti per il rilascio del passaporto",
    "Opmerkingen van bevoegde instanties",
]
ELECTRONIC = (
    "Ce passeport contient un composant électronique. Il convient d'en prendre soin, en "
    "particulier de ne pas le plier, le perforer, l'exposer à des températures extrêmes "
    "ou à une humidité excessive.",
    "This passport contains sensitive electronics. For best performance please do not "
    "bend, perforate or expose to extreme temperatures or excess moisture.",
)


def passeport(fake: Any, rng: random.Random) -> Doc:
    """A passport's data page: French (bilingual labels) or foreign (ICAO layout)."""
    if maybe(rng, 0.35):
        return _foreign_passport(fake, rng)
    who = person(fake, rng)
    issued, expiry = issue_expiry(rng, 10)
    number = digits(rng, 2) + letters(rng, 2) + digits(rng, 5)
    notes = maybe(rng, 0.5)

    def label(text: str, note: int) -> str:
        return f"{text} ({note})" if notes else text

    data = [
        photo(),
        fields(("PASSEPORT", "PASSPORT"), ("RÉPUBLIQUE FRANÇAISE", "")),
        fields(
            ("Type / Type", "P"),
            ("Code du pays / Country code", "FRA"),
            ("Passeport n° / Passport No.", number),
        ),
        field(label("Nom / Surname", 1), who.last.upper()),
        field(label("Prénoms / Given names", 2), _given(who)),
        fields(
            (label("Nationalité / Nationality", 3), "Française"),
            (label("Date de naissance / Date of birth", 4), fr_date(who.birth, 3)),
        ),
        fields(
            (label("Sexe / Sex", 5), who.sex),
            (label("Lieu de naissance / Place of birth", 6), who.birth_city.upper()),
        ),
        fields(
            (label("Date de délivrance / Date of issue", 7), fr_date(issued, 3)),
            ("Taille / Height", f"1,{rng.randint(50, 95)} m"),
        ),
        fields(
            (label("Date d'expiration / Date of expiry", 8), fr_date(expiry, 3)),
            ("Couleur des yeux / Colour of eyes", pick(rng, EYES)),
        ),
        field(label("Autorité / Authority", 9), f"Préfecture de {pick(rng, DEPARTMENTS)}"),
        field("Domicile / Residence", f"{who.street} {who.postcode} {who.city.upper()}"),
        small("Signature du titulaire / Holder's signature"),
        gap(),
        *[mrz(text) for text in td3("P", "FRA", number, who, expiry)],
    ]
    authority = [
        *[small(text) for text in rng.sample(AUTHORITY_PAGE, rng.randint(3, len(AUTHORITY_PAGE)))],
        gap(),
        small(ELECTRONIC[0]),
        small(ELECTRONIC[1]),
        small("Signature du titulaire / Holder's signature"),
    ]
    pages = [authority, data] if maybe(rng, 0.4) else [data]
    return Doc(
        "passeport", f"fr_{len(pages)}p", page="id3", pages=pages, mrz=("td3", "P"), security=True
    )


COUNTRIES = (
    ("MAR", "ROYAUME DU MAROC", "KINGDOM OF MOROCCO", "MAROCAINE"),
    ("DZA", "RÉPUBLIQUE ALGÉRIENNE DÉMOCRATIQUE ET POPULAIRE", "ALGERIA", "ALGÉRIENNE"),
    ("TUN", "RÉPUBLIQUE TUNISIENNE", "REPUBLIC OF TUNISIA", "TUNISIENNE"),
    ("SEN", "RÉPUBLIQUE DU SÉNÉGAL", "REPUBLIC OF SENEGAL", "SÉNÉGALAISE"),
    ("CIV", "RÉPUBLIQUE DE CÔTE D'IVOIRE", "REPUBLIC OF CÔTE D'IVOIRE", "IVOIRIENNE"),
    ("GBR", "UNITED KINGDOM OF GREAT BRITAIN AND NORTHERN IRELAND", "", "BRITISH CITIZEN"),
    ("USA", "UNITED STATES OF AMERICA", "", "UNITED STATES OF AMERICA"),
    ("ESP", "REINO DE ESPAÑA", "", "ESPAÑOLA"),
    ("PRT", "REPÚBLICA PORTUGUESA", "", "PORTUGUESA"),
    ("ROU", "ROMÂNIA", "ROMANIA", "ROMÂNĂ"),
    ("UKR", "UKRAINE", "", "UKRAINE"),
    ("TUR", "TÜRKİYE CUMHURİYETİ", "REPUBLIC OF TÜRKIYE", "T.C."),
    ("CMR", "RÉPUBLIQUE DU CAMEROUN", "REPUBLIC OF CAMEROON", "CAMEROUNAISE"),
)
# ICAO Doc 9303 part 4: labels in the national language plus English, French or Spanish.
LABELS_EN_FR = (
    "Passport/Passeport", "Type/Type", "Country code/Code du pays", "Passport No./N° du passeport",
    "Surname/Nom", "Given names/Prénoms", "Nationality/Nationalité",
    "Date of birth/Date de naissance", "Sex/Sexe", "Place of birth/Lieu de naissance",
    "Date of issue/Date de délivrance", "Date of expiry/Date d'expiration",
    "Authority/Autorité", "Holder's signature/Signature du titulaire",
)  # fmt: skip
LABELS_EN_ES = (
    "Passport/Pasaporte", "Type/Tipo", "Country code/Código del país",
    "Passport Number/Núm. de pasaporte", "Surname/Apellido", "Given names/Nombres",
    "Nationality/Nacionalidad", "Date of birth/Fecha de nacimiento", "Sex/Sexo",
    "Place of birth/Lugar de nacimiento", "Date of issue/Fecha de expedición",
    "Date of expiry/Fecha de caducidad", "Authority/Autoridad",
    "Holder's signature/Firma del titular",
)  # fmt: skip
LABELS_EN = (
    "Passport", "Type", "Code", "Passport No.", "Surname", "Given Names", "Nationality",
    "Date of birth", "Sex", "Place of birth", "Date of issue", "Date of expiration",
    "Authority", "Signature of bearer",
)  # fmt: skip
MONTHS_EN = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def _icao_date(day: dt.date, french: bool) -> str:
    months = (
        "JANV",
        "FÉVR",
        "MARS",
        "AVR",
        "MAI",
        "JUIN",
        "JUIL",
        "AOÛT",
        "SEPT",
        "OCT",
        "NOV",
        "DÉC",
    )
    english = MONTHS_EN[day.month - 1]
    other = f"/{months[day.month - 1]}" if french else ""
    return f"{day.day:02d} {english}{other} {day.year % 100:02d}"


def _foreign_passport(fake: Any, rng: random.Random) -> Doc:
    who = person(fake, rng)
    code, state, english, nationality = pick(rng, COUNTRIES)
    labels = pick(rng, (LABELS_EN_FR, LABELS_EN_FR, LABELS_EN_ES, LABELS_EN))
    issued, expiry = issue_expiry(rng, pick(rng, (5, 10)))
    number = letters(rng, pick(rng, (1, 2))) + digits(rng, 7)
    french = labels is LABELS_EN_FR
    blocks = [
        photo(),
        title(state),
        *([small(english)] if english else []),
        fields((labels[0], ""), (labels[1], "P"), (labels[2], code), (labels[3], number)),
        field(labels[4], who.last.upper()),
        field(labels[5], _given(who).upper()),
        field(labels[6], nationality),
        fields((labels[7], _icao_date(who.birth, french)), (labels[8], who.sex)),
        field(labels[9], fake.city().upper()),
        fields((labels[10], _icao_date(issued, french)), (labels[11], _icao_date(expiry, french))),
        field(labels[12], pick(rng, ("PASSPORT OFFICE", "MINISTRY OF FOREIGN AFFAIRS", "DGSN"))),
        small(labels[13]),
        gap(),
        *[mrz(text) for text in td3("P", code, number, who, expiry)],
    ]
    return Doc(
        "passeport", f"icao_{code}", page="id3", blocks=blocks, mrz=("td3", "P"), security=True
    )


PERMITS = (
    "CARTE DE SÉJOUR TEMPORAIRE",
    "CARTE DE SÉJOUR PLURIANNUELLE",
    "CARTE DE RÉSIDENT",
    "CARTE DE RÉSIDENT LONGUE DURÉE - UE",
    "CARTE DE SÉJOUR PASSEPORT TALENT",
    "CARTE DE SÉJOUR PORTANT LA MENTION « RETRAITÉ »",
)
PERMIT_REMARKS = (
    "VIE PRIVÉE ET FAMILIALE",
    "SALARIÉ",
    "ÉTUDIANT",
    "TRAVAILLEUR TEMPORAIRE",
    "MEMBRE DE FAMILLE",
    "ENTREPRENEUR / PROFESSION LIBÉRALE",
    "CARTE BLEUE EUROPÉENNE",
)
NATIONALITIES = ("MAR", "DZA", "TUN", "SEN", "MLI", "CIV", "CMR", "TUR", "CHN", "HTI", "VNM")


def titre_sejour(fake: Any, rng: random.Random) -> Doc:
    """Residence permit card (titre de séjour), recto and verso."""
    who = person(fake, rng)
    issued, expiry = issue_expiry(rng, pick(rng, (1, 4, 10)))
    number = digits(rng, 10)
    recto = [
        photo(),
        line("RÉPUBLIQUE FRANÇAISE"),
        title(pick(rng, ("TITRE DE SÉJOUR", "TITRE DE SÉJOUR / RESIDENCE PERMIT"))),
        field("NOM / Surname", who.last.upper()),
        field("Prénoms / Given names", who.first.upper()),
        fields(("SEXE / Sex", who.sex), ("NATIONALITÉ / Nationality", pick(rng, NATIONALITIES))),
        field("DATE DE NAISSANCE / Date of birth", fr_date(who.birth, 3)),
        field("TYPE DE TITRE / Type of permit", pick(rng, PERMITS)),
        fields(
            ("VALABLE JUSQU'AU / Valid until", fr_date(expiry, 3)),
            ("N° / No", number),
        ),
    ]
    verso = [
        field("REMARQUES / Remarks", pick(rng, PERMIT_REMARKS)),
        field("LIEU DE NAISSANCE / Place of birth", fake.city().upper()),
        field("ADRESSE / Address", f"{who.street} {who.postcode} {who.city.upper()}"),
        fields(
            ("DATE DE DÉLIVRANCE / Date of issue", fr_date(issued, 3)),
            ("LIEU DE DÉLIVRANCE / Place of issue", f"Préfecture de {pick(rng, DEPARTMENTS)}"),
        ),
        line("AUTORISE SON TITULAIRE À TRAVAILLER" if maybe(rng, 0.6) else ""),
        gap(),
        *[mrz(text) for text in td1("IR", "FRA", number[:9], who, expiry)],
    ]
    pages = _sides(rng, recto, verso)
    return Doc(
        "titre_sejour",
        f"residence_card_{len(pages)}",
        page="id1",
        pages=pages,
        mrz=("td1", "IR") if verso in pages else None,
        security=True,
    )
