"""The acknowledgement of receipt as a PDF (CRPA L112-3 and R112-5).

R112-5 asks for: the date the request was received and the date at which,
without an express decision, it will be deemed accepted or rejected; the
service in charge with its postal address, e-mail and phone; when the request
is incomplete, the pieces missing (L114-5); whether silence means acceptance or
rejection, and for a rejection the delays and means of appeal, for an
acceptance the right to a certificate of it (L232-3). Everything comes in an
``AckFacts``; this module only lays it out (fpdf2, DejaVu fonts of Debian's
fonts-dejavu-core), the same facts always giving the same bytes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from fpdf import FPDF

from paperasse.checks import format_date_fr
from paperasse.checks.verdict import local_date
from paperasse.errors import ConfigurationError

FONTS = Path("/usr/share/fonts/truetype/dejavu")
REGULAR, BOLD = FONTS / "DejaVuSans.ttf", FONTS / "DejaVuSans-Bold.ttf"


@dataclass(frozen=True)
class Contact:
    """Who answers: the service in charge, with the town hall's details as fallback."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass(frozen=True)
class AckFacts:
    """What an acknowledgement says."""

    town: str
    contact: Contact
    issued_at: dt.datetime
    received_on: dt.date
    reference: str = ""
    subject: str = ""
    addressee: str = ""
    first_received_on: dt.date | None = None
    due_on: dt.date | None = None
    decision: str | None = None  # "acceptation" or "rejet"; None: no implicit decision known
    source: str = ""
    appeal: str = ""
    missing: list[str] = field(default_factory=list)
    general_note: str = ""


def _pdf(issued_at: dt.datetime) -> FPDF:
    if not REGULAR.exists() or not BOLD.exists():
        raise ConfigurationError(
            "Les polices DejaVu manquent (paquet Debian fonts-dejavu-core) : "
            "l'accusé de réception ne peut pas être produit."
        )
    pdf = FPDF(format="A4")
    pdf.set_creation_date(issued_at)
    pdf.set_title("Accusé de réception")
    pdf.set_author("paperasse")
    pdf.add_font("dejavu", fname=str(REGULAR))
    pdf.add_font("dejavu", style="B", fname=str(BOLD))
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    return pdf


def _para(
    pdf: FPDF, text: str, *, size: float = 10.5, bold: bool = False, gap: float = 1.5
) -> None:
    pdf.set_font("dejavu", style="B" if bold else "", size=size)
    pdf.multi_cell(0, size * 0.5, text, new_x="LMARGIN", new_y="NEXT")
    pdf.ln(gap)


def _line(pdf: FPDF, label: str, value: str) -> None:
    pdf.set_font("dejavu", style="B", size=10.5)
    pdf.write(5.5, f"{label} : ")
    pdf.set_font("dejavu", size=10.5)
    pdf.write(5.5, value)
    pdf.ln(6.5)


def _header(pdf: FPDF, facts: AckFacts) -> None:
    _para(pdf, facts.town, size=13, bold=True, gap=0.5)
    contact = facts.contact
    lines = [contact.name, contact.address]
    lines += [f"Téléphone : {contact.phone}" if contact.phone else ""]
    lines += [f"Courriel : {contact.email}" if contact.email else ""]
    _para(pdf, "\n".join(line for line in lines if line), size=9.5, gap=4)
    pdf.set_font("dejavu", size=10)
    pdf.cell(0, 5, f"Le {format_date_fr(local_date(facts.issued_at))}", align="R")
    pdf.ln(10)
    _para(pdf, "ACCUSÉ DE RÉCEPTION", size=16, bold=True, gap=0.5)
    _para(
        pdf,
        "Code des relations entre le public et l'administration, articles L112-3 et R112-5",
        size=9,
        gap=5,
    )


def _decision(pdf: FPDF, facts: AckFacts) -> None:
    _para(pdf, "Si la mairie ne répond pas", size=12, bold=True, gap=1)
    if facts.missing:
        _para(
            pdf,
            "Votre demande semble incomplète. Pièces manquantes ou à refaire : "
            + " ; ".join(facts.missing)
            + ". Le délai au terme duquel le silence de l'administration vaut décision ne court "
            "qu'à compter de la réception de ces pièces (article L114-5) ; la mairie vous "
            "indiquera le délai pour les fournir.",
        )
    elif facts.decision and facts.due_on:
        deemed = "acceptée" if facts.decision == "acceptation" else "rejetée"
        _para(
            pdf,
            f"À défaut de décision expresse au {format_date_fr(facts.due_on)}, votre demande "
            f"sera réputée {deemed}.",
            bold=True,
        )
    if facts.decision == "acceptation":
        _para(
            pdf,
            "Une fois la décision implicite d'acceptation acquise, vous pouvez obtenir, sur "
            "simple demande, une attestation de cette décision (article L232-3).",
        )
    elif facts.decision == "rejet" and facts.appeal:
        _para(pdf, "Délais et voies de recours : " + facts.appeal)
    if facts.general_note:
        _para(pdf, facts.general_note)
    if facts.source:
        _para(pdf, "Fondement : " + facts.source, size=8.5)


def acknowledgement_pdf(facts: AckFacts) -> bytes:
    """The acknowledgement, as the PDF handed to the person who made the request."""
    pdf = _pdf(facts.issued_at)
    _header(pdf, facts)
    if facts.reference:
        _line(pdf, "Référence", facts.reference)
    if facts.subject:
        _line(pdf, "Objet", facts.subject)
    if facts.addressee:
        _line(pdf, "Demandeur", facts.addressee)
    if facts.first_received_on and facts.first_received_on != facts.received_on:
        _line(pdf, "Demande reçue le", format_date_fr(facts.first_received_on))
        _line(pdf, "Pièces complémentaires reçues le", format_date_fr(facts.received_on))
    else:
        _line(pdf, "Date de réception de la demande", format_date_fr(facts.received_on))
    _line(pdf, "Service chargé du dossier", facts.contact.name)
    pdf.ln(3)
    _decision(pdf, facts)
    pdf.ln(4)
    _para(
        pdf,
        "Document établi automatiquement à la réception de votre demande. Conservez-le : il "
        "atteste la date à laquelle la mairie l'a reçue.",
        size=8.5,
    )
    return bytes(pdf.output())
