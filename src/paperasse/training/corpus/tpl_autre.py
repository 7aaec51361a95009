"""Negatives for ``autre``: what citizens upload that is none of the known types.

Business invoices (a supplier's or a legal-announcement invoice is not a utility
bill: it bears SIRET, "Désignation", "P.U. HT" and the late-payment notices of
article L441-10 of the code de commerce), quotes and receipts, letters of companies
to their customers, forms that are not CERFA (the 2020 "attestation de déplacement
dérogatoire" of décret 2020-1310, town-hall registration forms), other cards (loyalty,
library, bank card, short-stay visa) and photos of things with a caption at most.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from paperasse.training.corpus.blocks import (
    address_lines,
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
    digits,
    fmt_money,
    fr_date,
    grouped,
    iban,
    letters,
    maybe,
    person,
    pick,
    recent,
)
from paperasse.training.corpus.mrz_lines import td3
from paperasse.training.corpus.scenes import CAPTIONS
from paperasse.training.corpus.types import Block, Doc

SUPPLIES = (
    ("Annonce légale - constitution de société", 45.93),
    ("Justificatif de parution PDF", 0.75),
    ("Hébergement web - formule Pro (12 mois)", 119.88),
    ("Nom de domaine .fr", 8.99),
    ("Ramettes papier A4 80 g", 4.20),
    ("Cartouche d'encre noire", 32.50),
    ("Prestation de conseil (jour)", 650.00),
    ("Maintenance informatique - forfait mensuel", 89.00),
    ("Main d'oeuvre atelier (heure)", 62.00),
    ("Plaquettes de frein avant", 54.90),
    ("Location de matériel de sonorisation", 180.00),
    ("Impression de flyers A5 (1000 ex.)", 79.00),
    ("Traiteur - buffet 30 personnes", 540.00),
    ("Abonnement logiciel de comptabilité", 29.00),
)


def _company(fake: Any, rng: random.Random) -> list[Block]:
    name = fake.company()
    return [
        title(name.upper() if maybe(rng, 0.5) else name),
        line(fake.street_address()),
        line(f"{fake.postcode()} {fake.city().upper()}"),
        small(f"Tél. 0{rng.randint(1, 5)} {' '.join(digits(rng, 2) for _ in range(4))}"),
    ]


def _legal_footer(fake: Any, rng: random.Random) -> Block:
    form = pick(rng, ("SARL", "SAS", "SASU", "EURL", "SA"))
    return small(
        f"{form} au capital de {rng.randint(1, 500) * 1000:,} € - RCS {fake.city()} "
        f"B {fake.siren()} - SIRET {fake.siret()} - TVA FR{digits(rng, 2)}{digits(rng, 9)}".replace(
            ",", " "
        )
    )


def business_invoice(fake: Any, rng: random.Random) -> Doc:
    """A supplier's invoice or quote to a client: not a utility bill."""
    client = person(fake, rng)
    kind = pick(rng, ("FACTURE", "FACTURE", "Facture", "DEVIS", "BON DE COMMANDE"))
    day = recent(rng)
    blocks = _company(fake, rng)
    client_name = fake.company().upper() if maybe(rng, 0.5) else client.formal
    blocks += [
        *address_lines(client_name, client.street, client.postcode, client.city),
        heading(f"{kind} N° {rng.randint(2019, 2025)}{digits(rng, 6)}"),
        kv("Date :", fr_date(day)),
        kv(
            pick(rng, ("Numéro de dossier :", "Réf. client :", "Votre référence :")), digits(rng, 6)
        ),
        row("Désignation", "Qté", "P.U. HT", "Montant HT"),
    ]
    total = 0.0
    for item, price in rng.sample(SUPPLIES, rng.randint(1, 5)):
        count = rng.randint(1, 4)
        total += count * price
        blocks.append(row(item, str(count), fmt_money(price), fmt_money(count * price)))
    blocks += [
        row("Total HT", "", "", fmt_money(total)),
        row("TVA 20 %", "", "", fmt_money(total * 0.2)),
        row("Total TTC", "", "", fmt_money(total * 1.2)),
    ]
    if kind == "DEVIS":
        blocks += [
            line(f"Devis valable {pick(rng, ('30', '60', '90'))} jours."),
            line("Bon pour accord, date et signature du client :"),
        ]
    else:
        number = iban(rng)[0]
        blocks += [
            heading("Modes de règlement"),
            line(f"Virement - IBAN : {grouped(number)}"),
            line(f"Conditions de paiement : {pick(rng, ('à réception', '30 jours', '45 jours'))}"),
            small(
                "En cas de retard de paiement, des pénalités calculées sur la base de trois fois "
                "le taux de l'intérêt légal seront exigibles (art. L441-10 du Code de commerce), "
                "ainsi qu'une indemnité forfaitaire pour frais de recouvrement de 40 €. Aucun "
                "escompte pour paiement anticipé."
            ),
        ]
    blocks.append(_legal_footer(fake, rng))
    return Doc("autre", "facture_entreprise", blocks=blocks)


