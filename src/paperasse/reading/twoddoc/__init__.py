"""2D-Doc: the French state's signed barcode on proofs of address, tax notices, payslips.

Per the ANTS specification v3.2.6: ``decode_barcodes`` finds the DataMatrix and QR
codes of a page, ``parse_2ddoc`` reads a code's header, message and signature,
``verify_2ddoc`` checks the signature against a ``TrustStore`` (by default the ANTS
trust list and the specification's test certificate, see ``trust/README.md``),
``read_2ddocs`` does all three for a page, and ``twoddoc_fields`` turns a verified
code into common fields (``surname``, ``address``, ``issue_date``...).

    page image ── decode_barcodes ──> raw bytes ── parse_2ddoc ──> TwoDDocMessage
                                                     └─ verify_2ddoc ──> Verdict
    read_2ddocs(image, page) ──> [TwoDDoc] ── twoddoc_fields ──> [ReadField]
"""

from __future__ import annotations

from paperasse.reading.twoddoc.barcodes import decode_barcodes
from paperasse.reading.twoddoc.mapping import document_type_hint, split_name_line, twoddoc_fields
from paperasse.reading.twoddoc.message import (
    MalformedTwoDDocError,
    TwoDDocField,
    TwoDDocHeader,
    TwoDDocMessage,
    parse_2ddoc,
)
from paperasse.reading.twoddoc.results import read_2ddocs, twoddoc_from_bytes
from paperasse.reading.twoddoc.trust import (
    Authority,
    TrustStore,
    default_trust_store,
    index_certificates,
    load_certificate,
    load_tsl,
)
from paperasse.reading.twoddoc.verify import Verdict, verify_2ddoc

__all__ = [
    "Authority",
    "MalformedTwoDDocError",
    "TrustStore",
    "TwoDDocField",
    "TwoDDocHeader",
    "TwoDDocMessage",
    "Verdict",
    "decode_barcodes",
    "default_trust_store",
    "document_type_hint",
    "index_certificates",
    "load_certificate",
    "load_tsl",
    "parse_2ddoc",
    "read_2ddocs",
    "split_name_line",
    "twoddoc_fields",
    "twoddoc_from_bytes",
    "verify_2ddoc",
]
