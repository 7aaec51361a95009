"""Request and response models of the HTTP API, kept apart from the tables."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ConfigDict


class JobOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    status: str
    stage: str | None
    attempts: int
    pages_done: int
    pages_total: int | None
    last_error: str | None


class DocumentOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    sha256: str
    size: int
    mime: str
    original_filename: str
    source: str
    received_at: dt.datetime
    status: str
    status_reason: str | None
    page_count: int | None
    service: str | None
    doc_type: str | None
    doc_type_confidence: float | None
    doc_type_review: bool
    holder: dict[str, Any] | None
    issue_date: dt.date | None
    expiry_date: dt.date | None
    priority: str | None
    due_date: dt.date | None
    job: JobOut | None = None


class IntakeOut(BaseModel):
    id: str
    sha256: str
    mime: str
    created: bool


class ErrorOut(BaseModel):
    code: str
    message: str
    details: dict[str, Any] | None = None