def receipt(fake: Any, rng: random.Random) -> Doc:
    """A shop receipt (ticket de caisse), often photographed."""
    shop = pick(
        rng,
        (
            "CARREFOUR MARKET",
            "INTERMARCHÉ",
            "LECLERC",
            "MONOPRIX",
            "LIDL",
            "BOULANGERIE DU CENTRE",
            "PHARMACIE DE LA GARE",
            "BRICOMARCHÉ",
        ),
    )
    blocks: list[Block] = [title(shop), line(fake.city().upper()), small(f"SIRET {fake.siret()}")]
    total = 0.0
    for _ in range(rng.randint(3, 10)):
        price = rng.uniform(0.5, 25)
        total += price
        blocks.append(row(fake.word().upper(), fmt_money(price, euro=False)))
    blocks += [
        row("TOTAL", fmt_money(total)),
        row(pick(rng, ("CB", "CARTE BANCAIRE", "ESPECES")), fmt_money(total)),
        small(f"TVA 5,5% {fmt_money(total * 0.05)}  TVA 20% {fmt_money(total * 0.03)}"),
        line(f"{fr_date(recent(rng))} {rng.randint(8, 20)}:{rng.randint(10, 59)}"),
        line(pick(rng, ("MERCI DE VOTRE VISITE", "A BIENTOT", "CONSERVEZ VOTRE TICKET"))),
    ]
    return Doc("autre", "ticket_caisse", page="slip", blocks=blocks)


LETTER_TOPICS = (
    ("Votre nouvelle offre", "Nous avons le plaisir de vous informer que votre contrat évolue "
     "au 1er du mois prochain. Découvrez dès maintenant nos nouveaux avantages réservés à nos "
     "clients fidèles."),
    ("Renouvellement de votre abonnement", "Votre abonnement arrive à échéance. Pour continuer "
     "à profiter de nos services, il vous suffit de renvoyer le bon de commande ci-joint."),
    ("Offre exclusive", "Profitez de -20 % sur toute la gamme jusqu'à la fin du mois avec le "
     "code promotionnel indiqué ci-dessous, valable en magasin et sur notre site."),
    ("Modification de nos conditions générales", "Nous vous informons que nos conditions "
     "générales de vente évoluent. Le nouveau texte est disponible sur notre site internet."),
    ("Votre commande", "Nous vous remercions pour votre commande. Celle-ci sera expédiée sous "
     "48 heures ; vous recevrez un courriel de suivi de livraison."),
    ("Rappel de rendez-vous", "Nous vous rappelons votre rendez-vous d'entretien de votre "
     "véhicule. Merci de vous présenter dix minutes avant l'heure prévue."),
)  # fmt: skip


