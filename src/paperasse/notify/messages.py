"""The words of each notification. Plain French, short, and no more personal data than
needed: no name, no document, no agent's message (the citizen reads it signed in)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

NotificationKind = Literal[
    "depose", "en_instruction", "a_completer", "accepte", "refuse", "message"
]

_WHAT: dict[str, tuple[str, str]] = {
    "depose": (
        "dossier reçu",
        "La mairie a bien reçu votre dossier. Son accusé de réception est disponible dans "
        "votre espace.",
    ),
    "en_instruction": (
        "dossier en cours d'examen",
        "La mairie a commencé l'examen de votre dossier.",
    ),
    "a_completer": (
        "dossier à compléter",
        "La mairie vous demande de compléter votre dossier : lisez son message dans votre "
        "espace, ajoutez ce qu'elle demande, puis déposez de nouveau le dossier.",
    ),
    "accepte": ("demande acceptée", "La mairie a accepté votre demande."),
    "refuse": (
        "demande refusée",
        "La mairie a refusé votre demande. Le motif et les voies de recours sont indiqués "
        "dans votre espace.",
    ),
    "message": (
        "nouveau message de la mairie",
        "La mairie vous a écrit au sujet de votre dossier : lisez son message dans votre espace.",
    ),
}


@dataclass(frozen=True)
class Message:
    subject: str
    body: str


def compose(
    kind: NotificationKind,
    *,
    number: str | None,
    procedure_title: str,
    link: str,
    account_link: str,
    town: str,
) -> Message:
    """The e-mail telling a citizen what happened to their dossier."""
    short, sentence = _WHAT[kind]
    named = f"n° {number}" if number else "en cours"
    body = "\n".join(
        [
            "Bonjour,",
            "",
            f"Dossier {named} – {procedure_title}",
            sentence,
            "",
            f"Suivre votre dossier : {link}",
            "",
            "Vous recevez ce courriel parce que vous avez demandé à être prévenu(e) des suites "
            f"de vos démarches. Pour ne plus le recevoir : {account_link}",
            "",
            town,
        ]
    )
    return Message(subject=f"Votre dossier {named} : {short}", body=body)
