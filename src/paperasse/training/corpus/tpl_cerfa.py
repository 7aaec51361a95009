"""CERFA forms: blank or filled, short or many pages, as the administration prints them.

A CERFA carries its number with the version after a star (``N° 13406*06``), the
cerfa mark, a legal basis, numbered sections with boxes to tick and to fill, a frame
reserved for the administration, the commitment and signature, the notice on data
protection (loi n° 78-17 du 6 janvier 1978) and on false statements (articles 441-1
and 441-7 of the code pénal), and often a list of pieces to join. The sections of each
form follow the public forms (13406 permis de construire une maison individuelle,
12669 inscription sur les listes électorales, 11423 déclaration de situation CAF,
12100 carte d'identité, 15776 cession d'un véhicule, 15615 acte d'état civil).
"""

from __future__ import annotations

import random
from typing import Any

from paperasse.training.corpus.blocks import heading, kv, line, para, row, small, title
from paperasse.training.corpus.fakes import (
    digits,
    fr_date,
    maybe,
    person,
    pick,
    plate,
    recent,
)
from paperasse.training.corpus.types import Block, Doc

FORMS = (
    (
        "13406",
        "Demande de permis de construire pour une maison individuelle et/ou ses annexes",
        "Ministère chargé de l'urbanisme",
        "Article R. 431-4 et suivants du code de l'urbanisme",
        "terrain",
    ),
    (
        "13703",
        "Déclaration préalable - Constructions et travaux non soumis à permis de construire",
        "Ministère chargé de l'urbanisme",
        "Articles R. 421-9 à R. 421-12 du code de l'urbanisme",
        "terrain",
    ),
    (
        "12669",
        "Demande d'inscription sur les listes électorales à l'usage des citoyens français",
        "Ministère de l'Intérieur",
        "Code électoral, articles L. 11 à L. 20 et R. 5",
        "electoral",
    ),
    (
        "11423",
        "Déclaration de situation pour les prestations familiales et les aides au logement",
        "Caisse d'allocations familiales",
        "Livres V et VIII du code de la Sécurité sociale",
        "caf",
    ),
    (
        "12100",
        "Demande de carte nationale d'identité",
        "Ministère de l'Intérieur",
        "Décret n° 55-1397 du 22 octobre 1955 modifié",
        "identite",
    ),
    (
        "15776",
        "Déclaration de cession d'un véhicule",
        "Ministère de l'Intérieur",
        "Article R. 322-4 du code de la route",
        "vehicule",
    ),
    (
        "15615",
        "Demande d'acte d'état civil",
        "Ministère de la Justice",
        "Décret n° 2017-890 du 6 mai 2017 relatif à l'état civil",
        "etat_civil",
    ),
    (
        "14069",
        "Demande de logement locatif social",
        "Ministère chargé du logement",
        "Article R. 441-2-2 du code de la construction et de l'habitation",
        "logement",
    ),
)
BOXES = "|__|__|__|__|__|__|__|__|"


def _identity(rng: random.Random, who: Any, value: Any) -> list[Block]:
    return [
        heading("1 - Identité du demandeur"),
        line("Vous êtes un particulier    □ Madame    □ Monsieur"),
        kv("Nom :", value(who.last.upper())),
        kv("Nom d'usage :", value("")),
        kv("Prénom(s) :", value(who.first)),
        kv("Date de naissance :", value(fr_date(who.birth, 3))),
        kv("Commune de naissance :", value(who.birth_city)),
        kv("Département :", value(digits(rng, 2)) + "  Pays :"),
    ]


def _contact(rng: random.Random, who: Any, value: Any, email: str) -> list[Block]:
    return [
        heading("2 - Coordonnées du demandeur"),
        kv("Adresse : Numéro et voie :", value(who.street)),
        kv("Localité :", value(who.city) + "   Code postal : " + value(who.postcode)),
        kv("Téléphone :", value("0" + digits(rng, 9))),
        kv("Adresse électronique :", value(email)),
        small(
            "□ J'accepte de recevoir à l'adresse électronique communiquée les réponses de "
            "l'administration."
        ),
    ]


