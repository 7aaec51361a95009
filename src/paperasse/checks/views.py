"""A dossier's verdict as citizens and agents see it, apart from the tables.

A dossier's findings are the checks engine's ``Finding`` plus, when an agent
has overruled one, the ``Override`` that did it: the finding stays visible but
no longer counts against completeness. The verdict is stored with the dossier
(``Dossier.verdict``) each time it is recomputed.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from paperasse.checks.models import Finding, Persons, PieceStatus

DocumentState = Literal["processing", "processed", "needs_review", "failed"]
DossierStatus = Literal["draft", "submitted"]


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
    created_at: dt.datetime
    submitted_at: dt.datetime | None = None
    documents: list[DossierDocument]
    pending: list[str] = Field(description="ids of documents still being processed")
    final: bool
    complete: bool
    findings: list[DossierFinding]
    pieces: list[PieceStatus]
