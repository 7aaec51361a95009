"""A dossier's verdict as citizens and agents see it, apart from the tables.

A dossier's findings are the checks engine's ``Finding`` plus, when an agent
has overruled one, the ``Override`` that did it: the finding stays visible but
no longer counts against completeness. The verdict is stored with the dossier
(``Dossier.verdict``) each time it is recomputed.

A dossier goes ``brouillon`` -> ``depose`` -> ``en_instruction`` ->
``a_completer`` (the citizen adds files and submits again: ``depose``) ->
``accepte`` or ``refuse``. Its ``slots`` are the procedure's pieces as a
citizen fills them: one per piece and person, with the files shown in it.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from paperasse.checks.models import Finding, Persons, PieceStatus

DocumentState = Literal["processing", "processed", "needs_review", "failed"]
DossierStatus = Literal["brouillon", "depose", "en_instruction", "a_completer", "accepte", "refuse"]
DOSSIER_STATUSES: tuple[DossierStatus, ...] = (
    "brouillon",
    "depose",
    "en_instruction",
    "a_completer",
    "accepte",
    "refuse",
)
# Where the citizen may still add files; and what the town hall has in hand.
DRAFT: DossierStatus = "brouillon"
EDITABLE: tuple[DossierStatus, ...] = (DRAFT, "a_completer")
WITH_TOWN_HALL: tuple[DossierStatus, ...] = ("depose", "en_instruction")
DECIDED: tuple[DossierStatus, ...] = ("accepte", "refuse")
STATUS_LABELS: dict[str, str] = {
    "brouillon": "Brouillon",
    "depose": "Déposé",
    "en_instruction": "En instruction",
    "a_completer": "À compléter",
    "accepte": "Accepté",
    "refuse": "Refusé",
}
FileState = Literal["en_lecture", "fournie", "a_refaire", "en_double", "en_plus"]
SlotState = Literal["fournie", "a_refaire", "manquante", "facultative", "en_lecture"]


class Override(BaseModel):
    """An agent's decision that a finding does not hold, with the reason given."""

    code: str
    piece: str | None = None
    document: str | None = None
    person: str | None = None
    reason: str
    by: str = Field(description="audit-trail name of the agent")
    at: dt.datetime

    def matches(self, finding: Finding) -> bool:
        """Whether this override answers ``finding`` (a person, when given, must match too)."""
        return (
            self.code == finding.code
            and self.piece == finding.piece
            and self.document == finding.document
            and (self.person is None or self.person == finding.person)
        )


class DossierFinding(Finding):
    """A finding as shown on a dossier: overruled or not."""

    override: Override | None = None

    @property
    def counts(self) -> bool:
        """Whether it keeps the dossier incomplete."""
        return self.override is None and self.severity in ("missing", "invalid")


class DossierDocument(BaseModel):
    """One file of a dossier, as the pipeline understood it so far."""

    id: str
    filename: str
    status: DocumentState
    doc_type: str | None = None
    doc_type_label: str | None = Field(default=None, description="French name of the type")
    doc_type_confidence: float | None = None
    holder: str | None = Field(default=None, description="full name read on the document")
    issue_date: dt.date | None = None
    expiry_date: dt.date | None = None
    piece: str | None = Field(default=None, description="the slot the citizen put it in")
    received_at: dt.datetime | None = None
    copies: int = Field(default=1, description="times these bytes were filed in the dossier")
    verified_by_2ddoc: bool = Field(
        default=False, description="holder and dates read from a 2D-Doc whose signature holds"
    )


class SlotFile(BaseModel):
    """A file as shown in a slot: what became of it, and why in plain French."""

    document: str
    filename: str
    state: FileState
    reason: str | None = Field(default=None, description="French: what to do about it")
    moved_from: str | None = Field(
        default=None, description="label of the slot the citizen chose, when counted elsewhere"
    )


class Slot(BaseModel):
    """One piece of the procedure for one person, as the citizen fills it."""

    piece: str
    person: str | None = None
    label: str
    accepted: str = Field(description="French: what this slot accepts")
    condition: str | None = None
    required: bool
    state: SlotState
    files: list[SlotFile] = Field(default_factory=list)


class DossierView(BaseModel):
    """A dossier and its verdict, from the state of its documents when last checked.

    ``final`` is False while documents are still being processed (listed in
    ``pending``): they are not judged yet, so the verdict may change.
    """

    id: str
    procedure: str
    procedure_title: str
    status: DossierStatus
    persons: Persons
    number: str | None = Field(default=None, description="the dossier's number once submitted")
    created_at: dt.datetime
    submitted_at: dt.datetime | None = Field(
        default=None, description="first submission: documents' ages count from it"
    )
    last_submitted_at: dt.datetime | None = Field(
        default=None, description="latest submission: the administration's silence counts from it"
    )
    due_on: dt.date | None = Field(
        default=None, description="the day the administration's silence becomes a decision"
    )
    documents: list[DossierDocument]
    pending: list[str] = Field(description="ids of documents still being processed")
    final: bool
    complete: bool
    findings: list[DossierFinding]
    pieces: list[PieceStatus]
    slots: list[Slot]
    other_files: list[SlotFile] = Field(description="files in no slot")

    @property
    def editable(self) -> bool:
        """Whether the citizen may still add, remove or replace files."""
        return self.status in EDITABLE
