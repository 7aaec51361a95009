"""French words for the codes the pages show: statuses, services, priorities, audit actions.

Codes stay French snake_case in the database; people read these labels instead.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from paperasse.checks.hints import type_label
from paperasse.checks.views import STATUS_LABELS as STATUS_OF_DOSSIER

PARIS = ZoneInfo("Europe/Paris")

STATUS_LABELS = {
    "received": "Reçu",
    "processing": "En traitement",
    "processed": "Traité",
    "needs_review": "À vérifier",
    "failed": "En échec",
    "batch": "Lot découpé",
}
SERVICE_LABELS = {
    "etat_civil": "État civil",
    "urbanisme": "Urbanisme",
    "education": "Éducation",
    "social": "Action sociale (CCAS)",
    "elections": "Élections",
    "finances": "Finances",
    "technique": "Services techniques",
    "cabinet": "Cabinet du maire",
}
PRIORITY_LABELS = {"urgent": "Urgente", "normale": "Normale", "basse": "Basse"}
ROLE_LABELS = {
    "citoyen": "Citoyen",
    "courrier": "Agent du courrier",
    "agent": "Agent",
    "archiviste": "Archiviste",
    "admin": "Administrateur",
}
ACTION_LABELS = {
    "document.received": "Document reçu",
    "document.received_again": "Document reçu une nouvelle fois",
    "document.processed": "Document traité automatiquement",
    "document.failed": "Traitement en échec",
    "document.retry": "Traitement relancé",
    "document.corrected": "Classement corrigé",
    "document.original_read": "Original consulté",
    "document.viewed": "Document consulté",
    "document.sender_recorded": "Expéditeur et objet enregistrés",
    "document.left_dossier": "Retiré d'un dossier",
    "dossier.created": "Dossier ouvert",
    "dossier.submitted": "Dossier déposé",
    "dossier.resubmitted": "Dossier complété et déposé de nouveau",
    "dossier.acknowledged": "Accusé de réception délivré",
    "dossier.checked": "Vérification des pièces",
    "dossier.document_added": "Fichier ajouté",
    "dossier.document_removed": "Fichier retiré",
    "dossier.document_replaced": "Fichier remplacé",
    "dossier.instruction_started": "Examen commencé",
    "dossier.complement_requested": "Complément demandé",
    "dossier.accepted": "Demande acceptée",
    "dossier.refused": "Demande refusée",
    "dossier.message": "Message",
    "dossier.finding_overridden": "Remarque levée",
}
DOSSIER_STATUS_LABELS = STATUS_OF_DOSSIER
SLOT_LABELS = {
    "fournie": "Fournie",
    "a_refaire": "À refaire",
    "manquante": "Manquante",
    "facultative": "Facultative",
    "en_lecture": "En cours de lecture",
}
FILE_LABELS = {
    "en_lecture": "En cours de lecture",
    "fournie": "Fournie",
    "a_refaire": "À refaire",
    "en_double": "En double",
    "en_plus": "En plus",
}
# Badge colours: the CSS knows ok, missing, warning and processing.
TONES = {
    "fournie": "ok",
    "a_refaire": "missing",
    "manquante": "missing",
    "facultative": "neutral",
    "en_lecture": "processing",
    "en_double": "warning",
    "en_plus": "neutral",
    "brouillon": "neutral",
    "depose": "processing",
    "en_instruction": "processing",
    "a_completer": "missing",
    "accepte": "ok",
    "refuse": "missing",
}
FIELD_LABELS = {
    "surname": "Nom",
    "given_names": "Prénoms",
    "full_name": "Nom complet",
    "birth_date": "Date de naissance",
    "birth_place": "Lieu de naissance",
    "document_number": "Numéro du document",
    "issue_date": "Date de délivrance",
    "expiry_date": "Date d'expiration",
    "address": "Adresse",
    "iban": "IBAN",
    "issuer": "Émetteur",
    "nationality": "Nationalité",
    "sex": "Sexe",
    "amount": "Montant",
}
FIELD_SOURCES = {
    "2d-doc": "code 2D-Doc dont la signature est vérifiée",
    "mrz": "bande MRZ dont les clés de contrôle sont justes",
    "label": "lu sur la page à côté de son intitulé",
}
SEVERITY_LABELS = {"missing": "Manquant", "invalid": "À refaire", "warning": "À vérifier"}


def status_label(code: str | None) -> str:
    return STATUS_LABELS.get(code or "", code or "—")


def service_label(code: str | None) -> str:
    if code == "non_determine":
        return "Non déterminé"
    return SERVICE_LABELS.get(code or "", code or "—")


def priority_label(code: str | None) -> str:
    return PRIORITY_LABELS.get(code or "", code or "—")


def doc_type_label(code: str | None) -> str:
    """``facture_energie`` -> "Facture d'énergie…", from the wording the hints use."""
    if not code:
        return "—"
    label = type_label(code)
    return label[:1].upper() + label[1:]


def action_label(code: str) -> str:
    return ACTION_LABELS.get(code, code)


def actor_label(actor: str) -> str:
    """``user:marie`` -> "marie"; the pipeline reads as "traitement automatique"."""
    if actor.startswith("user:"):
        return actor[5:]
    if actor in ("worker", "inline"):
        return "traitement automatique"
    return actor
