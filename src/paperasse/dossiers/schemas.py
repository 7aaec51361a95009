"""What the dossier services return beyond the verdict itself."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, Field

from paperasse.checks.views import DocumentState, DossierView


class UploadResult(BaseModel):
    """The answer to an upload: what the file was taken for, and the dossier's verdict."""

    document_id: str
    created: bool = Field(description="False when the same bytes were already stored")
    status: DocumentState
    doc_type: str | None = None
    doc_type_label: str | None = None
    doc_type_confidence: float | None = None
    dossier: DossierView


class TimelineEntry(BaseModel):
    """One dated step of a dossier, as its citizen and its agents read it."""

    at: dt.datetime
    kind: str = Field(description="statut, message or constat_leve")
    status: str | None = None
    label: str = Field(description="French: what happened")
    text: str | None = Field(default=None, description="the message, reason or request")
    by_town_hall: bool
    actor: str | None = Field(default=None, description="audit-trail name; only for agents")
