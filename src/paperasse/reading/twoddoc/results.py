"""``read_2ddocs``: the 2D-Docs of a page as domain ``TwoDDoc`` values, with their status."""

from __future__ import annotations

import logging

from PIL import Image

from paperasse.models.domain import TwoDDoc
from paperasse.reading.twoddoc.barcodes import decode_barcodes
from paperasse.reading.twoddoc.message import (
    MalformedTwoDDocError,
    TwoDDocField,
    TwoDDocHeader,
    TwoDDocMessage,
    parse_2ddoc,
)
from paperasse.reading.twoddoc.spec import document_types, field_specs, names_to_ids
from paperasse.reading.twoddoc.trust import TrustStore, default_trust_store
from paperasse.reading.twoddoc.verify import verify_2ddoc

log = logging.getLogger(__name__)


def document_label(code: str) -> str:
    """The ANTS label of a document type code (perimeter 01), in French."""
    known = document_types().get(code)
    return known.label if known else f"Type de document inconnu ({code})"


def field_key(field_id: str) -> str:
    """The key of a field in ``TwoDDoc.fields``: its French name as printed.

    The specification prints a few names for several identifiers (``Nom`` is 6G and
    80); those keys add the identifier (``Nom (6G)``) so that each key means one thing.
    """
    name = field_specs()[field_id].name
    return f"{name} ({field_id})" if len(names_to_ids()[name]) > 1 else name


def field_dict(fields: tuple[TwoDDocField, ...]) -> dict[str, str]:
    """French field name -> value as encoded, in the order of the code (first one kept)."""
    named: dict[str, str] = {}
    for f in fields:
        named.setdefault(field_key(f.id), f.value)
    return named


def _domain(header: TwoDDocHeader, page: int, **rest: object) -> TwoDDoc:
    return TwoDDoc.model_validate(
        {
            "version": header.version, "authority": header.authority,
            "certificate": header.certificate, "document_type": header.document_type,
            "document_label": document_label(header.document_type),
            "perimeter": header.perimeter, "country": header.country,
            "issued_on": header.issued_on, "signed_on": header.signed_on, "page": page, **rest,
        }
    )  # fmt: skip


def _malformed(error: MalformedTwoDDocError, store: TrustStore) -> str:
    """Why a code that breaks the specification is not used, and whether it was signed."""
    reason = f"Code 2D-Doc non conforme : {error.message}."
    if error.signed is not None:
        unread = TwoDDocMessage(error.header, (), (), error.signed[0], error.signed[1])
        if verify_2ddoc(unread, store).status == "valide":
            reason += (
                " Sa signature est pourtant valide : il suit sans doute une version de la "
                "spécification plus récente que la nôtre (3.2.6)."
            )
    return reason


def twoddoc_from_bytes(
    raw: bytes, page: int = 1, trust: TrustStore | None = None
) -> TwoDDoc | None:
    """The 2D-Doc a barcode's raw bytes hold, verified; None when it is not a 2D-Doc.

    A malformed code is returned with status ``invalide`` and no fields, so that
    the agent sees that a code was there and why it was not used.
    """
    store = trust or default_trust_store()
    try:
        message = parse_2ddoc(raw)
    except MalformedTwoDDocError as e:
        log.info("malformed 2D-Doc on page %d: %s", page, e.message)
        return _domain(e.header, page, status="invalide", status_reason=_malformed(e, store))
    if message is None:
        return None
    verdict = verify_2ddoc(message, store)
    reason = verdict.reason
    if message.notes:
        reason += " Remarque : " + " ; ".join(message.notes) + "."
    log.info(
        "2D-Doc %s/%s type %s on page %d: %s",
        message.header.authority, message.header.certificate, message.header.document_type,
        page, verdict.status,
    )  # fmt: skip
    return _domain(
        message.header, page, fields=field_dict(message.fields), status=verdict.status,
        status_reason=reason,
    )  # fmt: skip


def read_2ddocs(
    image: Image.Image, page: int = 1, trust: TrustStore | None = None
) -> list[TwoDDoc]:
    """Find, parse and verify the 2D-Docs on a page image; other barcodes are ignored."""
    found = []
    for raw in decode_barcodes(image):
        doc = twoddoc_from_bytes(raw, page, trust)
        if doc is not None:
            found.append(doc)
    return found
