"""Utility bills: energy, water, telecom."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.training.corpus.bill_parts import customer_service, due, subscriber, totals
from paperasse.training.corpus.blocks import address_lines, heading, kv, line, row, small, title
from paperasse.training.corpus.fakes import (
    any_date,
    digits,
    fmt_money,
    fr_date,
    maybe,
    person,
    pick,
    recent,
)
from paperasse.training.corpus.types import Block, Doc

ENERGY = (
    ("EDF", "Tarif Bleu", "electricite", "EDF SA - 22-30 avenue de Wagram 75008 Paris"),
    ("EDF", "Zen Week-End", "electricite", "EDF SA - RCS Paris 552 081 317"),
    (
        "ENGIE",
        "Elec Référence",
        "electricite",
        "ENGIE - 1 place Samuel de Champlain 92400 Courbevoie",
    ),
    ("ENGIE", "Gaz Tranquillité", "gaz", "ENGIE SA - RCS Nanterre 542 107 651"),
    (
        "TotalEnergies",
        "Offre Essentielle",
        "electricite",
        "TotalEnergies Électricité et Gaz France",
    ),
    ("TotalEnergies", "Verte Fixe", "gaz", "TotalEnergies Électricité et Gaz France"),
    ("Eni", "Offre Fixe", "gaz", "Eni Gas & Power France SA"),
    ("Eni", "Eni Online", "electricite", "Eni Plenitude France"),
    ("Ekwateur", "Électricité verte", "electricite", "ekWateur SAS"),
    ("Vattenfall", "Électricité Éco", "electricite", "Vattenfall Energies"),
)


def _period(rng: random.Random) -> tuple[dt.date, dt.date, dt.date]:
    issued = recent(rng)
    start = issued - dt.timedelta(days=rng.choice((30, 60, 61, 365)))
    return issued, start, issued - dt.timedelta(days=rng.randint(1, 5))


def _header(rng: random.Random, who_lines: list[Block], issuer: str) -> list[Block]:
    return [title(issuer), *who_lines] if maybe(rng, 0.5) else [*who_lines, title(issuer)]


def facture_energie(fake: Any, rng: random.Random) -> Doc:
    """Electricity or gas bill, regular or yearly statement."""
    who = person(fake, rng)
    issuer, offer, kind, legal = pick(rng, ENERGY)
    issued, start, end = _period(rng)
    kwh = rng.randint(150, 9000)
    price = rng.uniform(0.17, 0.27)
    sub = rng.uniform(9, 40) * (2 if kind == "gaz" else 1)
    ht = kwh * price + sub
    tax = (
        "Accise sur l'électricité (ex-CSPE)"
        if kind == "electricite"
        else "Accise sur le gaz naturel"
    )
    blocks = _header(rng, address_lines(who.formal, who.street, who.postcode, who.city), issuer)
    blocks += [
        heading(
            pick(rng, ("Facture", "Votre facture", "Facture de régularisation", "Facture annuelle"))
        ),
        kv("Facture du", any_date(rng, issued)),
        kv("N° de facture", digits(rng, 12)),
        kv("Référence client", digits(rng, 10)),
        kv("Offre", f"{offer} - {'électricité' if kind == 'electricite' else 'gaz naturel'}"),
    ]
    if kind == "electricite":
        blocks += [
            kv(pick(rng, ("Point de livraison (PDL)", "N° PDL", "Référence PDL")), digits(rng, 14)),
            kv("Puissance souscrite", f"{pick(rng, (3, 6, 9, 12))} kVA"),
            kv("Option tarifaire", pick(rng, ("Base", "Heures Pleines / Heures Creuses"))),
        ]
    else:
        blocks += [
            kv(
                pick(rng, ("Point de comptage et d'estimation (PCE)", "N° PCE")),
                "GI" + digits(rng, 6),
            ),
            kv(
                "Coefficient de conversion",
                f"{rng.uniform(10.5, 11.6):.2f} kWh/m3".replace(".", ","),
            ),
            kv("Tarif", pick(rng, ("B1", "B0", "Base"))),
        ]
    blocks += [
        kv("Période de consommation", f"du {fr_date(start)} au {fr_date(end)}"),
        kv("Index", f"{pick(rng, ('relevé', 'estimé', 'autorelevé'))} {rng.randint(1000, 99999)}"),
        row("Consommation", f"{kwh} kWh", fmt_money(kwh * price)),
        row("Abonnement", f"{start:%m}/{start:%Y} - {end:%m}/{end:%Y}", fmt_money(sub)),
        row(tax, f"{kwh} kWh", fmt_money(kwh * 0.022)),
        row("Contribution Tarifaire d'Acheminement (CTA)", "", fmt_money(sub * 0.2)),
        row("Total hors TVA", "", fmt_money(ht)),
        row("TVA 5,5 % et 20 %", "", fmt_money(ht * 0.17)),
        row("Montant total TTC", "", fmt_money(ht * 1.17)),
    ]
    if maybe(rng, 0.6):
        blocks.append(
            line(
                f"Ce montant sera prélevé le {fr_date(issued + dt.timedelta(days=12))} "
                "sur votre compte."
            )
        )
    if maybe(rng, 0.5):
        blocks += [heading("Votre échéancier"), line("Mensualité : " + fmt_money(ht / 10))]
    if maybe(rng, 0.5):
        blocks += due(rng, issued, ht * 1.17)
    if maybe(rng, 0.5):
        blocks += customer_service(rng, issuer, energy=True)
    blocks += [
        small(
            f"En cas de réclamation, contactez votre service client {issuer}. "
            "Médiateur national de l'énergie : energie-mediateur.fr"
        ),
        small(legal),
    ]
    return Doc("facture_energie", f"{issuer}_{kind}", blocks=blocks)


WATER = (
    "Veolia Eau",
    "Eau de Paris",
    "SAUR",
    "SUEZ Eau France",
    "Régie municipale des eaux",
    "Eau du Grand Lyon",
    "Service de l'eau de la Communauté d'agglomération",
)


def facture_eau(fake: Any, rng: random.Random) -> Doc:
    """Water and sewerage bill."""
    who = person(fake, rng)
    issuer = pick(rng, WATER)
    if issuer.startswith("Régie"):
        issuer = f"{issuer} de {fake.city()}"
    issued, _start, end = _period(rng)
    m3 = rng.randint(8, 160)
    dist, sewer = m3 * rng.uniform(1.3, 2.4), m3 * rng.uniform(1.2, 2.6)
    agency = m3 * 0.45
    blocks = _header(rng, address_lines(who.formal, who.street, who.postcode, who.city), issuer)
    blocks += [
        heading(
            pick(rng, ("Facture d'eau", "Votre facture d'eau", "Facture eau et assainissement"))
        ),
        kv("Date de facture", any_date(rng, issued)),
        kv(pick(rng, ("Référence abonné", "N° de contrat", "Référence client")), digits(rng, 9)),
        kv("Adresse de desserte", f"{who.street} {who.postcode} {who.city}"),
        kv("Compteur n°", pick(rng, ("A", "I", "D")) + digits(rng, 8)),
        kv("Index relevé le " + fr_date(end), f"{rng.randint(100, 3000)} m3"),
        kv("Consommation facturée", f"{m3} m3"),
        heading("Distribution de l'eau"),
        row("Abonnement", "", fmt_money(rng.uniform(15, 60))),
        row("Consommation", f"{m3} m3", fmt_money(dist)),
        heading(pick(rng, ("Collecte et traitement des eaux usées", "Assainissement collectif"))),
        row("Consommation", f"{m3} m3", fmt_money(sewer)),
        heading("Organismes publics"),
        row("Lutte contre la pollution (Agence de l'eau)", f"{m3} m3", fmt_money(agency)),
        row("Modernisation des réseaux de collecte", f"{m3} m3", fmt_money(m3 * 0.16)),
        row("TVA 5,5 % et 10 %", "", fmt_money((dist + sewer) * 0.08)),
        row("Total à payer TTC", "", fmt_money((dist + sewer + agency) * 1.08)),
        line(f"Prix du litre d'eau : 0,00{rng.randint(3, 6)} €"),
        small(
            "La qualité de l'eau distribuée est contrôlée par l'Agence régionale de santé (ARS)."
        ),
    ]
    return Doc("facture_eau", issuer.split()[0].lower(), blocks=blocks)


TELECOM = (
    ("Orange", "Livebox Fibre", "Forfait mobile 100 Go"),
    ("Sosh", "La Boîte Sosh", "Forfait Sosh 40 Go"),
    ("SFR", "SFR Box 8 Fibre", "Forfait SFR 5G 130 Go"),
    ("RED by SFR", "RED Box Fibre", "Forfait RED 100 Go"),
    ("Free", "Freebox Pop", "Forfait Free 5G 150 Go"),
    ("Bouygues Telecom", "Bbox Must", "Forfait B&YOU 100 Go"),
)


def facture_telecom(fake: Any, rng: random.Random) -> Doc:
    """Internet box or mobile phone bill, in the operators' several layouts."""
    who = person(fake, rng)
    issuer, box, mobile = pick(rng, TELECOM)
    issued = recent(rng)
    is_box = maybe(rng, 0.5)
    offer = box if is_box else mobile
    amount = rng.uniform(9.99, 59.99)
    if maybe(rng, 0.5):
        return _telecom_summary(rng, who, issuer, offer, issued, amount, is_box)
    blocks = _header(rng, address_lines(who.formal, who.street, who.postcode, who.city), issuer)
    blocks += [
        heading(pick(rng, ("Votre facture", "Facture", "Votre facture mensuelle"))),
        kv("Date de facture", any_date(rng, issued)),
        kv("N° de facture", letters_digits(rng)),
        kv(
            pick(rng, ("Numéro de client", "Identifiant client", "N° de compte client")),
            digits(rng, 9),
        ),
        kv(
            "Ligne" if not is_box else "Ligne fixe / accès internet",
            pick(rng, ("06", "07")) + " " + " ".join(digits(rng, 2) for _ in range(4))
            if not is_box
            else "0" + pick(rng, ("1", "2", "3", "4", "5", "9")) + digits(rng, 8),
        ),
        heading("Abonnements et forfaits"),
        row(offer, f"du {fr_date(issued.replace(day=1))}", fmt_money(amount)),
    ]
    if is_box:
        blocks += [
            row("Location décodeur TV", "", fmt_money(rng.uniform(0, 6))),
            row("Appels illimités vers fixes et mobiles", "", "inclus"),
        ]
    else:
        blocks += [
            row(
                "Consommations hors forfait",
                f"{rng.randint(0, 40)} SMS",
                fmt_money(rng.uniform(0, 8)),
            ),
            row("Internet mobile", f"{rng.randint(1, 99)} Go utilisés", "inclus"),
            row("Roaming Europe / DOM", "", "inclus"),
        ]
    blocks += [
        row("Services et options", "", fmt_money(rng.uniform(0, 5))),
        row("Total HT", "", fmt_money(amount / 1.2)),
        row("TVA 20 %", "", fmt_money(amount - amount / 1.2)),
        row("Montant TTC", "", fmt_money(amount)),
        line(f"Prélevé le {fr_date(issued.replace(day=min(issued.day + 7, 28)))}"),
        small(f"Retrouvez le détail de vos communications dans votre Espace Client {issuer}."),
    ]
    return Doc("facture_telecom", f"{issuer}_{'box' if is_box else 'mobile'}", blocks=blocks)