def company_letter(fake: Any, rng: random.Random) -> Doc:
    """A company's letter to its customer: marketing, contract, order."""
    who = person(fake, rng)
    subject, body = pick(rng, LETTER_TOPICS)
    blocks = _company(fake, rng)
    blocks += [
        *address_lines(who.formal, who.street, who.postcode, who.city),
        line(f"{fake.city()}, le {fr_date(recent(rng), 1)}"),
        kv(pick(rng, ("Objet :", "Réf. client :")), subject if maybe(rng, 0.7) else digits(rng, 8)),
        line(pick(rng, ("Chère cliente, cher client,", "Madame, Monsieur,", f"{who.formal},"))),
        para(body),
        para(fake.paragraph(3)),
        para(
            pick(
                rng,
                (
                    "Notre service clients reste à votre disposition du lundi au samedi.",
                    "Pour toute question, rendez-vous dans votre espace client.",
                    "Nous vous remercions de votre confiance.",
                ),
            )
        ),
        line(pick(rng, ("Le service clients", "L'équipe commerciale", "La direction"))),
        _legal_footer(fake, rng),
    ]
    return Doc("autre", "lettre_entreprise", blocks=blocks)


MOTIFS = (
    "Déplacements entre le domicile et le lieu d'exercice de l'activité professionnelle ou un "
    "établissement d'enseignement ou de formation",
    "Déplacements pour effectuer des achats de fournitures nécessaires à l'activité "
    "professionnelle et des achats de première nécessité",
    "Consultations, examens et soins ne pouvant être assurés à distance",
    "Déplacements pour motif familial impérieux, pour l'assistance aux personnes vulnérables",
    "Déplacements brefs, dans la limite d'une heure quotidienne et dans un rayon maximal d'un "
    "kilomètre autour du domicile",
)
TOWN_FORMS = (
    ("FICHE D'INSCRIPTION - RESTAURATION SCOLAIRE", "Enfant", "Classe"),
    ("DEMANDE DE RÉSERVATION DE SALLE MUNICIPALE", "Association ou particulier", "Date souhaitée"),
    ("BULLETIN D'ADHÉSION", "Adhérent", "Cotisation annuelle"),
    ("FICHE SANITAIRE DE LIAISON - ACCUEIL DE LOISIRS", "Enfant", "Allergies"),
    ("DEMANDE DE CARTE DE STATIONNEMENT RÉSIDENT", "Demandeur", "Immatriculation du véhicule"),
    ("QUESTIONNAIRE DE SATISFACTION", "Usager", "Service concerné"),
)


def other_form(fake: Any, rng: random.Random) -> Doc:
    """A form that is not a CERFA: a government attestation, a town-hall registration form."""
    if maybe(rng, 0.4):
        blocks = [
            title("ATTESTATION DE DÉPLACEMENT DÉROGATOIRE"),
            para(
                "En application du décret n° 2020-1310 du 29 octobre 2020 prescrivant les mesures "
                "générales nécessaires pour faire face à l'épidémie de COVID-19 dans le cadre de "
                "l'état d'urgence sanitaire"
            ),
            line("Mme/M. :"),
            line("Né(e) le :                    à :"),
            line("Demeurant :"),
            para(
                "certifie que mon déplacement est lié au motif suivant (cocher la case) autorisé "
                "par le décret n° 2020-1310 du 29 octobre 2020 :"
            ),
            *[para(f"[ ] {i}. {motif} ;") for i, motif in enumerate(MOTIFS, start=1)],
            line("Fait à :                    Le :              à :"),
            line("Signature :"),
        ]
        return Doc("autre", "attestation_deplacement", blocks=blocks)
    name, who_label, extra = pick(rng, TOWN_FORMS)
    blocks = [
        line(f"MAIRIE DE {fake.city().upper()}" if maybe(rng, 0.7) else fake.city()),
        title(name),
        heading(who_label),
        kv("Nom :", "____________________"),
        kv("Prénom :", "____________________"),
        kv("Adresse :", "______________________________"),
        kv("Téléphone :", "______________"),
        kv(f"{extra} :", "____________________"),
        line("[ ] Oui   [ ] Non"),
        para(fake.paragraph(2)),
        line("Date et signature :"),
        small("Document à retourner à l'accueil de la mairie."),
    ]
    return Doc("autre", "formulaire_mairie", blocks=blocks)


