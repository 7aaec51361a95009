"""Answer deadlines: two months by default, per-service delays, urgency, stated deadlines."""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.classify.triage import TriageDeadlines, add_months, triage
from paperasse.errors import ConfigurationError

NEUTRAL = "Bonjour, je souhaite connaître les horaires d'ouverture de la médiathèque."
BUILDING = "Je dépose une demande de permis de construire pour une maison individuelle."


@pytest.mark.parametrize(
    ("start", "months", "expected"),
    [
        (dt.date(2025, 12, 31), 2, dt.date(2026, 2, 28)),
        (dt.date(2027, 12, 31), 2, dt.date(2028, 2, 29)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 8, 31), 1, dt.date(2026, 9, 30)),
        (dt.date(2026, 11, 15), 3, dt.date(2027, 2, 15)),
        (dt.date(2026, 3, 31), -1, dt.date(2026, 2, 28)),
    ],
)
def test_month_arithmetic_clamps_to_the_end_of_month(
    start: dt.date, months: int, expected: dt.date
) -> None:
    assert add_months(start, months) == expected


def test_default_is_two_months_clamped_at_end_of_february() -> None:
    result = triage(NEUTRAL, doc_type=None, received=dt.date(2025, 12, 31), model=None)
    assert result.due_date == dt.date(2026, 2, 28)
    assert any("CRPA L231-1" in line for line in result.priority.explanation)
    leap = triage(NEUTRAL, doc_type=None, received=dt.date(2027, 12, 31), model=None)
    assert leap.due_date == dt.date(2028, 2, 29)


def test_per_service_delay_in_months_or_days() -> None:
    received = dt.date(2026, 5, 4)
    months = TriageDeadlines(service_months={"urbanisme": 3})
    result = triage(BUILDING, doc_type=None, received=received, model=None, deadlines=months)
    assert result.service.label == "urbanisme"
    assert result.due_date == dt.date(2026, 8, 4)
    assert any(
        "délai du service urbanisme : 3 mois" in line for line in result.priority.explanation
    )
    days = TriageDeadlines(service_days={"urbanisme": 30}, service_months={"urbanisme": 3})
    result = triage(BUILDING, doc_type=None, received=received, model=None, deadlines=days)
    assert result.due_date == dt.date(2026, 6, 3)
    other = triage(NEUTRAL, doc_type=None, received=received, model=None, deadlines=days)
    assert other.due_date == dt.date(2026, 7, 4)


def test_earlier_deadline_stated_in_the_letter_wins() -> None:
    received = dt.date(2026, 11, 2)
    text = BUILDING + " Merci de me répondre avant le 30 novembre 2026."
    result = triage(text, doc_type=None, received=received, model=None)
    assert result.due_date == dt.date(2026, 11, 30)
    assert any("avant le 30 novembre 2026" in line for line in result.priority.explanation)


def test_relative_deadline_runs_from_receipt() -> None:
    received = dt.date(2026, 4, 20)
    text = "Je vous prie de me transmettre ces pièces dans un délai de 15 jours."
    result = triage(text, doc_type=None, received=received, model=None)
    assert result.due_date == dt.date(2026, 5, 5)


def test_later_stated_deadline_does_not_extend_the_legal_one() -> None:
    received = dt.date(2026, 1, 15)
    text = NEUTRAL + " Une réponse avant le 30 juin 2026 me conviendrait."
    result = triage(text, doc_type=None, received=received, model=None)
    assert result.due_date == dt.date(2026, 3, 15)


def test_past_dates_are_not_deadlines() -> None:
    received = dt.date(2026, 6, 1)
    text = NEUTRAL + " J'avais déjà écrit avant le 3 mars 2026 sans réponse."
    result = triage(text, doc_type=None, received=received, model=None)
    assert result.due_date == dt.date(2026, 8, 1)


def test_urgent_mail_is_answered_sooner() -> None:
    received = dt.date(2026, 3, 10)
    text = "Mise en demeure : l'entreprise exige le paiement de la facture n° 88."
    result = triage(text, doc_type=None, received=received, model=None)
    assert result.priority.label == "urgent"
    assert result.due_date == dt.date(2026, 3, 18)
    shorter = TriageDeadlines(urgent_days=3)
    result = triage(text, doc_type=None, received=received, model=None, deadlines=shorter)
    assert result.due_date == dt.date(2026, 3, 13)
    assert any("raccourci à 3 jours" in line for line in result.priority.explanation)
    not_shortened = TriageDeadlines(urgent_days=None)
    result = triage(text, doc_type=None, received=received, model=None, deadlines=not_shortened)
    assert result.due_date == dt.date(2026, 5, 10)


def test_stated_deadline_beats_urgent_shortening_when_earlier() -> None:
    received = dt.date(2026, 3, 10)
    text = "Mise en demeure de régulariser la situation au plus tard le 12/03/2026."
    result = triage(text, doc_type=None, received=received, model=None)
    assert result.due_date == dt.date(2026, 3, 12)


@pytest.mark.parametrize(
    "bad",
    [
        {"default_months": 0},
        {"urgent_days": -2},
        {"service_days": {"technique": 0}},
        {"service_months": {"urbanisme": -1}},
    ],
)
def test_non_positive_delays_are_refused(bad: dict[str, object]) -> None:
    with pytest.raises(ConfigurationError, match="strictement positifs"):
        TriageDeadlines(**bad)  # type: ignore[arg-type]
