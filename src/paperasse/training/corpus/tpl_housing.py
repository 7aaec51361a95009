"""Housing proofs: rent receipt and home-insurance certificate."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.models.domain import FRENCH_MONTHS as MONTHS
from paperasse.training.corpus.blocks import (
    address_lines,
    gap,
    heading,
    kv,
    line,
    para,
    row,
    small,
    title,
)
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
from paperasse.training.corpus.types import Doc

AGENCIES = (
    "Foncia",
    "Nexity",
    "Citya Immobilier",
    "Century 21 Gestion locative",
    "Paris Habitat",
    "Immobilière 3F",
    "Office public de l'habitat",
    "Logirep",
)


def quittance_loyer(fake: Any, rng: random.Random) -> Doc:
    """Rent receipt, written by a private landlord or printed by an agency."""
    tenant, landlord = person(fake, rng), person(fake, rng)
    month_start = recent(rng).replace(day=1)
    month_end = (month_start + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    rent, charges = rng.uniform(380, 1400), rng.uniform(20, 180)
    period = f"{MONTHS[month_start.month - 1]} {month_start.year}"
    if maybe(rng, 0.5):
        blocks = [
            title(
                pick(
                    rng,
                    ("QUITTANCE DE LOYER", "Quittance de loyer", "Quittance de loyer et charges"),
                )
            ),
            line(f"Quittance de loyer du mois de {period}"),
            kv("Bailleur :", landlord.formal),
            line(f"{landlord.street} {landlord.postcode} {landlord.city}"),
            kv("Locataire :", tenant.formal),
            kv("Adresse du logement :", f"{tenant.street} {tenant.postcode} {tenant.city}"),
            para(
                f"Je soussigné(e) {landlord.first} {landlord.last}, propriétaire du logement "
                f"désigné ci-dessus, déclare avoir reçu de {tenant.formal} la somme de "
                f"{fmt_money(rent + charges)} au titre du paiement du loyer et des charges pour "
                f"la période de location du {fr_date(month_start)} au {fr_date(month_end)} et lui "
                "en donne quittance, sous réserve de tous mes droits."
            ),
            heading("Détail du règlement"),
            row("Loyer", fmt_money(rent)),
            row("Provision pour charges", fmt_money(charges)),
            row("Total", fmt_money(rent + charges)),
            kv("Date du paiement :", any_date(rng, month_start + dt.timedelta(days=4))),
            line(f"Fait à {landlord.city}, le {fr_date(month_end)}"),
            line("Signature du bailleur"),
        ]
        if maybe(rng, 0.4):
            blocks.append(
                small("Cette quittance annule tous les reçus qui auraient pu être donnés.")
            )
        return Doc("quittance_loyer", "private", blocks=blocks)
    agency = pick(rng, AGENCIES)
    blocks = [
        title(agency),
        small(f"Carte professionnelle CPI {digits(rng, 4)} {digits(rng, 4)} {digits(rng, 9)}"),
        *address_lines(tenant.formal, tenant.street, tenant.postcode, tenant.city),
        heading(pick(rng, ("QUITTANCE", "AVIS D'ÉCHÉANCE VALANT QUITTANCE", "QUITTANCE DE LOYER"))),
        kv("Période :", period),
        kv("Référence locataire :", digits(rng, 8)),
        kv("Lot :", f"Appartement {rng.randint(1, 80)} - {pick(rng, ('T1', 'T2', 'T3', 'T4'))}"),
        row("Loyer principal", fmt_money(rent)),
        row("Charges locatives (provision)", fmt_money(charges)),
        row("Taxe ordures ménagères", fmt_money(rng.uniform(0, 15))),
        row("Total quittancé", fmt_money(rent + charges)),
        row("Règlement reçu", fmt_money(rent + charges)),
        row("Solde", "0,00 €"),
        para(
            "Pour acquit, le mandataire du bailleur donne quittance au locataire des sommes "
            "ci-dessus, sous réserve de tous droits et encaissement."
        ),
    ]
    return Doc("quittance_loyer", "agency", blocks=blocks)


INSURERS = (
    "MAIF",
    "MACIF",
    "AXA France IARD",
    "Groupama",
    "MMA IARD",
    "Matmut",
    "GMF Assurances",
    "Allianz IARD",
    "Generali IARD",
    "Pacifica - Crédit Agricole Assurances",
    "Direct Assurance",
)


def attestation_assurance_habitation(fake: Any, rng: random.Random) -> Doc:
    """Home-insurance certificate (attestation d'assurance habitation)."""
    who = person(fake, rng)
    insurer = pick(rng, INSURERS)
    start = recent(rng).replace(day=1, month=1)
    end = start.replace(year=start.year + 1) - dt.timedelta(days=1)
    product = pick(
        rng,
        (
            "Multirisque habitation",
            "Assurance habitation",
            "Contrat Habitation Formule Confort",
            "RAQVAM",
        ),
    )
    status = pick(rng, ("locataire", "propriétaire occupant", "colocataire"))
    blocks = [
        title(insurer),
        small(f"Entreprise régie par le Code des assurances - SIREN {digits(rng, 9)}"),
        *address_lines(who.formal, who.street, who.postcode, who.city),
        heading(pick(rng, ("ATTESTATION D'ASSURANCE", "Attestation d'assurance habitation"))),
        para(
            f"Nous soussignés, {insurer}, certifions que {who.formal}, demeurant {who.street} "
            f"{who.postcode} {who.city}, est titulaire d'un contrat {product} n° "
            f"{digits(rng, 10)} en qualité de {status}, garantissant le logement situé à "
            "l'adresse ci-dessus."
        ),
        kv("Période de validité :", f"du {fr_date(start)} au {fr_date(end)}"),
        heading("Garanties souscrites"),
        line("Responsabilité civile vie privée"),
        line("Risques locatifs : incendie, explosion, dégât des eaux"),
    ]
    if maybe(rng, 0.6):
        blocks += [line("Vol et vandalisme"), line("Catastrophes naturelles et technologiques")]
    blocks += [
        para(
            "La présente attestation ne constitue qu'une présomption de garantie et ne peut "
            "engager l'assureur en dehors des limites prévues par le contrat."
        ),
        gap(),
        line(f"Fait à {fake.city()}, le {fr_date(start + dt.timedelta(days=rng.randint(0, 200)))}"),
        line(
            pick(
                rng, ("Pour la société, le service Sociétaires", "Votre conseiller", "Le Directeur")
            )
        ),
    ]
    return Doc("attestation_assurance_habitation", insurer.split()[0].lower(), blocks=blocks)
