"""What the dossier services return beyond the verdict itself."""

from __future__ import annotations

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
