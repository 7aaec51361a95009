"""French words for the codes the pages show: statuses, services, priorities, audit actions.

Codes stay French snake_case in the database; people read these labels instead.
"""

from __future__ import annotations

import datetime as dt
import json
from zoneinfo import ZoneInfo

from paperasse.checks.hints import type_label

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
    "dossier.created": "Dossier créé",
    "dossier.submitted": "Dossier déposé",
}
DOSSIER_STATUS_LABELS = {
    "draft": "Brouillon",
    "submitted": "Déposé",
    "accepted": "Accepté",
    "rejected": "Refusé",
}
SEVERITY_LABELS = {"missing": "Manquant", "invalid": "À refaire", "warning": "À vérifier"}


def status_label(code: str | None) -> str:
    return STATUS_LABELS.get(code or "", code or "—")


def service_label(code: str | None) -> str:
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


def local_time(value: dt.datetime | str | None) -> str:
    """A UTC timestamp shown in the town's time zone: "12/03/2026 à 14:05"."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone(PARIS).strftime("%d/%m/%Y à %H:%M")


def local_date(value: dt.date | dt.datetime | None) -> str:
    if value is None:
        return "—"
    if isinstance(value, dt.datetime):
        value = value.astimezone(PARIS).date()
    return value.strftime("%d/%m/%Y")


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


SOURCE_LABELS = {"mailroom": "par le courrier", "upload": "en ligne", "api": "par l'API"}


def event_detail(event: object) -> str:
    """A short French summary of an audit event's details (the parts a person cares about)."""
    action = str(getattr(event, "action", ""))
    try:
        details = json.loads(str(getattr(event, "details", "") or "{}"))
    except ValueError:
        return ""
    if not isinstance(details, dict):
        return ""
    if action in ("document.received", "document.received_again"):
        source = SOURCE_LABELS.get(str(details.get("source")), "")
        if "filename" not in details:  # the trail keeps no file name since records management
            return source
        return f"fichier « {details.get('filename', '')} » {source}".strip()
    if action == "document.processed":
        return f"{doc_type_label(details.get('doc_type'))}, {details.get('pages', 0)} page(s)"
    if action == "document.failed":
        return str(details.get("reason", ""))
    if action == "document.corrected":
        return _changes(details.get("before") or {}, details.get("after") or {})
    return ""


def _changes(before: dict[str, str | None], after: dict[str, str | None]) -> str:
    shown = {"doc_type": doc_type_label, "service": service_label, "priority": priority_label}
    parts = [
        f"{show(before.get(key))} → {show(after.get(key))}"
        for key, show in shown.items()
        if before.get(key) != after.get(key)
    ]
    return " ; ".join(parts) or "classement confirmé"
