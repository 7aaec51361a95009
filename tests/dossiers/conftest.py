"""Fixtures for the dossier tests: the signed-in API clients of ``tests/api``, and a
citizen with a dossier open for the electoral rolls."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from paperasse.checks.verdict import local_date, recheck_dossiers_of
from paperasse.context import Context
from paperasse.models.tables import AuditEvent, Document
from tests.api.conftest import ClientFactory, app_client, client_as  # noqa: F401 (fixtures)

APPLICANT = "DUPONT Marie"
PROCEDURE = "inscription_listes_electorales"


@pytest.fixture
def citizen(client_as: ClientFactory) -> TestClient:  # noqa: F811 (the imported fixture)
    return client_as("citoyen")


@pytest.fixture
def dossier(citizen: TestClient) -> dict[str, Any]:
    """A draft dossier for the electoral rolls, opened by ``citizen`` for Marie Dupont."""
    response = citizen.post(
        "/api/v1/dossiers", json={"procedure": PROCEDURE, "persons": {"applicant": APPLICANT}}
    )
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def upload(client: TestClient, dossier_id: str, data: bytes, name: str) -> Any:
    mime = "image/png" if name.endswith(".png") else "application/pdf"
    return client.post(
        f"/api/v1/dossiers/{dossier_id}/documents", files={"file": (name, data, mime)}
    )


def set_document(ctx: Context, document_id: str, **fields: Any) -> None:
    """Write what the pipeline would have found, to test the rules apart from the classifier.

    Like the pipeline, it checks the document's dossiers again in the same transaction.
    """
    with ctx.transaction() as session:
        doc = session.get(Document, document_id)
        assert doc is not None
        for name, value in fields.items():
            setattr(doc, name, value)
        recheck_dossiers_of(session, document_id, "worker", min_ocr_confidence=50.0)


def holder(full_name: str) -> dict[str, Any]:
    surname, given = full_name.split(" ", 1)
    return {"full_name": full_name, "surname": surname, "given_names": [given], "source": "rule"}


def events(ctx: Context, obj: str) -> list[AuditEvent]:
    with ctx.sessions() as session:
        stmt = select(AuditEvent).where(AuditEvent.object == obj).order_by(AuditEvent.seq)
        return list(session.execute(stmt).scalars())


def today() -> dt.date:
    return local_date()