def _specific(kind: str, rng: random.Random, value: Any) -> list[Block]:
    if kind == "terrain":
        return [
            heading("3 - Le terrain"),
            kv("Localisation du terrain : Numéro et voie :", value(f"{rng.randint(1, 90)} rue")),
            row("Références cadastrales : Préfixe", "Section", "Numéro", "Superficie (m²)"),
            row(
                value("000"), value("AB"), value(digits(rng, 4)), value(str(rng.randint(200, 2000)))
            ),
            heading("4 - Le projet"),
            line("□ Construction nouvelle   □ Travaux sur construction existante   □ Annexe"),
            kv("Surface de plancher créée (m²) :", value(str(rng.randint(10, 180)))),
            kv("Courte description de votre projet :", value("Extension de la maison")),
        ]
    if kind == "electoral":
        return [
            heading("3 - Situation du demandeur"),
            para(
                "□ Situation 1 : première inscription sur les listes électorales d'une commune "
                "française"
            ),
            para(
                "□ Situation 2 : demande d'inscription en cas de déménagement à l'intérieur "
                "d'une même commune"
            ),
            para(
                "□ Situation 3 : demande d'inscription en cas de changement de commune "
                "d'inscription"
            ),
            kv("Demande son inscription sur la liste électorale de la commune de :", value("")),
        ]
    if kind == "caf":
        return [
            heading("3 - Votre situation familiale"),
            line("□ Marié(e)   □ Pacsé(e)   □ Vie maritale   □ Célibataire   □ Divorcé(e)"),
            kv("Numéro de sécurité sociale :", value(digits(rng, 13))),
            row("Allocataire", "Conjoint(e), concubin(e) ou pacsé(e)"),
            kv("Enfants et autres personnes à charge vivant au foyer :", value("")),
        ]
    if kind == "identite":
        return [
            heading("3 - Signalement"),
            kv("Taille :", value(f"1,{rng.randint(50, 95)} m")),
            kv("Couleur des yeux :", value(pick(rng, ("marron", "bleu", "vert")))),
            line("□ Première demande   □ Renouvellement   □ Perte   □ Vol"),
            heading("4 - Filiation"),
            kv("Nom et prénom du père :", value("")),
            kv("Nom et prénom de la mère :", value("")),
        ]
    if kind == "vehicule":
        return [
            heading("3 - Le véhicule"),
            kv("Numéro d'immatriculation :", value(plate(rng))),
            kv("Numéro d'identification (VIN) :", value("VF1" + digits(rng, 14))),
            kv("Date et heure de la cession :", value(fr_date(recent(rng)))),
            line("□ Vente   □ Don   □ Cession pour destruction"),
            heading("4 - Le nouveau propriétaire"),
        ]
    if kind == "etat_civil":
        return [
            heading("3 - Acte demandé"),
            line("□ Acte de naissance   □ Acte de mariage   □ Acte de décès"),
            line("□ Copie intégrale   □ Extrait avec filiation   □ Extrait sans filiation"),
            kv("Nombre d'exemplaires :", value(str(rng.randint(1, 3)))),
        ]
    return [
        heading("3 - Composition du ménage"),
        kv("Nombre de personnes qui vivront dans le logement :", value(str(rng.randint(1, 6)))),
        kv("Revenu fiscal de référence :", value(digits(rng, 5))),
        line("□ Locataire HLM   □ Locataire parc privé   □ Hébergé chez des parents"),
    ]


def formulaire_cerfa(fake: Any, rng: random.Random) -> Doc:
    """A filled or blank CERFA form with its mandatory mentions."""
    who = person(fake, rng)
    number, name, ministry, basis, kind = pick(rng, FORMS)
    version = f"{rng.randint(1, 12):02d}"
    filled = maybe(rng, 0.5)

    def value(text: str) -> str:
        return text if filled else BOXES

    reserved = [
        row("Cadre réservé à l'administration", "Date de dépôt", "N° d'enregistrement"),
        kv("Dossier n° :", "" if not filled else f"PC {digits(rng, 3)} {digits(rng, 3)} 25"),
        small("Cachet de la mairie et signature du receveur"),
    ]
    header = [
        small("RÉPUBLIQUE FRANÇAISE"),
        line(
            pick(
                rng,
                (
                    f"cerfa N° {number}*{version}",
                    f"N° {number}*{version}",
                    f"cerfa\nN° {number}*{version}",
                ),
            )
        ),
        title(name),
        small(ministry),
        small(basis),
    ]
    commitment = [
        heading(pick(rng, ("Engagement du demandeur", "Engagement du déclarant", "Signature"))),
        para(
            pick(
                rng,
                (
                    "Je certifie sur l'honneur l'exactitude des renseignements fournis dans le "
                    "présent formulaire.",
                    "J'atteste avoir qualité pour demander la présente autorisation. Je "
                    "soussigné(e), auteur de la demande, certifie exacts les renseignements "
                    "fournis.",
                ),
            )
        ),
        kv("À", value(who.city) + "   Le " + value(fr_date(recent(rng), 3))),
        line("Signature du demandeur :"),
    ]
    notices = [
        small(
            "Toute fausse déclaration est passible de sanctions (articles 441-1 et 441-7 du "
            "code pénal)."
        ),
        small(
            "Les informations recueillies font l'objet d'un traitement informatique. "
            "Conformément à la loi n° 78-17 du 6 janvier 1978 modifiée relative à "
            "l'informatique, aux fichiers et aux libertés, vous disposez d'un droit d'accès "
            "et de rectification."
        ),
    ]
    blocks = [
        *header,
        *(reserved if maybe(rng, 0.6) else []),
        *_identity(rng, who, value),
        *_contact(rng, who, value, fake.email()),
        *_specific(kind, rng, value),
        *commitment,
        *notices,
    ]
    if maybe(rng, 0.5):
        blocks += [
            heading("Pièces à joindre"),
            *[line(f"□ {piece}") for piece in rng.sample(PIECES, rng.randint(2, 4))],
            small(f"Page {rng.randint(1, 4)}/{rng.randint(4, 18)}"),
        ]
    return Doc("formulaire_cerfa", number, blocks=blocks)


PIECES = (
    "Un plan de situation du terrain",
    "Une copie de votre pièce d'identité",
    "Un justificatif de domicile de moins de trois mois",
    "La notice explicative ci-jointe, complétée",
    "Un relevé d'identité bancaire",
    "Le certificat d'immatriculation barré",
    "Une photographie d'identité récente",
)
