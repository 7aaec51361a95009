"""Parts every utility bill prints, in the several wordings suppliers use.

Real bills share much with a supplier's invoice (a number, HT, TVA, TTC, an IBAN):
what tells them apart is the subscriber, the line or the delivery point, the
subscription and the consumption, the direct debit and the customer service. These
parts give the bill templates that breadth (wording seen on EDF, Engie, Orange, SFR,
Free and Bouygues bills, e.g. Free's "Abonnements, forfaits et options", "Total
facture", "Avis de prélèvement automatique").
"""

from __future__ import annotations

import datetime as dt
import random

from paperasse.training.corpus.blocks import heading, kv, line, row, small
from paperasse.training.corpus.fakes import digits, fmt_money, fr_date, grouped, iban, maybe, pick
from paperasse.training.corpus.types import Block


def totals(rng: random.Random, ttc: float) -> list[Block]:
    """The HT / TVA / TTC summary, as a table or as lines."""
    ht = ttc / 1.2
    if maybe(rng, 0.5):
        return [
            row("", "Montant EUR HT", "Montant TVA", "Montant EUR TTC"),
            row(
                "Total facture",
                fmt_money(ht, euro=False),
                fmt_money(ttc - ht, euro=False),
                fmt_money(ttc, euro=False),
            ),
            line(pick(rng, ("TVA 20% payée sur les encaissements", "TVA sur les débits"))),
        ]
    return [
        row(pick(rng, ("Total HT", "Montant hors taxes")), "", fmt_money(ht)),
        row("TVA", "", fmt_money(ttc - ht)),
        row(pick(rng, ("Total TTC", "Montant total TTC", "Total facture TTC")), "", fmt_money(ttc)),
    ]


def due(rng: random.Random, issued: dt.date, ttc: float) -> list[Block]:
    """What to pay and when: the amount due, the due date, the direct debit."""
    when = issued + dt.timedelta(days=rng.randint(3, 15))
    blocks = [
        kv(pick(rng, ("Somme à payer", "Montant à payer", "Total à payer")), fmt_money(ttc)),
        kv(pick(rng, ("Date limite de paiement", "À régler avant le", "Échéance")), fr_date(when)),
    ]
    if maybe(rng, 0.6):
        number = iban(rng)[0]
        blocks += [
            heading(pick(rng, ("Avis de prélèvement automatique", "Prélèvement SEPA"))),
            line(
                f"Montant du prélèvement : {fmt_money(ttc)}  Prélèvement à partir du : "
                f"{fr_date(when)}"
            ),
            line("La somme à payer sera prélevée sur le compte désigné ci-dessous :"),
            line(f"IBAN : {number[:4]} {'*' * 23}" if maybe(rng, 0.6) else grouped(number)),
            small(
                f"Référence unique de mandat : {digits(rng, 12)}  ICS FR{digits(rng, 2)}ZZZ"
                f"{digits(rng, 6)}"
            ),
        ]
    return blocks


def customer_service(rng: random.Random, issuer: str, *, energy: bool) -> list[Block]:
    """How to reach the supplier, and the emergency and mediation numbers."""
    blocks = [
        heading(pick(rng, ("Service Clients", "Nous contacter", "Votre service client"))),
        line(
            f"Par téléphone : {pick(rng, ('3900', '1014', '3000', '09 69 32 15 15', '3244'))} "
            f"(service gratuit + prix appel) - Espace client sur {issuer.split()[0].lower()}.fr"
        ),
    ]
    if energy:
        blocks.append(
            small(
                pick(
                    rng,
                    (
                        "Dépannage électricité 24h/24 (Enedis) : 09 726 750 " + digits(rng, 2),
                        "Urgence sécurité gaz 24h/24 (GRDF) : 0 800 47 33 33",
                        "Chèque énergie : vous pouvez l'utiliser pour régler cette facture.",
                    ),
                )
            )
        )
    else:
        blocks.append(small("Retrouvez le détail de vos communications dans votre espace abonné."))
    if maybe(rng, 0.4):
        blocks.append(
            small(
                "Les montants unitaires étant arrondis, leur somme peut différer du "
                "montant total à payer."
            )
        )
    return blocks


def subscriber(
    rng: random.Random, name: str, street: str, place: str, *, line_label: str, line_value: str
) -> list[Block]:
    """The subscriber's block: name, customer id, line or delivery point, address served."""
    blocks = [
        kv(pick(rng, ("Nom de l'abonné", "Titulaire du contrat", "Client")), name),
        kv(
            pick(rng, ("Id. client", "Identifiant client", "N° client", "Référence client")),
            digits(rng, rng.choice((8, 10))),
        ),
        kv(line_label, line_value),
    ]
    if maybe(rng, 0.6):
        blocks.append(
            kv(
                pick(
                    rng,
                    ("Adresse de l'installation", "Lieu de consommation", "Adresse de desserte"),
                ),
                f"{street} {place}",
            )
        )
    return blocks
