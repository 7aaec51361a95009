"""Records tests run on both databases and both blob stores.

The MinIO store runs on moto's S3 server with a bucket created with object lock
and a default retention, as ``docker-compose.yml`` sets MinIO up.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from paperasse.auth import Identity
from paperasse.context import Context, open_context
from paperasse.ingest.deposit import Depositor, deposit
from paperasse.ingest.worker import work_once
from paperasse.models.tables import Document, Dossier
from paperasse.settings import Settings
from tests.conftest import make_settings
from tests.samples import make_pdf
from tests.storage.conftest import S3Target, moto_target  # noqa: F401 (fixture)

ARCHIVIST = Identity(user_id="u-archiviste", username="archiviste", role="archiviste")
ADMIN = Identity(user_id="u-admin", username="admin", role="admin")


@pytest.fixture(params=["filesystem", "minio"])
def blob_settings(request: pytest.FixtureRequest) -> dict[str, Any]:
    if request.param == "filesystem":
        return {}
    target: S3Target = request.getfixturevalue("moto_target")
    return {
        "blob": {
            "backend": "minio",
            "minio_endpoint": target.endpoint,
            "minio_access_key": target.access_key,
            "minio_secret_key": target.secret_key,
            "minio_bucket": f"paperasse-records-{uuid.uuid4().hex[:12]}",
            "retention_mode": "GOVERNANCE",
            "retention_days": 1,
        }
    }


@pytest.fixture
def rctx(tmp_path: Path, database_url: str, blob_settings: dict[str, Any]) -> Iterator[Context]:
    """A context on each database and each blob store."""
    settings: Settings = make_settings(tmp_path, database_url=database_url, **blob_settings)
    context = open_context(settings)
    yield context
    context.close()


def add_document(
    ctx: Context,
    text: str,
    *,
    doc_type: str | None = "rib",
    received: dt.datetime | None = None,
    holder: str | None = None,
    name: str = "piece.pdf",
    dossier: Dossier | None = None,
    citizen: Identity | None = None,
    data: bytes | None = None,
) -> str:
    """A document deposited and read for real; its type, holder and date then set as given.

    The type and holder are written the way an agent's correction would, so that
    each test chooses the rule that applies without depending on the classifier.
    """
    data = data if data is not None else make_pdf(text)
    if dossier is not None:
        assert citizen is not None
        depositor = Depositor("dossier", citizen.actor, citizen)
        result = deposit(ctx, data, name, depositor, dossier_id=dossier.id)
    else:
        result = deposit(ctx, data, name, Depositor("cli", "cli:test"))
    while work_once(ctx, "test"):  # the reading a worker process would do, here in-process
        pass
    with ctx.transaction() as session:
        doc = session.get(Document, result.document_id)
        assert doc is not None
        doc.doc_type, doc.status = doc_type, "processed"
        if received is not None:
            doc.received_at = received
        if holder is not None:
            surname, given = holder.split(" ", 1)
            doc.holder = {"full_name": holder, "surname": surname, "given_names": [given]}
    return result.document_id


def years_ago(years: int, days: int = 10) -> dt.datetime:
    return dt.datetime.now(dt.UTC) - dt.timedelta(days=365 * years + days)


def document_ids(ctx: Context) -> set[str]:
    with ctx.sessions() as session:
        return set(session.execute(select(Document.id)).scalars())
