"""Every catalogued procedure accepts a realistic complete dossier without a word."""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.checks import (
    CheckedDocument,
    Persons,
    check_dossier,
    evaluate_dossier,
    get_procedure,
    load_catalogue,
)

Dossier = tuple[Persons, list[CheckedDocument]]

PROCEDURES = sorted(load_catalogue())


def test_every_procedure_has_a_complete_dossier(complete_dossiers: dict[str, Dossier]) -> None:
    assert sorted(complete_dossiers) == PROCEDURES


@pytest.mark.parametrize("procedure_id", PROCEDURES)
def test_complete_dossier_has_no_finding(
    procedure_id: str, complete_dossiers: dict[str, Dossier], today: dt.date
) -> None:
    persons, documents = complete_dossiers[procedure_id]
    findings = check_dossier(get_procedure(procedure_id), documents, persons, today)
    assert findings == []


@pytest.mark.parametrize("procedure_id", PROCEDURES)
def test_complete_dossier_fills_every_required_piece(
    procedure_id: str, complete_dossiers: dict[str, Dossier], today: dt.date
) -> None:
    persons, documents = complete_dossiers[procedure_id]
    result = evaluate_dossier(get_procedure(procedure_id), documents, persons, today)
    assert result.complete
    for status in result.pieces:
        assert status.satisfied, status
    used = {d for s in result.pieces for d in s.documents + s.extra_documents}
    assert used == {d.id for d in documents}


@pytest.mark.parametrize("procedure_id", PROCEDURES)
def test_empty_dossier_lists_every_required_piece(
    procedure_id: str, complete_dossiers: dict[str, Dossier], today: dt.date
) -> None:
    persons, _ = complete_dossiers[procedure_id]
    procedure = get_procedure(procedure_id)
    findings = check_dossier(procedure, [], persons, today)
    assert {f.code for f in findings} == {"piece_manquante"}
    required = {p.id for p in procedure.pieces if p.required and not p.agent_check}
    assert {f.piece for f in findings} == required
    assert all(f.hint.startswith("Il manque ") for f in findings)
