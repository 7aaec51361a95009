"""Slots show what became of each file, and what a verified 2D-Doc lets us say."""

from __future__ import annotations

import datetime as dt

from tests.checks.conftest import DocFactory, Dossier

from paperasse.checks import evaluate_dossier, get_procedure
from paperasse.checks.slots import fill_slots
from paperasse.checks.verdict import with_overrides
from paperasse.checks.views import DossierDocument

LISTES = "inscription_listes_electorales"


def _slots(dossier: Dossier, today: dt.date, verified: set[str]) -> dict[str, list[str | None]]:
    persons, docs = dossier
    procedure = get_procedure(LISTES)
    check = evaluate_dossier(procedure, docs, persons, today)
    described = [
        DossierDocument(
            id=d.id, filename=d.filename, status="processed", verified_by_2ddoc=d.id in verified
        )
        for d in docs
    ]
    slots, _ = fill_slots(procedure, check.pieces, described, with_overrides(check.findings, []))
    return {s.piece: [f.reason for f in s.files] for s in slots}


def test_a_proof_read_from_a_verified_2ddoc_says_so(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    dossier = complete_dossiers[LISTES]
    plain = _slots(dossier, today, verified=set())
    assert plain["justificatif_domicile"] == [None]
    verified = _slots(dossier, today, verified={"loyer"})
    assert verified["justificatif_domicile"] == ["Justificatif vérifié grâce à son code 2D-Doc."]
