"""The disposal certificate (bordereau d'élimination), as JSON and as PDF.

Both are derived, byte for byte, from the certificate's content kept in the
database: the JSON is canonical and the PDF carries the approval time as its
creation date, so sealing them write-once in the store can be retried after a
failure and verified at any time against the hashes in the audit trail. The
certificate names no person: documents appear by id, type, dates and SHA-256.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path
from typing import Any

from fpdf import FPDF

from paperasse.storage.base import BlobStore

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PREFIX = "records/disposals/"


def names(disposal_id: str) -> tuple[str, str]:
    """The store names of a disposal's certificate: JSON, then PDF."""
    return f"{PREFIX}{disposal_id}/bordereau.json", f"{PREFIX}{disposal_id}/bordereau.pdf"


def as_json(certificate: dict[str, Any]) -> bytes:
    return (
        json.dumps(certificate, sort_keys=True, ensure_ascii=False, indent=2).encode("utf-8")
        + b"\n"
    )


def as_pdf(certificate: dict[str, Any]) -> bytes:
    """The certificate printed in French, one line per document destroyed."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(dt.datetime.fromisoformat(certificate["approuvee_le"]))
    pdf.add_font("dejavu", fname=str(FONT_DIR / "DejaVuSans.ttf"))
    pdf.add_font("dejavu", style="B", fname=str(FONT_DIR / "DejaVuSans-Bold.ttf"))
    pdf.add_font("mono", fname=str(FONT_DIR / "DejaVuSansMono.ttf"))
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("dejavu", style="B", size=15)
    pdf.multi_cell(0, 8, "Bordereau d'élimination d'archives", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=10)
    dates = certificate["dates_extremes"]
    lines = [
        f"Commune : {certificate['commune']}",
        f"Bordereau n° {certificate['bordereau']}",
        f"Proposé par {certificate['propose_par']} le {_day(certificate['propose_le'])}",
        f"Approuvé par {certificate['approuvee_par']} le {_day(certificate['approuvee_le'])}",
        f"Visa du directeur des Archives départementales : {certificate['visa']}",
        f"Documents détruits : {certificate['nombre']}"
        + (f", reçus du {_day(dates['du'])} au {_day(dates['au'])}" if dates else ""),
    ]
    for line in lines:
        pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("dejavu", style="B", size=11)
    pdf.multi_cell(0, 7, "Règles appliquées", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dejavu", size=9)
    for rule_id, rule in sorted(certificate["regles"].items()):
        checked = "vérifiée" if rule["verifiee"] else "NON vérifiée sur la source"
        text = (
            f"{rule_id} : DUA {rule['dua_annees']} an(s) à compter de {rule['evenement']}, "
            f"sort final {rule['sort_final']} ; source : {rule['source']} ({checked})"
        )
        pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("dejavu", style="B", size=11)
    pdf.multi_cell(0, 7, "Documents détruits", new_x="LMARGIN", new_y="NEXT")
    for item in certificate["documents"]:
        pdf.set_font("dejavu", size=9)
        head = (
            f"{item['document']} — {item['type'] or 'type inconnu'}"
            + (f" — dossier {item['demarche']} {item['dossier']}" if item["dossier"] else "")
            + f" — reçu le {_day(item['recu_le'])}, échéance {_day(item['echeance'])}"
            + f" — règle {item['regle']} — original : {item['original'].replace('_', ' ')}"
        )
        pdf.multi_cell(0, 5, head, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("mono", size=8)
        pdf.multi_cell(0, 4, f"SHA-256 {item['sha256']}", new_x="LMARGIN", new_y="NEXT")
    if certificate["ecartes"]:
        pdf.ln(3)
        pdf.set_font("dejavu", style="B", size=11)
        pdf.multi_cell(0, 7, "Écartés à l'approbation", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("dejavu", size=9)
        for item in certificate["ecartes"]:
            text = f"{item['document']} : {item['raison']}"
            pdf.multi_cell(0, 5, text, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def hashes(certificate: dict[str, Any]) -> dict[str, str]:
    """The SHA-256 of the JSON and of the PDF, as the audit trail records them."""
    return {
        "json_sha256": hashlib.sha256(as_json(certificate)).hexdigest(),
        "pdf_sha256": hashlib.sha256(as_pdf(certificate)).hexdigest(),
    }


def seal(store: BlobStore, certificate: dict[str, Any]) -> None:
    """Write both forms write-once in the store (a repeat with the same bytes is a no-op)."""
    json_name, pdf_name = names(certificate["bordereau"])
    store.put_named(json_name, as_json(certificate))
    store.put_named(pdf_name, as_pdf(certificate))


def _day(value: str) -> str:
    return dt.date.fromisoformat(value[:10]).strftime("%d/%m/%Y")
