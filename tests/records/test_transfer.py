"""A transfer package in SEDA 2.2: valid against the shipped schemas, offline."""

from __future__ import annotations

import hashlib
import io
import json
import socket
import zipfile
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import select

from paperasse import originals
from paperasse.context import Context
from paperasse.models.tables import AuditEvent, Document
from paperasse.records import disposal, seda
from paperasse.records.retention import due

from .conftest import add_document, years_ago

NS = {"s": seda.SEDA_NS}


@pytest.fixture
def offline(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Any attempt to open a network connection is recorded and refused."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise OSError("network access attempted during validation")

    seda.seda_schema.cache_clear()
    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


def test_schemas_load_and_validate_without_network(offline: list[object]) -> None:
    schema = seda.seda_schema()
    assert schema.elements["ArchiveTransfer"] is not None
    assert seda.validation_errors(b'<ArchiveTransfer xmlns="%s"/>' % seda.SEDA_NS.encode())
    assert offline == []


def test_a_transfer_package_validates_against_seda(rctx: Context) -> None:
    mail = add_document(
        rctx, "Courrier au maire sur l'éclairage", doc_type="courrier", received=years_ago(6)
    )
    add_document(rctx, "Courrier récent", doc_type="courrier")
    package = seda.transfer(rctx, "user:archiviste")
    assert package is None  # « tri » is transferred only when the archivist says so
    package = seda.transfer(rctx, "user:archiviste", with_sorting=True)
    assert package is not None and package.documents == 1

    archive = zipfile.ZipFile(io.BytesIO(rctx.store.get_named(package.name)))
    manifest = archive.read("manifest.xml")
    seda.seda_schema.cache_clear()
    assert seda.validation_errors(manifest) == []
    with rctx.sessions() as session:
        sha = session.get(Document, mail).sha256  # type: ignore[union-attr]
    root = ET.fromstring(manifest)
    digest = root.find(".//s:BinaryDataObject/s:MessageDigest", NS)
    uri = root.find(".//s:BinaryDataObject/s:Uri", NS)
    assert digest is not None and digest.text == sha and digest.get("algorithm") == "SHA-256"
    assert uri is not None and uri.text is not None
    content = archive.read(uri.text)
    assert (
        hashlib.sha256(content).hexdigest()
        == sha
        == hashlib.sha256(originals.read(rctx, sha)).hexdigest()
    )

    with rctx.sessions() as session:
        event = session.execute(
            select(AuditEvent).where(AuditEvent.action == "records.transferred")
        ).scalar_one()
        assert json.loads(event.details)["package_sha256"] == package.sha256
        assert due(session) == []  # transferred: no longer due, nor proposed for disposal
    assert seda.transfer(rctx, "user:archiviste", with_sorting=True) is None
    assert disposal.propose(rctx, "user:archiviste", with_sorting=True) is None


def test_an_invalid_manifest_is_reported() -> None:
    bad = b'<ArchiveTransfer xmlns="%s"><Date>hier</Date></ArchiveTransfer>' % (
        seda.SEDA_NS.encode()
    )
    errors = seda.validation_errors(bad)
    assert errors and any("Date" in e or "hier" in e for e in errors)
