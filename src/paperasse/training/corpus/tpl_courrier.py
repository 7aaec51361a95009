"""Letters to the mayor: requests, complaints, appeals, invitations, thanks.

Some letters deliberately mention bills, ID cards or forms (hard cases): a letter
that talks about a water bill is still a letter.
"""

from __future__ import annotations

import random
from typing import Any

from paperasse.training.corpus.blocks import gap, line, para
from paperasse.training.corpus.fakes import fr_date, maybe, person, pick, recent
from paperasse.training.corpus.types import Block, Doc

TOPICS: dict[str, tuple[str, list[str]]] = {
    "demande_creche": (
        "Demande de place en crèche",
        [
            "Je me permets de vous solliciter afin d'obtenir une place en crèche municipale pour "
            "mon enfant à compter de la rentrée prochaine.",
            "Nous travaillons tous les deux à temps plein et aucune solution de garde n'a pu être "
            "trouvée à ce jour.",
        ],
    ),
    "plainte_bruit": (
        "Nuisances sonores",
        [
            "Je souhaite attirer votre attention sur les nuisances sonores répétées provenant du "
            "bar situé en bas de mon immeuble, notamment la nuit.",
            "Malgré plusieurs signalements, la situation ne s'améliore pas et le sommeil de ma "
            "famille en est affecté.",
        ],
    ),
    "voirie": (
        "Signalement de l'état de la voirie",
        [
            "Je vous signale la présence de nids-de-poule dangereux et d'un éclairage public en "
            "panne dans notre rue depuis plusieurs semaines.",
            "Plusieurs riverains ont déjà chuté et je crains un accident grave.",
        ],
    ),
    "recours_urbanisme": (
        "Recours gracieux contre un refus de permis de construire",
        [
            "Par la présente, je forme un recours gracieux contre l'arrêté de refus de permis de "
            "construire qui m'a été notifié le mois dernier.",
            "Il me semble que mon projet respecte les règles du plan local d'urbanisme et je vous "
            "demande de bien vouloir réexaminer ma demande.",
        ],
    ),
    "invitation": (
        "Invitation à notre assemblée générale",
        [
            "Notre association a le plaisir de vous inviter à son assemblée générale annuelle qui "
            "se tiendra à la salle des fêtes.",
            "Votre présence serait pour nous un grand honneur et l'occasion de vous présenter nos "
            "projets pour l'année à venir.",
        ],
    ),
    "subvention": (
        "Demande de subvention",
        [
            "Au nom du club sportif que je préside, je sollicite une subvention de fonctionnement "
            "auprès de la commune pour la saison prochaine.",
            "Vous trouverez ci-joint notre budget prévisionnel et le bilan de nos activités.",
        ],
    ),
    "occupation": (
        "Demande d'autorisation d'occupation du domaine public",
        [
            "Je sollicite l'autorisation d'installer une benne sur la voie publique devant mon "
            "domicile pendant la durée de mes travaux de rénovation.",
            "Les travaux doivent durer environ trois semaines.",
        ],
    ),
    "depot_sauvage": (
        "Dépôt sauvage d'ordures",
        [
            "Je tiens à vous informer qu'un dépôt sauvage d'encombrants s'est formé au bout du "
            "chemin communal, près du terrain de sport.",
            "Je vous remercie de bien vouloir faire procéder à son enlèvement.",
        ],
    ),
    "remerciement": (
        "Remerciements",
        [
            "Je tenais à remercier chaleureusement les services municipaux pour leur aide lors de "
            "l'organisation de la fête de quartier.",
            "Leur disponibilité a largement contribué au succès de cette journée.",
        ],
    ),
    "facture_eau": (
        "Contestation de ma facture d'eau",
        [
            "Je conteste le montant de ma dernière facture d'eau, qui me semble anormalement "
            "élevé par rapport à ma consommation habituelle.",
            "Je joins une copie de la facture et vous demande de faire vérifier le compteur par "
            "la régie des eaux.",
        ],
    ),
    "piece_identite": (
        "Rendez-vous pour une carte d'identité",
        [
            "Je souhaite obtenir un rendez-vous pour le renouvellement de ma carte nationale "
            "d'identité, arrivée à expiration.",
            "Je dispose déjà de ma pré-demande en ligne et de mes justificatifs de domicile.",
        ],
    ),
    "logement": (
        "Demande de logement",
        [
            "Je me permets de vous écrire afin de solliciter votre soutien dans ma recherche d'un "
            "logement social adapté à ma situation familiale.",
            "Ma demande est enregistrée depuis deux ans et mon logement actuel est trop petit.",
        ],
    ),
    "cantine": (
        "Inscription à la cantine et au périscolaire",
        [
            "Je souhaite inscrire mes enfants à la restauration scolaire et à l'accueil "
            "périscolaire du soir.",
            "Pourriez-vous m'indiquer les tarifs appliqués selon le quotient familial ?",
        ],
    ),
    "demission": (
        "Démission du conseil municipal",
        [
            "J'ai l'honneur de vous informer de ma décision de démissionner de mon mandat de "
            "conseiller municipal, pour des raisons personnelles.",
            "Je vous prie de bien vouloir en informer le représentant de l'État.",
        ],
    ),
}

