"""Transfer to the archives: an archive transfer package in SEDA 2.2.

For what is due for transfer (fate « versement », and « tri » when the archivist
chooses to transfer what is to be sorted), the package is a zip holding
``manifest.xml`` (an ``ArchiveTransfer`` message: one ``BinaryDataObject`` per
original with its SHA-256, one ``ArchiveUnit`` per document with its rule) and
the originals under ``content/``. The manifest is validated against the SEDA 2.2
schemas shipped in ``records/seda/`` before anything is written, offline: the
schemas' imports of the W3C ``xml.xsd`` and ``xlink.xsd`` resolve to the copies
``xmlschema`` carries, and remote access is refused. The package is sealed
write-once in the store and recorded, with its hash, in the audit trail.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import logging
import zipfile
from dataclasses import dataclass
from importlib import resources
from xml.etree import ElementTree as ET

import xmlschema
from sqlalchemy.orm import Session

from paperasse import originals
from paperasse.audit.chain import record
from paperasse.checks.verdict import local_date
from paperasse.context import Context
from paperasse.errors import ConfigurationError
from paperasse.models.records_tables import Transfer
from paperasse.models.tables import Document, new_id, utcnow
from paperasse.records.retention import Standing, standings

log = logging.getLogger(__name__)

SEDA_NS = "fr:gouv:culture:archivesdefrance:seda:v2.2"
PREFIX = "records/transfers/"
EXTENSIONS = {
    "application/pdf": "pdf",
    "image/tiff": "tif",
    "image/jpeg": "jpg",
    "image/png": "png",
}


@dataclass(frozen=True)
class Package:
    transfer_id: str
    name: str
    data: bytes
    sha256: str
    documents: int


@functools.cache
def seda_schema() -> xmlschema.XMLSchema:
    """The SEDA 2.2 schemas shipped with paperasse, loaded without network access."""
    folder = resources.files("paperasse.records").joinpath("seda")
    with resources.as_file(folder) as path:
        try:
            return xmlschema.XMLSchema(str(path / "seda-2.2-main.xsd"), allow="local")
        except xmlschema.XMLSchemaException as e:
            raise ConfigurationError(f"Les schémas SEDA 2.2 ne se chargent pas : {e}") from e


def validation_errors(manifest: bytes) -> list[str]:
    """What makes ``manifest`` invalid against SEDA 2.2 (empty when valid)."""
    return [f"{e.path} : {e.reason}" for e in seda_schema().iter_errors(manifest)]


def transfer(
    ctx: Context, actor: str, today: dt.date | None = None, *, with_sorting: bool = False
) -> Package | None:
    """Write the package of what is due for transfer; None when nothing is."""
    day = today or local_date()
    fates = {"versement", "tri"} if with_sorting else {"versement"}
    with ctx.sessions() as session:
        items = [
            s
            for s in standings(session)
            if s.is_due(day) and s.rule.fate in fates and s.proposed_in is None
        ]
        mimes = {s.document_id: _mime(session, s.document_id) for s in items}
        contents = {s.document_id: originals.read(ctx, s.sha256, session) for s in items}
    if not items:
        return None
    transfer_id = new_id()
    manifest = _manifest(ctx, transfer_id, items, mimes)
    errors = validation_errors(manifest)
    if errors:
        raise ConfigurationError(
            "Le bordereau de versement n'est pas conforme au SEDA 2.2 : " + " ; ".join(errors[:5])
        )
    data = _zip(manifest, items, mimes, contents)
    package = Package(
        transfer_id,
        f"{PREFIX}{transfer_id}/versement-{transfer_id}.zip",
        data,
        hashlib.sha256(data).hexdigest(),
        len(items),
    )
    ctx.store.put_named(package.name, data)
    with ctx.transaction() as session:
        documents = [{"document": s.document_id, "sha256": s.sha256} for s in items]
        session.add(
            Transfer(
                id=transfer_id,
                created_by=actor,
                package=package.name,
                package_sha256=package.sha256,
                documents=documents,
            )
        )
        details = {"package_sha256": package.sha256, "documents": documents}
        record(session, actor, "records.transferred", f"transfer:{transfer_id}", details)
    log.info("transfer %s: %d documents, %d bytes", transfer_id, len(items), len(data))
    return package


def _manifest(
    ctx: Context, transfer_id: str, items: list[Standing], mimes: dict[str, str]
) -> bytes:
    ET.register_namespace("", SEDA_NS)
    root = _el(None, "ArchiveTransfer")
    settings = ctx.settings.records
    _el(root, "Comment", f"Versement de documents de {ctx.settings.town.name} par paperasse")
    _el(root, "Date", utcnow().replace(microsecond=0).isoformat().replace("+00:00", "Z"))
    _el(root, "MessageIdentifier", transfer_id)
    codes = _el(root, "CodeListVersions")
    _el(codes, "ReplyCodeListVersion", "ReplyCodeListVersion0")
    package = _el(root, "DataObjectPackage")
    for index, s in enumerate(items, 1):
        blob = _el(package, "BinaryDataObject", id=f"BDO{index}")
        _el(blob, "DataObjectVersion", "BinaryMaster_1")
        _el(blob, "Uri", _content_name(s, mimes))
        _el(blob, "MessageDigest", s.sha256, algorithm="SHA-256")
        fmt = _el(blob, "FormatIdentification")
        _el(fmt, "MimeType", mimes[s.document_id])
        info = _el(blob, "FileInfo")
        _el(info, "Filename", _content_name(s, mimes).removeprefix("content/"))
    descriptive = _el(package, "DescriptiveMetadata")
    for index, s in enumerate(items, 1):
        unit = _el(descriptive, "ArchiveUnit", id=f"AU{index}")
        management = _el(unit, "Management")
        appraisal = _el(management, "AppraisalRule")
        _el(appraisal, "Rule", s.rule_id)
        if s.event_on is not None:
            _el(appraisal, "StartDate", s.event_on.isoformat())
        _el(appraisal, "FinalAction", "Keep")
        content = _el(unit, "Content")
        _el(content, "DescriptionLevel", "Item")
        title = (s.doc_type or "document").replace("_", " ")
        if s.procedure:
            title += f" (dossier {s.procedure.replace('_', ' ')})"
        _el(content, "Title", title)
        _el(content, "OriginatingSystemId", s.document_id)
        _el(content, "ReceivedDate", s.received_at.replace(microsecond=0).isoformat())
        reference = _el(unit, "DataObjectReference")
        _el(reference, "DataObjectReferenceId", f"BDO{index}")
    management = _el(package, "ManagementMetadata")
    _el(management, "OriginatingAgencyIdentifier", settings.transferring_agency)
    archival = _el(root, "ArchivalAgency")
    _el(archival, "Identifier", settings.archival_agency)
    transferring = _el(root, "TransferringAgency")
    _el(transferring, "Identifier", settings.transferring_agency)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def _zip(
    manifest: bytes, items: list[Standing], mimes: dict[str, str], contents: dict[str, bytes]
) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.xml", manifest)
        for s in items:
            archive.writestr(_content_name(s, mimes), contents[s.document_id])
    return out.getvalue()


def _content_name(s: Standing, mimes: dict[str, str]) -> str:
    return f"content/{s.document_id}.{EXTENSIONS.get(mimes[s.document_id], 'bin')}"


def _mime(session: Session, document_id: str) -> str:
    doc = session.get(Document, document_id)
    return doc.mime if doc is not None else "application/octet-stream"


def _el(parent: ET.Element | None, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    name = f"{{{SEDA_NS}}}{tag}"
    element = ET.Element(name, attrs) if parent is None else ET.SubElement(parent, name, attrs)
    if text is not None:
        element.text = text
    return element
