"""Domain types passed between pipeline stages.

These are plain pydantic models, independent of the database tables and of the
API's request/response models. Labels the town reads stay French snake_case.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

TextSource = Literal["text-layer", "ocr"]
FieldSource = Literal["2d-doc", "mrz", "label"]
QualityVerdict = Literal["lisible", "floue", "trop_sombre", "trop_petite", "coupee", "vide"]
TwoDDocStatus = Literal["valide", "autorite_test", "autorite_inconnue", "invalide"]

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
PENDING_STATUSES = frozenset({"received", "processing"})
"""Document statuses of a file still waiting for, or being read by, a worker."""


class Word(BaseModel):
    """One OCRed word with its box in page pixels, for highlighting and legibility."""

    text: str
    confidence: float
    left: int
    top: int
    width: int
    height: int


class PageQuality(BaseModel):
    """Whether a page can be read, and the measures that say so.

    The verdict is French snake_case because citizens are told about it; every
    measure it rests on is kept, so that an agent can see why.
    """

    verdict: QualityVerdict
    sharpness: float | None = Field(
        default=None,
        description="second-derivative variance in the weakest direction, at 20-px letters",
    )
    brightness: float | None = Field(default=None, description="mean gray level 0-255")
    ocr_confidence: float | None = Field(default=None, description="mean word confidence 0-100")
    text_density: float | None = Field(
        default=None, description="real words per megapixel of the document area"
    )
    coverage: float | None = Field(
        default=None, description="share of the image the document (or its text) spans, 0-1"
    )
    conditioning: list[str] = Field(
        default_factory=list,
        description="image treatments applied before the kept reading (upscale, deskew...)",
    )


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
    quality: PageQuality | None = Field(
        default=None, description="None for a text layer, which is read as it is"
    )


class ReadField(BaseModel):
    """One fact read on a document, with where it was read and how sure we are.

    A field exists only when a trusted source supports it: a 2D-Doc whose
    signature holds, an MRZ whose check digits hold, or a labelled value on the
    page read with good OCR confidence. Anything less is left out, never guessed.
    """

    name: str = Field(
        description="surname, given_names, birth_date, document_number, issue_date, "
        "expiry_date, address, iban, issuer..."
    )
    value: str = Field(description="normalised: ISO date, surname in capitals, compact IBAN")
    source: FieldSource
    confidence: float = Field(ge=0, le=1)
    page: int = 1
    text: str = Field(default="", description="as printed or encoded on the document")


class TwoDDoc(BaseModel):
    """A 2D-Doc barcode (ANTS specification) found on a page, and its signature status."""

    version: str = Field(description="header version, 02 to 04")
    authority: str = Field(description="certification authority id, e.g. FR00 (test)")
    certificate: str = Field(description="signing certificate id within the authority")
    document_type: str = Field(description="ANTS document type code, e.g. 01")
    document_label: str = Field(description="ANTS name of the document type, in French")
    perimeter: str | None = None
    country: str | None = None
    issued_on: dt.date | None = None
    signed_on: dt.date | None = None
    fields: dict[str, str] = Field(
        default_factory=dict, description="ANTS field name (French) -> value as encoded"
    )
    status: TwoDDocStatus
    status_reason: str = ""
    page: int = 1


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
    source: str = Field(description="where it was read: 2d-doc, mrz, label")
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
    fields: list[ReadField] = Field(default_factory=list)
    twoddocs: list[TwoDDoc] = Field(default_factory=list)
    triage: Triage | None = None
