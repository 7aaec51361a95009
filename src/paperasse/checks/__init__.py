"""Procedure catalogue and dossier completeness rules, with plain-French hints.

Typical use::

    from paperasse.checks import Persons, check_dossier, get_procedure

    findings = check_dossier(get_procedure("pacs"), documents, persons, today)

See ``engine`` for how documents are assigned to pieces and ``rules`` for the
finding codes.
"""

from __future__ import annotations

from paperasse.checks.catalogue import (
    DocType,
    Piece,
    Procedure,
    RuleSpec,
    get_procedure,
    load_catalogue,
    load_catalogue_from,
    parse_procedure,
)
from paperasse.checks.engine import check_dossier, evaluate_dossier, persons_for
from paperasse.checks.hints import type_label
from paperasse.checks.models import (
    CheckedDocument,
    DossierCheck,
    Finding,
    FindingCode,
    Person,
    Persons,
    PieceStatus,
    Severity,
    is_complete,
)
from paperasse.checks.names import names_match
from paperasse.checks.rules import DEFAULT_MIN_OCR_CONFIDENCE
from paperasse.models.calendar import add_months, add_years, format_date_fr

__all__ = [
    "DEFAULT_MIN_OCR_CONFIDENCE",
    "CheckedDocument",
    "DocType",
    "DossierCheck",
    "Finding",
    "FindingCode",
    "Person",
    "Persons",
    "Piece",
    "PieceStatus",
    "Procedure",
    "RuleSpec",
    "Severity",
    "add_months",
    "add_years",
    "check_dossier",
    "evaluate_dossier",
    "format_date_fr",
    "get_procedure",
    "is_complete",
    "load_catalogue",
    "load_catalogue_from",
    "names_match",
    "parse_procedure",
    "persons_for",
    "type_label",
]
