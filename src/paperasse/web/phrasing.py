"""How the pages say dates, confidences, reasons and audit events in plain French.

Dates read « 1er février 2027 » (and « 1er février 2027 à 14:05 » with a time),
in the town's time zone. The classifier's and the triage's reasons quote codes
(``livret_famille``, ``non_determine``), probabilities (``0.18``) and ISO dates;
``plain_reason`` turns those into words before a person reads them.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

from paperasse.checks import format_date_fr
from paperasse.models.domain import DOC_LABELS, SERVICES
from paperasse.web.labels import (
    FIELD_LABELS,
    FIELD_SOURCES,
    PARIS,
    doc_type_label,
    priority_label,
    service_label,
)

_ISO_DAY = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_PROBABILITY = re.compile(r"(?<![\d,.])(0\.\d{1,4}|1\.0{1,4})(?![\d%])")
_CODE = re.compile(r"\b[a-z]+(?:_[a-z]+)+\b|\b(?:" + "|".join((*DOC_LABELS, *SERVICES)) + r")\b")
SOURCE_LABELS = {"mailroom": "par le courrier", "upload": "en ligne", "api": "par l'API"}


def local_time(value: dt.datetime | str | None) -> str:
    """A UTC timestamp in the town's time zone: « 12 mars 2026 à 14:05 »."""
    if value is None:
        return "—"
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(PARIS)
    return f"{format_date_fr(local.date())} à {local:%H:%M}"


def local_date(value: dt.date | dt.datetime | str | None) -> str:
    """A day in French: « 1er février 2027 »."""
    if value is None or value == "":
        return "—"
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.astimezone(PARIS).date()
    return format_date_fr(value)


def percent(value: float | None) -> str:
    return "—" if value is None else f"{round(value * 100)} %"


def _code(match: re.Match[str]) -> str:
    code = match.group(0)
    if code in SERVICES or code == "non_determine":
        return service_label(code).lower() if code == "non_determine" else service_label(code)
    if code in DOC_LABELS:
        return doc_type_label(code).lower()
    return code.replace("_", " ")


def plain_reason(line: object) -> str:
    """A classifier's or triage's reason without codes, raw probabilities or ISO dates."""
    text = str(line)
    text = _ISO_DAY.sub(lambda m: local_date(m.group(0)), text)
    text = _PROBABILITY.sub(lambda m: f"{round(float(m.group(0)) * 100)} %", text)
    return _CODE.sub(_code, text)


def field_name(name: object) -> str:
    return FIELD_LABELS.get(str(name), str(name).replace("_", " ").capitalize())


def field_value(name: object, value: object) -> str:
    """A trusted field's value as people read it (dates in words)."""
    text = str(value)
    if str(name).endswith("_date") and _ISO_DAY.fullmatch(text):
        return local_date(text)
    return text


def field_source(source: object) -> str:
    return FIELD_SOURCES.get(str(source), str(source))


def event_detail(event: object) -> str:
    """A short French summary of an audit event's details (the parts a person cares about)."""
    action = str(getattr(event, "action", ""))
    try:
        details = json.loads(str(getattr(event, "details", "") or "{}"))
    except ValueError:
        return ""
    if not isinstance(details, dict):
        return ""
    return _detail(action, details)


def _detail(action: str, details: dict[str, Any]) -> str:
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
    if action in (
        "dossier.document_added",
        "dossier.document_removed",
        "dossier.document_replaced",
    ):
        return f"« {details['filename']} »" if details.get("filename") else ""
    if action == "dossier.finding_overridden":
        return f"motif : {details.get('reason', '')}"
    if action == "dossier.acknowledged":
        return (
            f"dossier n° {details.get('number', '')}, échéance {local_date(details.get('due_on'))}"
        )
    if action.startswith("dossier.") and details.get("text"):
        return str(details["text"])
    return ""


def _changes(before: dict[str, str | None], after: dict[str, str | None]) -> str:
    shown = {"doc_type": doc_type_label, "service": service_label, "priority": priority_label}
    parts = [
        f"{show(before.get(key))} → {show(after.get(key))}"
        for key, show in shown.items()
        if before.get(key) != after.get(key)
    ]
    return " ; ".join(parts) or "classement confirmé"
