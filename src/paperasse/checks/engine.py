"""Check a dossier: assign each document to a piece, then apply the rules.

Assignment is greedy and documented here because it decides what the citizen
is told:

1. Duplicates (same sha256) are set aside first: only the first upload counts.
   So are documents that cannot be read (a page whose quality verdict is not
   readable, or only blank pages) and documents whose type was not decided (the
   classifier was unsure, nobody confirmed it): they fill no piece, whatever the
   piece accepts, so that a blurred photo never makes a dossier look complete nor
   excuses another document; each gets a finding that says why and what to do.
2. Each piece is expanded into one *requirement* per person it is for
   (``demandeur``: the applicant; ``chaque_partenaire``: applicant and
   partners; ``chaque_majeur_du_foyer``: applicant, partners and household
   adults; ``enfant``: each child, or one unnamed child when none is given).
3. Requirements are served in a fixed order: pieces that excuse another
   holder (attestation d'hébergement) first, then requirements whose holder
   must match a named person, then the others; within a group, pieces that
   accept fewer types first, then catalogue order.
4. Pass one gives each requirement up to ``min_count`` documents of an accepted
   type that pass every rule. Pass two fills what is still short with the
   remaining documents of an accepted type that fail some rule, fewest problems
   first, so that the citizen hears why the document does not do ("too old")
   rather than that it is missing. It serves every person's own flawed
   documents before it hands anyone a document in another person's name.
5. A document serves one piece only. Within that piece it may serve several
   persons when its holder matches each of them (a joint avis d'imposition).
6. Left-over documents of a type some piece accepts are recorded as extras of
   that piece and not judged; any other left-over is ``document_non_attendu``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from paperasse.checks import rules
from paperasse.checks.catalogue import Piece, Procedure
from paperasse.checks.models import (
    CheckedDocument,
    DossierCheck,
    Finding,
    Person,
    Persons,
    PieceStatus,
    is_complete,
)
from paperasse.checks.names import names_match

log = logging.getLogger(__name__)


@dataclass
class _Requirement:
    piece: Piece
    person: Person | None
    rank: tuple[int, int, int, int]
    documents: list[CheckedDocument] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    extras: list[str] = field(default_factory=list)

    @property
    def short(self) -> int:
        return self.piece.min_count - len(self.documents)


def persons_for(piece: Piece, persons: Persons) -> list[Person | None]:
    """The people a piece must be provided for, without duplicates."""
    if piece.for_whom == "demandeur":
        return [persons.applicant]
    if piece.for_whom == "enfant":
        return list(persons.children) or [None]
    group = [persons.applicant, *persons.partners]
    if piece.for_whom == "chaque_majeur_du_foyer":
        group += persons.household_adults
    unique: list[Person | None] = []
    for person in group:
        if not any(p is not None and names_match(p.full_name, person.full_name) for p in unique):
            unique.append(person)
    return unique


def _requirements(procedure: Procedure, persons: Persons) -> list[_Requirement]:
    waivers = {p.rules.holder_waived_by for p in procedure.pieces}
    found = []
    for index, piece in enumerate(procedure.pieces):
        for number, person in enumerate(persons_for(piece, persons)):
            specific = piece.rules.holder_must_match and person is not None
            group = 0 if piece.id in waivers else 1 if specific else 2
            rank = (group, len(piece.accepted_types), index, number)
            found.append(_Requirement(piece, person, rank))
    return sorted(found, key=lambda r: r.rank)


def _set_aside_unusable(
    documents: Sequence[CheckedDocument], ctx: rules.RuleContext
) -> tuple[list[CheckedDocument], list[Finding]]:
    """Documents that may fill a piece, and findings for those that cannot be read or typed.

    A document of a type that a piece only an agent judges accepts (a timbre fiscal
    is ``autre``) goes there unjudged: the machine claims nothing about it.
    """
    for_agents = {t for p in ctx.procedure.pieces if p.agent_check for t in p.accepted_types}
    usable, findings = [], []
    for doc in documents:
        if doc.doc_type in for_agents:
            usable.append(doc)
        elif (illegible := rules.check_legibility(doc, ctx)) is not None:
            findings.append(illegible)
        elif not doc.typed:
            findings.append(rules.check_unrecognised(doc))
        else:
            usable.append(doc)
    return usable, findings


def _split_duplicates(
    documents: Sequence[CheckedDocument],
) -> tuple[list[CheckedDocument], list[Finding]]:
    first: dict[str, CheckedDocument] = {}
    kept, findings = [], []
    for doc in documents:
        original = first.get(doc.sha256)
        if original is None:
            first[doc.sha256] = doc
            kept.append(doc)
        else:
            findings.append(rules.check_duplicate(doc, original))
    return kept, findings


class _Assigner:
    """Holds the state of one assignment: who took which document."""

    def __init__(self, procedure: Procedure, ctx: rules.RuleContext) -> None:
        self.procedure = procedure
        self.ctx = ctx
        self.used: dict[str, str] = {}  # document id -> piece id
        self.served: dict[str, bool] = {}  # piece id -> has at least one document

    def _waived(self, piece: Piece) -> bool:
        waiver = piece.rules.holder_waived_by
        return waiver is not None and self.served.get(waiver, False)

    def _judge(self, doc: CheckedDocument, req: _Requirement) -> list[Finding]:
        waived = self._waived(req.piece)
        return rules.document_findings(doc, req.piece, req.person, self.ctx, waived)

    def _available(self, doc: CheckedDocument, req: _Requirement, sharing: bool) -> bool:
        if doc.doc_type not in req.piece.accepted_types or doc in req.documents:
            return False
        owner = self.used.get(doc.id)
        if owner is None:
            return True
        shareable = sharing and owner == req.piece.id and doc.holder is not None
        return shareable and req.person is not None and req.piece.rules.holder_must_match

    def _take(self, doc: CheckedDocument, req: _Requirement, found: list[Finding]) -> None:
        req.documents.append(doc)
        req.findings.extend(found)
        self.used[doc.id] = req.piece.id
        self.served[req.piece.id] = True

    def valid_pass(self, reqs: list[_Requirement], docs: list[CheckedDocument]) -> None:
        """Give every requirement the documents that pass all its rules."""
        for req in reqs:
            for doc in docs:
                if req.short <= 0:
                    break
                if self._available(doc, req, sharing=True) and not self._judge(doc, req):
                    self._take(doc, req, [])

    def invalid_pass(
        self, reqs: list[_Requirement], docs: list[CheckedDocument], *, wrong_holder: bool
    ) -> None:
        """Fill what is still short with flawed documents, to say what is wrong.

        Run first with ``wrong_holder=False`` so that each person's own flawed
        document goes to that person before anyone else's is considered.
        """
        for req in reqs:
            if req.piece.agent_check:
                continue
            while req.short > 0:
                judged = [
                    (d, self._judge(d, req)) for d in docs if self._available(d, req, sharing=False)
                ]
                judged = [(d, f) for d, f in judged if wrong_holder or not _names_other(f)]
                if not judged:
                    break
                doc, found = min(judged, key=lambda pair: (_names_other(pair[1]), len(pair[1])))
                self._take(doc, req, found)


def _names_other(found: list[Finding]) -> bool:
    return any(f.code == "titulaire_different" for f in found)


def _leftovers(
    reqs: list[_Requirement], docs: list[CheckedDocument], assigner: _Assigner
) -> list[Finding]:
    findings = []
    in_catalogue_order = sorted(reqs, key=lambda r: r.rank[2:])
    for doc in docs:
        if doc.id in assigner.used:
            continue
        home = next((r for r in in_catalogue_order if doc.doc_type in r.piece.accepted_types), None)
        if home is not None:
            home.extras.append(doc.id)
        else:
            findings.append(rules.check_unexpected(doc, assigner.procedure))
    return findings


def _status(req: _Requirement) -> PieceStatus:
    blocking = any(f.severity != "warning" for f in req.findings)
    enough = req.short <= 0 or not req.piece.required or req.piece.agent_check
    return PieceStatus(
        piece=req.piece.id,
        label=req.piece.label,
        person=req.person.full_name if req.person else None,
        required=req.piece.required,
        documents=[d.id for d in req.documents],
        extra_documents=req.extras,
        satisfied=enough and not blocking,
    )


def evaluate_dossier(
    procedure: Procedure,
    documents: Sequence[CheckedDocument],
    persons: Persons,
    today: dt.date,
    *,
    min_ocr_confidence: float = rules.DEFAULT_MIN_OCR_CONFIDENCE,
) -> DossierCheck:
    """Check a dossier and say, piece by piece, what it holds and what is wrong.

    ``today`` is the submission date the age limits count from.
    """
    ctx = rules.RuleContext(procedure, persons.applicant, today, min_ocr_confidence)
    unique, duplicate_findings = _split_duplicates(documents)
    kept, unusable_findings = _set_aside_unusable(unique, ctx)
    reqs = _requirements(procedure, persons)
    assigner = _Assigner(procedure, ctx)
    assigner.valid_pass(reqs, kept)
    assigner.invalid_pass(reqs, kept, wrong_holder=False)
    assigner.invalid_pass(reqs, kept, wrong_holder=True)
    leftover_findings = _leftovers(reqs, kept, assigner)

    findings: list[Finding] = []
    for req in sorted(reqs, key=lambda r: r.rank[2:]):
        count = rules.check_count(req.piece, req.person, len(req.documents))
        findings.extend([count] if count else [])
        findings.extend(req.findings)
    findings += unusable_findings + leftover_findings + duplicate_findings
    log.debug(
        "dossier %s checked: %d documents, %d findings", procedure.id, len(documents), len(findings)
    )
    return DossierCheck(
        procedure=procedure.id,
        findings=findings,
        pieces=[_status(r) for r in sorted(reqs, key=lambda r: r.rank[2:])],
        complete=is_complete(findings),
    )


def check_dossier(
    procedure: Procedure,
    documents: Sequence[CheckedDocument],
    persons: Persons,
    today: dt.date,
    *,
    min_ocr_confidence: float = rules.DEFAULT_MIN_OCR_CONFIDENCE,
) -> list[Finding]:
    """The findings on a dossier (empty when complete and clean); see ``evaluate_dossier``."""
    return evaluate_dossier(
        procedure, documents, persons, today, min_ocr_confidence=min_ocr_confidence
    ).findings
