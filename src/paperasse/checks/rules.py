"""The completeness rules, one small function per finding code.

Document rules (``document_trop_ancien``, ``document_expire``,
``titulaire_different``, ``document_illisible``) judge one document against
the piece and person it was assigned to. Piece rules (``piece_manquante``,
``nombre_insuffisant``) judge what a piece received. Dossier rules
(``document_non_attendu``, ``doublon``) judge the upload as a whole. Each
returns ``Finding`` objects whose hint comes from ``hints``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from paperasse.checks import hints
from paperasse.checks.catalogue import Piece, Procedure
from paperasse.checks.models import CheckedDocument, Finding, Person, Severity
from paperasse.checks.names import names_match
from paperasse.models.calendar import add_months, add_years

DEFAULT_MIN_OCR_CONFIDENCE = 50.0

# Cards issued to adults from 2 January 2004 to 31 December 2013 stay valid
# 15 years although they print 10 (décret 2013-1188). We cannot see the age at
# issue, so we assume an adult, the usual case for a dossier's applicant.
_CNI_EXTENSION_START = dt.date(2004, 1, 2)
_CNI_EXTENSION_END = dt.date(2013, 12, 31)


@dataclass(frozen=True)
class RuleContext:
    """What the document rules need besides the document itself."""

    procedure: Procedure
    applicant: Person
    today: dt.date
    min_ocr_confidence: float = DEFAULT_MIN_OCR_CONFIDENCE


def _severity(piece: Piece) -> Severity:
    """A problem with an optional piece is told but does not block the dossier."""
    return "invalid" if piece.required else "warning"


def _owner(person: Person | None, ctx: RuleContext) -> str | None:
    """The name to print for whom the document is, None when it is the applicant's."""
    if person is None or person.full_name == ctx.applicant.full_name:
        return None
    return person.full_name


def max_age_for(doc: CheckedDocument, piece: Piece, person: Person | None) -> int | None:
    """The age limit in months that applies to this document, if any."""
    spec = piece.rules
    by_type = next((n for t, n in spec.max_age_months_by_type.items() if t == doc.doc_type), None)
    if by_type is not None:
        return by_type
    if person is not None and person.born_abroad and spec.max_age_months_born_abroad:
        return spec.max_age_months_born_abroad
    return spec.max_age_months


def check_age(
    doc: CheckedDocument, piece: Piece, person: Person | None, ctx: RuleContext
) -> Finding | None:
    """``document_trop_ancien``: issued more than N months before the submission date.

    A document issued exactly N months before (same day of month) is accepted.
    Without a readable issue date the rule cannot judge and stays silent.
    """
    months = max_age_for(doc, piece, person)
    if months is None or doc.issue_date is None:
        return None
    cutoff = add_months(ctx.today, -months)
    if doc.issue_date >= cutoff:
        return None
    return Finding(
        code="document_trop_ancien",
        severity=_severity(piece),
        piece=piece.id,
        document=doc.id,
        person=person.full_name if person else None,
        hint=hints.hint_too_old(doc, _owner(person, ctx), piece, doc.issue_date, months, cutoff),
    )


def effective_expiry(doc: CheckedDocument) -> tuple[dt.date | None, bool]:
    """The real end of validity and whether the 2004-2013 ID card extension applied."""
    if doc.expiry_date is None:
        return None, False
    issued = doc.issue_date
    if (
        doc.doc_type == "carte_identite"
        and issued is not None
        and _CNI_EXTENSION_START <= issued <= _CNI_EXTENSION_END
        and doc.expiry_date <= add_years(issued, 10)
    ):
        return add_years(doc.expiry_date, 5), True
    return doc.expiry_date, False


def check_expiry(
    doc: CheckedDocument, piece: Piece, person: Person | None, ctx: RuleContext
) -> Finding | None:
    """``document_expire``: past its expiry date, or past it by more than the tolerance.

    A document is valid on its expiry day. With a tolerance of N years (electoral
    rolls: 5) it is accepted up to and including the day N years after expiry.
    """
    spec = piece.rules
    if not spec.must_be_valid:
        return None
    expiry, extended = effective_expiry(doc)
    if expiry is None:
        return None
    tolerance = spec.expired_tolerance_years
    limit = add_years(expiry, tolerance) if tolerance else expiry
    if ctx.today <= limit:
        return None
    return Finding(
        code="document_expire",
        severity=_severity(piece),
        piece=piece.id,
        document=doc.id,
        person=person.full_name if person else None,
        hint=hints.hint_expired(doc, _owner(person, ctx), piece, expiry, tolerance, extended),
    )


def check_holder(
    doc: CheckedDocument,
    piece: Piece,
    person: Person | None,
    ctx: RuleContext,
    waived: bool = False,
) -> Finding | None:
    """``titulaire_different``: the document names someone other than the person.

    Silent when the piece accepts any holder, when nobody is named for it, when no
    holder was read, or when ``waived``: the dossier holds the piece that excuses
    another holder (an attestation d'hébergement).
    """
    if not piece.rules.holder_must_match or person is None or doc.holder is None:
        return None
    if names_match(doc.holder.full_name, person.full_name):
        return None
    if waived:
        return None
    declared = piece.rules.holder_waived_by
    waiver_piece = ctx.procedure.piece(declared) if declared else None
    is_applicant = person.full_name == ctx.applicant.full_name
    return Finding(
        code="titulaire_different",
        severity=_severity(piece),
        piece=piece.id,
        document=doc.id,
        person=person.full_name,
        hint=hints.hint_holder(
            doc, piece, doc.holder.full_name, person.full_name, is_applicant, waiver_piece
        ),
    )


