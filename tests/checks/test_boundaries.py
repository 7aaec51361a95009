"""Limits of the age and expiry rules, to the day."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from paperasse.checks import (
    CheckedDocument,
    Person,
    Persons,
    check_dossier,
    evaluate_dossier,
    get_procedure,
)

DocFactory = Callable[..., CheckedDocument]
Dossier = tuple[Persons, list[CheckedDocument]]
LISTES = "inscription_listes_electorales"


def _codes(
    procedure_id: str, persons: Persons, docs: list[CheckedDocument], today: dt.date
) -> list[str]:
    return [f.code for f in check_dossier(get_procedure(procedure_id), docs, persons, today)]


def _with(docs: list[CheckedDocument], new: CheckedDocument) -> list[CheckedDocument]:
    return [d for d in docs if d.id != new.id] + [new]


@pytest.mark.parametrize(
    ("today", "issued", "codes"),
    [
        (dt.date(2026, 4, 15), dt.date(2026, 1, 15), []),  # exactly 3 months
        (dt.date(2026, 4, 15), dt.date(2026, 1, 14), ["document_trop_ancien"]),
        (dt.date(2026, 5, 31), dt.date(2026, 2, 28), []),  # short month: clamped
        (dt.date(2026, 5, 31), dt.date(2026, 2, 27), ["document_trop_ancien"]),
        (dt.date(2026, 4, 15), dt.date(2026, 4, 15), []),  # issued today
    ],
)
def test_age_limit_is_inclusive(
    complete_dossiers: dict[str, Dossier],
    doc: DocFactory,
    today: dt.date,
    issued: dt.date,
    codes: list[str],
) -> None:
    persons, docs = complete_dossiers[LISTES]
    bill = doc("loyer", "quittance_loyer", "Sophie LEROY", issue=issued)
    assert _codes(LISTES, persons, _with(docs, bill), today) == codes


@pytest.mark.parametrize(
    ("expiry", "codes"),
    [
        (dt.date(2021, 5, 15), []),  # expired 4 years 11 months ago
        (dt.date(2021, 4, 15), []),  # expired exactly 5 years ago: last accepted day
        (dt.date(2021, 4, 14), ["document_expire"]),
        (dt.date(2021, 3, 15), ["document_expire"]),  # 5 years 1 month
    ],
)
def test_electoral_rolls_accept_id_expired_less_than_5_years(
    complete_dossiers: dict[str, Dossier],
    doc: DocFactory,
    today: dt.date,
    expiry: dt.date,
    codes: list[str],
) -> None:
    persons, docs = complete_dossiers[LISTES]
    card = doc("cni", "carte_identite", "Sophie LEROY", expiry=expiry)
    assert _codes(LISTES, persons, _with(docs, card), today) == codes


def test_tolerance_hint_says_how_long(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    card = doc("cni", "passeport", "Sophie LEROY", expiry=dt.date(2021, 3, 15))
    (finding,) = check_dossier(get_procedure(LISTES), _with(docs, card), persons, today)
    assert "a expiré le 15 mars 2021, il y a plus de 5 ans" in finding.hint
    assert "n'est acceptée que pendant 5 ans" in finding.hint


@pytest.mark.parametrize(
    ("expiry", "codes"),
    [
        (dt.date(2026, 4, 15), []),  # valid on its expiry day
        (dt.date(2026, 4, 14), ["document_expire"]),
    ],
)
def test_must_be_valid_on_submission_day(
    complete_dossiers: dict[str, Dossier],
    doc: DocFactory,
    today: dt.date,
    expiry: dt.date,
    codes: list[str],
) -> None:
    persons, docs = complete_dossiers["copie_acte_etat_civil"]
    licence = doc("permis", "permis_conduire", "Karim BENALI", expiry=expiry)
    assert _codes("copie_acte_etat_civil", persons, _with(docs, licence), today) == codes


def test_id_card_of_2004_to_2013_counts_five_more_years(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["copie_acte_etat_civil"]
    extended = doc(
        "permis",
        "carte_identite",
        "Karim BENALI",
        issue=dt.date(2012, 6, 1),
        expiry=dt.date(2022, 6, 1),
    )
    assert _codes("copie_acte_etat_civil", persons, _with(docs, extended), today) == []

    too_old = extended.model_copy(
        update={"issue_date": dt.date(2005, 1, 10), "expiry_date": dt.date(2015, 1, 10)}
    )
    (finding,) = check_dossier(
        get_procedure("copie_acte_etat_civil"), _with(docs, too_old), persons, today
    )
    assert finding.code == "document_expire"
    assert "a expiré le 10 janvier 2020 (validité prolongée de 5 ans" in finding.hint


def test_id_card_issued_after_2013_is_not_extended(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["copie_acte_etat_civil"]
    card = doc(
        "permis",
        "carte_identite",
        "Karim BENALI",
        issue=dt.date(2014, 3, 1),
        expiry=dt.date(2024, 3, 1),
    )
    assert _codes("copie_acte_etat_civil", persons, _with(docs, card), today) == ["document_expire"]


def test_birth_certificate_from_abroad_may_be_six_months_old(
    doc: DocFactory, today: dt.date, complete_dossiers: dict[str, Dossier]
) -> None:
    _, docs = complete_dossiers["pacs"]
    five_months = dt.date(2025, 11, 20)
    abroad = Persons(
        applicant=Person(full_name="Julie MOREAU"),
        partners=[Person(full_name="Thomas PETIT", born_abroad=True)],
    )
    at_home = Persons.of("Julie MOREAU", partners=["Thomas PETIT"])
    act = doc("acte_thomas", "acte_naissance", "PETIT Thomas", issue=five_months)
    assert _codes("pacs", abroad, _with(docs, act), today) == []
    findings = check_dossier(get_procedure("pacs"), _with(docs, act), at_home, today)
    assert [(f.code, f.person) for f in findings] == [("document_trop_ancien", "Thomas PETIT")]
    assert findings[0].hint.startswith("L'acte de naissance de Thomas PETIT (")
    assert "il a plus de 3 mois" in findings[0].hint


def test_age_limit_per_type(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["attestation_accueil"]
    avis = doc("salaire", "avis_imposition", "HADDAD Nadia", issue=dt.date(2025, 9, 1))
    assert _codes("attestation_accueil", persons, _with(docs, avis), today) == []
    payslip = doc("salaire", "bulletin_salaire", "HADDAD Nadia", issue=dt.date(2025, 12, 31))
    result = evaluate_dossier(
        get_procedure("attestation_accueil"), _with(docs, payslip), persons, today
    )
    assert [f.code for f in result.findings] == ["document_trop_ancien"]
    assert "il a plus de 3 mois" in result.findings[0].hint


def test_missing_dates_are_not_guessed(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers[LISTES]
    undated = [
        doc("loyer", "quittance_loyer", "Sophie LEROY"),
        doc("cni", "carte_identite", "Sophie LEROY"),
    ]
    docs = _with(_with(docs, undated[0]), undated[1])
    result = evaluate_dossier(get_procedure(LISTES), docs, persons, today)
    unread = {f.document: f.hint for f in result.findings if f.code == "information_non_lue"}
    assert [f.code for f in result.findings] == ["information_non_lue"] * 2
    assert "pas pu lire la date sur" in unread["loyer"]
    assert "pas pu lire la date d'expiration sur" in unread["cni"]
    assert result.complete, "what could not be read is told, and an agent checks it"
