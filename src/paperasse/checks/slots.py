"""A dossier as slots: one per piece and person, each showing the files put in it.

The checks engine decides which document counts for which piece; this module
only lays that verdict out for a citizen, from the findings and never from rules
of its own:

- a file some active finding names (unreadable, not recognised, too old, expired,
  in someone else's name, not expected, failed) is « à refaire » with that
  finding's hint, and never fills a slot; it is shown in the slot the citizen
  chose for it, or else where the engine tried it;
- a file that counts but carries a note (sent twice; something on it could not be
  read and an agent will check it) fills its slot and shows the note;
- a file still being read is shown in the slot chosen for it, « en lecture »;
- a file the engine counted for a piece without any finding fills that slot,
  even when the citizen had put it elsewhere (the slot says so);
- a further file of an accepted type is shown « en plus », not examined;
- whatever has no slot is listed apart.

A finding an agent overruled no longer names its file.
"""

from __future__ import annotations

from paperasse.checks.catalogue import Piece, Procedure
from paperasse.checks.hints import VERIFIED_NOTE, join_or, type_label
from paperasse.checks.models import PieceStatus
from paperasse.checks.views import (
    DossierDocument,
    DossierFinding,
    FileState,
    Slot,
    SlotFile,
    SlotState,
)

GENERIC_TYPES = frozenset({"courrier", "autre"})
_FILE_CODES = frozenset(
    {
        "document_illisible",
        "document_non_reconnu",
        "document_trop_ancien",
        "document_expire",
        "titulaire_different",
        "document_non_attendu",
    }
)
_NOTE_CODES = frozenset({"doublon", "information_non_lue"})


def accepted_text(piece: Piece) -> str:
    """What a slot accepts, in plain French: the piece's noun, then the kinds of document
    it takes when there are several and the noun does not already name them."""
    text = piece.noun
    kinds = [type_label(t) for t in piece.accepted_types if t not in GENERIC_TYPES]
    if len(kinds) > 1 and not all(kind in text for kind in kinds):
        text += " : " + join_or(kinds)
    return text[:1].upper() + text[1:] + "."


def _empty_slot(procedure: Procedure, status: PieceStatus) -> Slot:
    piece = procedure.piece(status.piece)
    person = status.person if piece.for_whom != "demandeur" else None
    return Slot(
        piece=piece.id,
        person=person,
        label=piece.label,
        accepted=accepted_text(piece),
        condition=piece.condition if not piece.required else None,
        required=piece.required and not piece.agent_check,
        state="manquante",
    )


def _problems(findings: list[DossierFinding]) -> dict[str, str]:
    """Per document id, the hint of the first active finding that makes it « à refaire »."""
    found: dict[str, str] = {}
    for f in findings:
        if f.override is None and f.document and f.code in _FILE_CODES:
            found.setdefault(f.document, f.hint)
    return found


def _notes(findings: list[DossierFinding]) -> dict[str, str]:
    """Per document id, what to know about a file that still counts."""
    found: dict[str, list[str]] = {}
    for f in findings:
        if f.override is None and f.document and f.code in _NOTE_CODES:
            found.setdefault(f.document, []).append(f.hint)
    return {document: " ".join(hints) for document, hints in found.items()}


class _Layout:
    """Slots being filled, and where each document went."""

    def __init__(self, procedure: Procedure, pieces: list[PieceStatus]) -> None:
        self.procedure = procedure
        self.pieces = pieces
        self.slots = [_empty_slot(procedure, p) for p in pieces]
        self.others: list[SlotFile] = []
        self.placed: set[str] = set()

    def slot_of(self, piece_id: str | None) -> Slot | None:
        return next((s for s in self.slots if s.piece == piece_id), None)

    def counted_in(self, document_id: str) -> Slot | None:
        for slot, status in zip(self.slots, self.pieces, strict=True):
            if document_id in status.documents:
                return slot
        return None

    def extra_in(self, document_id: str) -> Slot | None:
        for slot, status in zip(self.slots, self.pieces, strict=True):
            if document_id in status.extra_documents:
                return slot
        return None

    def put(self, slot: Slot | None, file: SlotFile) -> None:
        (slot.files if slot is not None else self.others).append(file)
        self.placed.add(file.document)


def _place(layout: _Layout, doc: DossierDocument, problem: str | None, note: str | None) -> None:
    chosen = layout.slot_of(doc.piece)
    counted = layout.counted_in(doc.id)
    state: FileState
    if doc.status == "processing":
        state, where, reason = "en_lecture", chosen, None
    elif problem is not None:
        state, where, reason = "a_refaire", chosen or counted, problem
    elif counted is not None:
        verified = VERIFIED_NOTE if doc.verified_by_2ddoc else None
        state, where, reason = "fournie", counted, " ".join(filter(None, (verified, note))) or None
    else:
        state, where, reason = "en_plus", chosen or layout.extra_in(doc.id), note
    moved = chosen.label if chosen is not None and where is not chosen else None
    file = SlotFile(
        document=doc.id, filename=doc.filename, state=state, reason=reason, moved_from=moved
    )
    layout.put(where, file)


def _state(slot: Slot, piece: Piece) -> SlotState:
    provided = sum(1 for f in slot.files if f.state == "fournie")
    if provided >= piece.min_count:
        return "fournie"
    if any(f.state == "en_lecture" for f in slot.files):
        return "en_lecture"
    if any(f.state == "a_refaire" for f in slot.files):
        return "a_refaire"
    return "manquante" if slot.required else "facultative"


def fill_slots(
    procedure: Procedure,
    pieces: list[PieceStatus],
    documents: list[DossierDocument],
    findings: list[DossierFinding],
) -> tuple[list[Slot], list[SlotFile]]:
    """The slots of a dossier with their files, and the files that fit no slot."""
    layout = _Layout(procedure, pieces)
    problems, notes = _problems(findings), _notes(findings)
    for doc in documents:
        _place(layout, doc, problems.get(doc.id), notes.get(doc.id))
    for slot in layout.slots:
        slot.state = _state(slot, procedure.piece(slot.piece))
    return layout.slots, layout.others