READABLE = "lisible"
BLANK = "vide"


def illegible_pages(doc: CheckedDocument, min_confidence: float) -> list[int]:
    """1-based numbers of the pages that cannot be read: a quality verdict other than
    readable (blank pages aside), or an OCR confidence under ``min_confidence``."""
    count = max(len(doc.page_confidences), len(doc.page_verdicts))
    verdicts = doc.page_verdicts + [None] * (count - len(doc.page_verdicts))
    confidences = doc.page_confidences + [None] * (count - len(doc.page_confidences))
    return [
        number
        for number, (verdict, confidence) in enumerate(
            zip(verdicts, confidences, strict=True), start=1
        )
        if verdict not in (None, READABLE, BLANK)
        or (confidence is not None and confidence < min_confidence)
    ]


def check_legibility(doc: CheckedDocument, ctx: RuleContext) -> Finding | None:
    """``document_illisible``: a page that cannot be read, or only blank pages.

    Such a document fills no piece: the piece it was meant for stays missing, and
    this finding tells the citizen why and how to retake it. One blank page among
    others (the back of a form) is normal and accepted.
    """
    verdicts = [v for v in doc.page_verdicts if v is not None]
    all_blank = doc.page_count > 0 and (
        doc.blank_pages >= doc.page_count
        or (len(verdicts) == doc.page_count and all(v == BLANK for v in verdicts))
    )
    bad = illegible_pages(doc, ctx.min_ocr_confidence)
    if not all_blank and not bad:
        return None
    verdicts_of_bad = [doc.page_verdicts[n - 1] for n in bad if n <= len(doc.page_verdicts)]
    worst = next((v for v in verdicts_of_bad if v not in (None, READABLE)), None)
    return Finding(
        code="document_illisible",
        severity="warning",
        document=doc.id,
        hint=hints.hint_illegible(doc, bad, all_blank, worst),
    )


def check_unrecognised(doc: CheckedDocument) -> Finding:
    """``document_non_reconnu``: its type was not decided, so the document fills no piece."""
    return Finding(
        code="document_non_reconnu",
        severity="warning",
        document=doc.id,
        hint=hints.hint_unrecognised(doc),
    )


def check_unread(
    doc: CheckedDocument, piece: Piece, person: Person | None, ctx: RuleContext
) -> Finding | None:
    """``information_non_lue``: what a rule needs could not be read with confidence.

    The name, the date or the expiry date is then absent rather than guessed; the
    citizen is told, and an agent checks it. It does not block the dossier.
    """
    spec = piece.rules
    missing = []
    if spec.holder_must_match and person is not None and doc.holder is None:
        missing.append("le nom")
    if max_age_for(doc, piece, person) is not None and doc.issue_date is None:
        missing.append("la date")
    if spec.must_be_valid and doc.expiry_date is None:
        missing.append("la date d'expiration")
    if not missing:
        return None
    return Finding(
        code="information_non_lue",
        severity="warning",
        piece=piece.id,
        document=doc.id,
        person=person.full_name if person else None,
        hint=hints.hint_unread(doc, missing),
    )


def document_findings(
    doc: CheckedDocument,
    piece: Piece,
    person: Person | None,
    ctx: RuleContext,
    waived: bool = False,
) -> list[Finding]:
    """Every document rule for ``doc`` as evidence of ``piece`` for ``person``.

    Unreadable and unrecognised documents never get here: the engine sets them
    aside before it assigns documents to pieces.
    """
    if piece.agent_check:
        return []
    found = [
        check_age(doc, piece, person, ctx),
        check_expiry(doc, piece, person, ctx),
        check_holder(doc, piece, person, ctx, waived),
        check_unread(doc, piece, person, ctx),
    ]
    return [f for f in found if f is not None]


def check_count(piece: Piece, person: Person | None, received: int) -> Finding | None:
    """``piece_manquante`` when nothing came, ``nombre_insuffisant`` when too few did."""
    if not piece.required or piece.agent_check or received >= piece.min_count:
        return None
    name = person.full_name if person else None
    # Only pieces asked for several people need to say for whom.
    shown = name if piece.for_whom != "demandeur" else None
    if received == 0:
        return Finding(
            code="piece_manquante",
            severity="missing",
            piece=piece.id,
            person=name,
            hint=hints.hint_missing(piece, shown),
        )
    return Finding(
        code="nombre_insuffisant",
        severity="missing",
        piece=piece.id,
        person=name,
        hint=hints.hint_too_few(piece, shown, received, piece.min_count),
    )


def check_unexpected(doc: CheckedDocument, procedure: Procedure) -> Finding:
    """``document_non_attendu``: no piece of the procedure accepts this type."""
    return Finding(
        code="document_non_attendu",
        severity="warning",
        document=doc.id,
        hint=hints.hint_unexpected(doc, procedure),
    )


def check_duplicate(doc: CheckedDocument, original: CheckedDocument) -> Finding:
    """``doublon``: the same bytes (sha256) were uploaded twice."""
    return Finding(
        code="doublon",
        severity="warning",
        document=doc.id,
        hint=hints.hint_duplicate(doc, original),
    )