OPENINGS = ("Monsieur le Maire,", "Madame la Maire,", "Madame, Monsieur,", "Monsieur le Maire,")
CLOSINGS = (
    "Je vous prie d'agréer, {to}, l'expression de mes salutations distinguées.",
    "Veuillez agréer, {to}, l'expression de ma considération distinguée.",
    "Dans l'attente de votre réponse, je vous prie de croire, {to}, en mes sentiments respectueux.",
    "Avec mes remerciements anticipés, je vous adresse, {to}, mes respectueuses salutations.",
)


def courrier(fake: Any, rng: random.Random) -> Doc:
    """A letter to the town hall, formal or plain, sometimes very short."""
    who = person(fake, rng)
    topic = pick(rng, sorted(TOPICS))
    subject, body = TOPICS[topic]
    opening = pick(rng, OPENINGS)
    to = opening.rstrip(",")
    town = fake.city()
    blocks: list[Block] = [line(who.formal), line(who.street), line(f"{who.postcode} {who.city}")]
    if maybe(rng, 0.5):
        blocks.append(line(f"Tél. : {fake.phone_number()}"))
    blocks += [
        line(f"{pick(rng, ('Monsieur le Maire', 'Madame la Maire', 'Mairie'))} de {town}"),
        line("Hôtel de ville"),
        line(f"{who.city}, le {fr_date(recent(rng), rng.choice((0, 1)))}"),
    ]
    if maybe(rng, 0.3):
        blocks.append(line("Lettre recommandée avec accusé de réception"))
    blocks += [line(f"Objet : {subject}"), gap(), line(opening)]
    short = maybe(rng, 0.2)
    paragraphs = body[:1] if short else body
    blocks += [para(text) for text in paragraphs]
    if not short and maybe(rng, 0.4):
        blocks.append(
            para(
                pick(
                    rng,
                    (
                        "Je reste à votre disposition pour tout renseignement complémentaire.",
                        "Je vous remercie par avance de l'attention que vous porterez "
                        "à ma demande.",
                    ),
                )
            )
        )
    blocks += [
        para(pick(rng, CLOSINGS).format(to=to.lower() if to.startswith("Madame,") else to)),
        gap(),
        line(who.full),
    ]
    if maybe(rng, 0.25):
        blocks.append(
            line(
                "PJ : "
                + pick(
                    rng,
                    (
                        "copie de ma facture",
                        "justificatif de domicile",
                        "photographies",
                        "copie de ma carte d'identité",
                    ),
                )
            )
        )
    return Doc("courrier", topic, blocks=blocks)