def _telecom_summary(
    rng: random.Random,
    who: Any,
    issuer: str,
    offer: str,
    issued: dt.date,
    amount: float,
    is_box: bool,
) -> Doc:
    """The summary page operators put first: subscriber, line, sections, total, debit."""
    number = (
        "0" + pick(rng, ("1", "2", "3", "4", "5", "9")) + digits(rng, 8)
        if is_box
        else pick(rng, ("06", "07")) + digits(rng, 8)
    )
    blocks = [
        title(issuer if maybe(rng, 0.5) else f"{issuer} Service Abonné"),
        *address_lines(f"{who.first} {who.last}", who.street, who.postcode, who.city),
        *subscriber(
            rng,
            f"{who.first} {who.last}",
            who.street,
            f"{who.postcode} {who.city.upper()}",
            line_label=pick(rng, ("Numéro de ligne", "N° d'appel", "Ligne")),
            line_value=number if maybe(rng, 0.7) else "FO" + digits(rng, 8),
        ),
        heading(f"Facture n°{digits(rng, 9)} du {fr_date(issued, 1)}"),
        row(
            pick(rng, ("Abonnements, forfaits et options", "Abonnements et forfaits")),
            "",
            fmt_money(amount * 0.9),
        ),
        row("Communications", "", fmt_money(amount * 0.05)),
        row(
            pick(rng, ("Services ponctuels ou occasionnels", "Achats et services")),
            "",
            fmt_money(amount * 0.05),
        ),
        *totals(rng, amount),
        *due(rng, issued, amount),
        line(offer),
        *customer_service(rng, issuer, energy=False),
    ]
    kind = "box" if is_box else "mobile"
    return Doc("facture_telecom", f"{issuer}_{kind}_synthese", blocks=blocks)


def letters_digits(rng: random.Random) -> str:
    """Invoice numbers as telecom operators print them."""
    return f"{pick(rng, ('FA', 'F', 'M', ''))}{digits(rng, 10)}"
