"""Check files on disk against a procedure without storing anything (``paperasse check``).

Each file is analyzed by the same pipeline stages as an upload; what they learn
becomes a ``CheckedDocument`` whose id is the file's path as given, so that the
findings name the files the person has in hand.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from paperasse.checks import CheckedDocument, DossierCheck, Persons, evaluate_dossier
from paperasse.checks.catalogue import Procedure
from paperasse.errors import InputError
from paperasse.models.domain import DOC_TYPES, UNKNOWN_TYPE, Analysis
from paperasse.settings import Settings

IDENTITY_TYPES = frozenset({"carte_identite", "passeport", "titre_sejour"})


@dataclass(frozen=True)
class FileCheck:
    """The verdict on a set of files, and what was read in each."""

    check: DossierCheck
    documents: list[CheckedDocument]
    applicant: str
    applicant_inferred: bool


def checked_from_analysis(analysis: Analysis, file_id: str, filename: str) -> CheckedDocument:
    """What the checks engine needs from one file's analysis."""
    label = analysis.doc_type.label if analysis.doc_type else UNKNOWN_TYPE
    return CheckedDocument(
        id=file_id,
        filename=filename,
        sha256=analysis.sha256,
        doc_type=label if label in DOC_TYPES else UNKNOWN_TYPE,
        doc_type_confidence=analysis.doc_type.confidence if analysis.doc_type else 0.0,
        typed=analysis.doc_type is not None and not analysis.doc_type.needs_review,
        holder=analysis.holder,
        issue_date=analysis.issue_date,
        expiry_date=analysis.expiry_date,
        page_confidences=[None if p.blank else p.ocr_confidence for p in analysis.pages],
        page_verdicts=[p.quality.verdict if p.quality else None for p in analysis.pages],
        blank_pages=sum(1 for p in analysis.pages if p.blank),
        page_count=len(analysis.pages) or 1,
    )


def infer_applicant(documents: Sequence[CheckedDocument]) -> str | None:
    """The holder of an identity document, else the name most documents carry."""
    for doc in documents:
        if doc.doc_type in IDENTITY_TYPES and doc.holder is not None:
            return doc.holder.full_name
    names = Counter(d.holder.full_name for d in documents if d.holder is not None)
    return names.most_common(1)[0][0] if names else None


def analyze_file(path: Path, settings: Settings, received: dt.date) -> CheckedDocument:
    """Run the pipeline's stages on one file; InputError in French if it cannot be read."""
    from paperasse.ingest.intake import validate
    from paperasse.ingest.sandbox import read_document

    if not path.is_file():
        raise InputError(f"« {path} » n'existe pas ou n'est pas un fichier lisible.")
    data = path.read_bytes()
    _, mime = validate(data, path.name, settings.max_upload_bytes)
    analysis = read_document(settings, data, mime, received=received)
    return checked_from_analysis(analysis, str(path), path.name)


def check_files(
    procedure: Procedure,
    paths: Sequence[Path],
    settings: Settings,
    *,
    today: dt.date,
    applicant: str | None = None,
    partners: Sequence[str] = (),
    household_adults: Sequence[str] = (),
    children: Sequence[str] = (),
    min_ocr_confidence: float,
) -> FileCheck:
    """Analyze the files and check them as one dossier submitted on ``today``.

    Without ``applicant`` the applicant is read from the documents (see
    ``infer_applicant``), so that holder checks still mean something.
    """
    documents = [analyze_file(path, settings, today) for path in paths]
    inferred = applicant is None
    name = applicant or infer_applicant(documents) or "demandeur"
    persons = Persons.of(
        name,
        partners=list(partners),
        household_adults=list(household_adults),
        children=list(children),
    )
    check = evaluate_dossier(
        procedure, documents, persons, today, min_ocr_confidence=min_ocr_confidence
    )
    return FileCheck(check, documents, name, inferred)
