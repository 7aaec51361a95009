"""Domain types passed between pipeline stages.

These are plain pydantic models, independent of the database tables and of the
API's request/response models. Labels the town reads stay French snake_case.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

TextSource = Literal["text-layer", "ocr"]

DOC_TYPES: tuple[str, ...] = (
    "carte_identite", "passeport", "titre_sejour", "permis_conduire", "carte_vitale",
    "carte_grise", "acte_naissance", "acte_mariage", "acte_deces", "livret_famille",
    "facture_energie", "facture_eau", "facture_telecom", "quittance_loyer",
    "attestation_assurance_habitation", "avis_imposition", "bulletin_salaire",
    "releve_bancaire", "rib", "attestation_caf", "certificat_scolarite",
    "certificat_vaccination", "formulaire_cerfa", "courrier",
)  # fmt: skip
UNKNOWN_TYPE = "autre"
DOC_LABELS: tuple[str, ...] = (*DOC_TYPES, UNKNOWN_TYPE)
FRENCH_MONTHS: tuple[str, ...] = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
    "octobre", "novembre", "décembre",
)  # fmt: skip
SERVICES: tuple[str, ...] = (
    "etat_civil", "urbanisme", "education", "social", "elections", "finances", "technique",
    "cabinet",
)  # fmt: skip
PRIORITIES: tuple[str, ...] = ("urgent", "normale", "basse")


class Word(BaseModel):
    """One OCRed word with its box in page pixels, for highlighting and legibility."""

    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int


class PageText(BaseModel):
    """The text of one page and where it came from."""

    number: int = Field(description="1-based page number")
    text: str
    source: TextSource
    ocr_confidence: float | None = Field(
        default=None, description="mean word confidence 0-100, None for a text layer"
    )
    words: list[Word] = Field(default_factory=list)
    width: int = 0
    height: int = 0
    rotation: int = Field(default=0, description="degrees the page was turned before OCR")
    blank: bool = False


class Entity(BaseModel):
    """A named thing found in a document, with its normalised value."""

    label: str = Field(description="french snake_case: personne, date, iban, nir...")
    text: str = Field(description="as written in the document")
    value: str = Field(description="normalised: ISO date, IBAN without spaces...")
    page: int = 1
    start: int = Field(default=-1, description="character offset in the page text")
    end: int = -1
    confidence: float = 1.0


class Decision(BaseModel):
    """An automatic decision a person can check and overrule."""

    label: str
    confidence: float
    needs_review: bool
    explanation: list[str] = Field(default_factory=list)


class Holder(BaseModel):
    """The person a document is about."""

    full_name: str
    surname: str | None = None
    given_names: list[str] = Field(default_factory=list)
    source: str = Field(description="where it was read: mrz, rule, ner")
    confidence: float = 1.0


class Triage(BaseModel):
    """Which service must answer a mail, how urgently and by when."""

    service: Decision
    priority: Decision
    due_date: dt.date
    needs_review: bool


class Analysis(BaseModel):
    """Everything the pipeline learned about one file."""

    sha256: str
    mime: str
    pages: list[PageText] = Field(default_factory=list)
    doc_type: Decision | None = None
    holder: Holder | None = None
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    entities: list[Entity] = Field(default_factory=list)
    triage: Triage | None = None
