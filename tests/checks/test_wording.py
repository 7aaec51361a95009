"""French dates, type labels and sentence pieces of the hints."""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.checks import add_months, add_years, format_date_fr, type_label
from paperasse.checks.hints import TYPE_WORDING, duration, join_or
from paperasse.models.domain import DOC_LABELS


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (dt.date(2026, 1, 12), "12 janvier 2026"),
        (dt.date(2019, 3, 3), "3 mars 2019"),
        (dt.date(2026, 3, 1), "1er mars 2026"),
        (dt.date(2025, 8, 15), "15 août 2025"),
        (dt.date(2024, 2, 29), "29 février 2024"),
        (dt.date(2030, 12, 31), "31 décembre 2030"),
    ],
)
def test_french_long_dates(day: dt.date, text: str) -> None:
    assert format_date_fr(day) == text


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 4, 15), -3, dt.date(2026, 1, 15)),
        (dt.date(2026, 5, 31), -3, dt.date(2026, 2, 28)),
        (dt.date(2024, 5, 31), -3, dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 2, 10), -14, dt.date(2024, 12, 10)),
        (dt.date(2026, 11, 30), 2, dt.date(2027, 1, 30)),
    ],
)
def test_add_months_clamps_to_month_end(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def test_add_years_from_29_february() -> None:
    assert add_years(dt.date(2024, 2, 29), 5) == dt.date(2029, 2, 28)
    assert add_years(dt.date(2024, 2, 29), 4) == dt.date(2028, 2, 29)


def test_every_classifier_label_has_french_wording() -> None:
    assert set(TYPE_WORDING) == set(DOC_LABELS)
    assert type_label("facture_energie") == "facture d'électricité ou de gaz"
    assert type_label("titre_sejour") == "titre de séjour"
    assert type_label("label_inconnu") == "document"


def test_french_joins_and_durations() -> None:
    assert join_or(["a"]) == "a"
    assert join_or(["a", "b", "c"]) == "a, b ou c"
    assert [duration(m) for m in (3, 12, 18, 24)] == ["3 mois", "1 an", "18 mois", "2 ans"]