def other_card(fake: Any, rng: random.Random) -> Doc:
    """A card that proves nothing here: loyalty, library, bank card, short-stay visa."""
    who = person(fake, rng)
    kind = pick(rng, ("fidelite", "bibliotheque", "bancaire", "visite", "visa"))
    if kind == "visa":
        issued = recent(rng)
        until = issued + dt.timedelta(days=rng.choice((30, 90, 180)))
        number = digits(rng, 9)
        blocks = [
            photo(),
            fields(("VISA", ""), ("VALABLE POUR / VALID FOR", "ÉTATS SCHENGEN")),
            fields(("DU / FROM", fr_date(issued, 2)), ("AU / UNTIL", fr_date(until, 2))),
            fields(("TYPE DE VISA / TYPE OF VISA", "C"), ("NOMBRE D'ENTRÉES", "MULT")),
            fields(
                ("DURÉE DU SÉJOUR / DURATION OF STAY", f"{rng.randint(10, 90)} JOURS"),
                ("DÉLIVRÉ À / ISSUED IN", fake.city().upper()),
            ),
            field("NUMÉRO DE PASSEPORT / PASSPORT NUMBER", letters(rng, 2) + digits(rng, 7)),
            field("NOM, PRÉNOM / SURNAME, NAME", f"{who.last.upper()}, {who.first.upper()}"),
            field("REMARQUES", pick(rng, ("TOURISME", "VISITE FAMILIALE", "AFFAIRES"))),
            *[mrz(text) for text in td3("VC", "FRA", number, who, until)],
        ]
        return Doc("autre", "visa", page="id3", blocks=blocks, mrz=("td3", "VC"), security=True)
    if kind == "bancaire":
        blocks = [
            title(pick(rng, ("Crédit Agricole", "BNP PARIBAS", "LCL", "Banque Populaire"))),
            line(" ".join(digits(rng, 4) for _ in range(4))),
            kv("VALID THRU", f"{rng.randint(1, 12):02d}/{rng.randint(26, 31)}"),
            line(f"{who.first.upper()} {who.last.upper()}"),
            line(pick(rng, ("VISA", "mastercard", "DEBIT"))),
        ]
    elif kind == "visite":
        blocks = [
            title(f"{who.first} {who.last}"),
            line(fake.job()),
            line(fake.company()),
            line(f"{fake.phone_number()}   {fake.email()}"),
        ]
    else:
        name = f"Médiathèque de {fake.city()}" if kind == "bibliotheque" else fake.company()
        blocks = [
            title(name),
            line("Carte de lecteur" if kind == "bibliotheque" else "Carte de fidélité"),
            line(f"{who.first} {who.last.upper()}"),
            kv("N°", digits(rng, 10)),
            small(pick(rng, ("Cette carte est personnelle.", "Cumulez des points !"))),
        ]
    return Doc("autre", f"carte_{kind}", page="id1", blocks=blocks)


def photo_of_things(fake: Any, rng: random.Random) -> Doc:
    """A photo of a thing, a place or an animal; a caption or a sign at most."""
    caption = pick(rng, CAPTIONS) if maybe(rng, 0.6) else ""
    blocks = [line(caption)] if caption else []
    if caption and maybe(rng, 0.3):
        blocks.append(small(fake.sentence()))
    return Doc("autre", "photo", page="scene", blocks=blocks)


def autre(fake: Any, rng: random.Random) -> Doc:
    """One negative, of a kind drawn in proportions close to what mailrooms receive."""
    kinds = (
        business_invoice, business_invoice, business_invoice, company_letter, company_letter,
        other_form, other_form, other_card, receipt, photo_of_things, photo_of_things,
    )  # fmt: skip
    return pick(rng, kinds)(fake, rng)
