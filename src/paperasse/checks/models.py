"""Inputs and outputs of the dossier check.

``CheckedDocument`` is what the upstream stages learned about one uploaded
file; ``Persons`` says who the dossier is about; ``Finding`` is one problem
told to the citizen in plain French. ``DossierCheck`` adds, for a checklist
screen, which documents went to which piece.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from paperasse.models.domain import Holder

Severity = Literal["missing", "invalid", "warning"]

FindingCode = Literal[
    "piece_manquante",
    "nombre_insuffisant",
    "document_trop_ancien",
    "document_expire",
    "titulaire_different",
    "document_illisible",
    "document_non_reconnu",
    "information_non_lue",
    "document_non_attendu",
    "doublon",
]


class CheckedDocument(BaseModel):
    """One uploaded document as the pipeline understood it."""

    id: str
    filename: str
    sha256: str
    doc_type: str = Field(description="classifier label, e.g. facture_energie")
    doc_type_confidence: float = 1.0
    typed: bool = Field(
        default=True,
        description="the type was decided: by the classifier with enough confidence, or by a "
        "person; an undecided document fills no piece until someone looks at it",
    )
    holder: Holder | None = None
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    issuer: str | None = Field(default=None, description="e.g. EDF, for the hints")
    page_confidences: list[float | None] = Field(
        default_factory=list,
        description="mean OCR word confidence 0-100 per page; None for a text layer or blank page",
    )
    page_verdicts: list[str | None] = Field(
        default_factory=list,
        description="quality verdict per page (lisible, floue...); None for a text layer",
    )
    blank_pages: int = 0
    page_count: int = 1


class Person(BaseModel):
    """Someone the dossier is about."""

    full_name: str
    born_abroad: bool = Field(
        default=False, description="longer validity for an acte de naissance from abroad"
    )


class Persons(BaseModel):
    """The people of a dossier.

    ``partners`` are the other member(s) of a couple (PACS, mariage): the
    applicant is always one of them. ``household_adults`` are the other adults
    living in the home (logement social). ``children`` are the children the
    procedure is about (inscription scolaire).
    """

    applicant: Person
    partners: list[Person] = Field(default_factory=list)
    household_adults: list[Person] = Field(default_factory=list)
    children: list[Person] = Field(default_factory=list)

    @classmethod
    def of(
        cls,
        applicant: str,
        *,
        partners: list[str] | None = None,
        household_adults: list[str] | None = None,
        children: list[str] | None = None,
    ) -> Persons:
        """Build from plain full names, for callers that know nothing more."""
        return cls(
            applicant=Person(full_name=applicant),
            partners=[Person(full_name=n) for n in partners or []],
            household_adults=[Person(full_name=n) for n in household_adults or []],
            children=[Person(full_name=n) for n in children or []],
        )


class Finding(BaseModel):
    """One thing wrong or missing in a dossier, with its hint in plain French."""

    code: FindingCode
    severity: Severity
    piece: str | None = None
    document: str | None = Field(default=None, description="document id")
    hint: str
    person: str | None = Field(default=None, description="full name of the person concerned")


class PieceStatus(BaseModel):
    """What one piece received, for one person."""

    piece: str
    label: str
    person: str | None
    required: bool
    documents: list[str] = Field(default_factory=list, description="ids counted for the piece")
    extra_documents: list[str] = Field(
        default_factory=list, description="further documents of an accepted type, not checked"
    )
    satisfied: bool


class DossierCheck(BaseModel):
    """The full verdict on a dossier."""

    procedure: str
    findings: list[Finding]
    pieces: list[PieceStatus]
    complete: bool


def is_complete(findings: list[Finding]) -> bool:
    """A dossier is complete when nothing is missing or invalid; warnings do not count."""
    return not any(f.severity in ("missing", "invalid") for f in findings)
