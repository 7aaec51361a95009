"""Short service-specific sentences appended at random to letter bodies.

They teach the model a service's vocabulary beyond one template; like bodies, every
fourth one is kept for the held-out split.
"""

from __future__ import annotations

EXTRA_SENTENCES: dict[str, list[str]] = {
    "etat_civil": [
        "Je joins la copie de ma pièce d'identité et de mon livret de famille.",
        "Merci d'indiquer la filiation complète sur l'extrait.",
        "L'acte doit être délivré en format plurilingue.",
        "Ma mère est née dans la commune, ses parents aussi.",
        "Il s'agit d'un acte dressé par l'officier de l'état civil de la commune.",
        "Je peux venir le retirer au guichet de la mairie.",
        "Les témoins seront présents le jour de la cérémonie.",
        "Nous avons déjà rempli le dossier auprès du service.",
    ],
    "urbanisme": [
        "Les plans ont été réalisés par un architecte.",
        "Le terrain est situé en zone UB du règlement.",
        "Je n'ai pas reçu d'accusé de réception de mon dossier.",
        "Le délai d'instruction semble dépassé.",
        "Le panneau d'affichage est visible depuis la voie publique.",
        "La hauteur au faîtage ne dépassera pas sept mètres.",
        "Les travaux devraient commencer au printemps.",
        "Mon notaire attend la réponse pour signer l'acte de vente.",
    ],
    "education": [
        "Mon enfant est actuellement scolarisé dans une autre commune.",
        "Je joins le carnet de vaccination et un justificatif de domicile.",
        "Les enseignants sont informés de la situation.",
        "Nous travaillons tous les deux et finissons tard.",
        "Le quotient familial de la CAF est joint.",
        "La directrice de l'école est d'accord.",
        "Les enfants déjeunent sur place le lundi et le jeudi.",
        "Merci de transmettre au service scolaire.",
    ],
    "social": [
        "Mes seules ressources sont les allocations.",
        "Je suis suivi par une assistante sociale du département.",
        "Je vis seul depuis le décès de mon épouse.",
        "Mes enfants ne peuvent pas m'aider.",
        "Je joins mon dernier avis d'imposition et mes relevés de compte.",
        "La situation devient très difficile à gérer.",
        "Je souhaiterais un rendez-vous avec un travailleur social.",
        "Je n'ose pas demander d'aide habituellement.",
    ],
    "elections": [
        "Je joins ma carte d'identité et une facture récente.",
        "Je tiens à exercer mon droit de vote.",
        "Je suis inscrit sur le répertoire électoral unique depuis des années.",
        "Le prochain scrutin a lieu au printemps.",
        "Ma carte d'électeur précédente porte mon ancienne adresse.",
        "Je serai absent pour raisons professionnelles ce dimanche-là.",
        "Merci de m'indiquer mon numéro d'électeur.",
        "Je souhaite voter dans la commune où je réside.",
    ],
    "finances": [
        "Le paiement est à effectuer par virement sur le compte indiqué.",
        "Le numéro d'engagement figure sur le bon de commande.",
        "Merci de rappeler la référence de la facture lors du paiement.",
        "La facture a été déposée sur Chorus Pro.",
        "Les crédits sont inscrits au budget de l'exercice.",
        "Le comptable public a été informé.",
        "Nos conditions générales de vente sont jointes.",
        "Le montant HT et la TVA sont détaillés ci-dessous.",
    ],
    "technique": [
        "Je vous joins une photo pour localiser le problème.",
        "Ce n'est pas la première fois que je le signale.",
        "Les services techniques sont déjà passés sans rien réparer.",
        "Le problème se situe à l'angle des deux rues.",
        "Les riverains se plaignent depuis longtemps.",
        "Une intervention rapide des agents serait appréciée.",
        "La circulation est gênée aux heures de pointe.",
        "Il faudrait un balisage en attendant les travaux.",
    ],
    "cabinet": [
        "Monsieur le Maire connaît bien notre association.",
        "Les élus du conseil municipal sont également conviés.",
        "La presse locale sera présente.",
        "Je compte sur votre bienveillance.",
        "Un verre de l'amitié clôturera la manifestation.",
        "Merci de transmettre ce courrier au cabinet du maire.",
        "Nous vous remercions pour votre soutien constant.",
        "Je souhaite que ma démarche reste confidentielle.",
    ],
}
