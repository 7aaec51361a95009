"""Builders for the dossier tests: documents as the pipeline would describe them.

``complete_dossiers`` holds, for every catalogued procedure, a realistic dossier
that satisfies it at ``TODAY``; rule tests start from one of them and break one
thing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

import pytest

from paperasse.checks import CheckedDocument, Person, Persons
from paperasse.models.domain import Holder

TODAY = dt.date(2026, 4, 15)

DocFactory = Callable[..., CheckedDocument]
Dossier = tuple[Persons, list[CheckedDocument]]


def make_doc(
    doc_id: str,
    doc_type: str,
    holder: str | None = None,
    *,
    issue: dt.date | None = None,
    expiry: dt.date | None = None,
    issuer: str | None = None,
    pages: list[float | None] | None = None,
    blank: int = 0,
    filename: str | None = None,
    content: str | None = None,
) -> CheckedDocument:
    """A document; its sha256 derives from ``content`` (default: its id)."""
    confidences = pages if pages is not None else [94.0]
    extra: dict[str, Any] = {}
    if holder is not None:
        extra["holder"] = Holder(full_name=holder, source="rule")
    return CheckedDocument(
        id=doc_id,
        filename=filename or f"{doc_id}.pdf",
        sha256=hashlib.sha256((content or doc_id).encode()).hexdigest(),
        doc_type=doc_type,
        doc_type_confidence=0.93,
        issue_date=issue,
        expiry_date=expiry,
        issuer=issuer,
        page_confidences=confidences,
        blank_pages=blank,
        page_count=len(confidences),
        **extra,
    )


@pytest.fixture
def doc() -> DocFactory:
    """The ``make_doc`` builder."""
    return make_doc


@pytest.fixture
def today() -> dt.date:
    """The submission date every dossier test counts from."""
    return TODAY


def _d(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, day)


def _dossiers() -> dict[str, Dossier]:
    m = make_doc
    return {
        "inscription_scolaire": (
            Persons.of("Marie DUPONT", children=["Léa MARTIN"]),
            [
                m("livret", "livret_famille", "Jean MARTIN et Marie DUPONT"),
                m("edf", "facture_energie", "Mme DUPONT Marie", issue=_d(2026, 3, 2), issuer="EDF"),
                m("vaccins", "certificat_vaccination", "MARTIN Léa Jeanne"),
                m("cni", "carte_identite", "DUPONT Marie Claire", expiry=_d(2031, 5, 1)),
            ],
        ),
        "carte_identite_passeport": (
            Persons.of("Paul BERNARD"),
            [
                m("predemande", "formulaire_cerfa"),
                m("ancien", "passeport", "BERNARD Paul Henri", expiry=_d(2025, 12, 1)),
                m("orange", "facture_telecom", "M. Paul BERNARD", issue=_d(2025, 6, 20)),
            ],
        ),
        "inscription_listes_electorales": (
            Persons.of("Sophie LEROY"),
            [
                m("cni", "carte_identite", "LEROY Sophie", expiry=_d(2022, 9, 30)),
                m("loyer", "quittance_loyer", "Mme Sophie Leroy", issue=_d(2026, 4, 1)),
                m("cerfa", "formulaire_cerfa"),
            ],
        ),
        "copie_acte_etat_civil": (
            Persons.of("Karim BENALI"),
            [
                m("permis", "permis_conduire", "BENALI Karim", expiry=_d(2039, 2, 1)),
                m("livret", "livret_famille", "BENALI Karim et BENALI Salma"),
            ],
        ),
        "pacs": (
            Persons(
                applicant=Person(full_name="Julie MOREAU"),
                partners=[Person(full_name="Thomas PETIT", born_abroad=True)],
            ),
            [
                m("convention", "courrier"),
                m("declaration", "formulaire_cerfa"),
                m("acte_julie", "acte_naissance", "MOREAU Julie Anne", issue=_d(2026, 2, 10)),
                m("acte_thomas", "acte_naissance", "PETIT Thomas", issue=_d(2025, 11, 20)),
                m("cni_julie", "carte_identite", "MOREAU Julie", expiry=_d(2030, 1, 1)),
                m("passeport_thomas", "passeport", "PETIT Thomas", expiry=_d(2029, 7, 1)),
            ],
        ),
        "mariage": (
            Persons.of("Claire FONTAINE", partners=["Hugo GIRARD"]),
            [
                m("cni_claire", "carte_identite", "FONTAINE Claire", expiry=_d(2033, 1, 1)),
                m("cni_hugo", "carte_identite", "GIRARD Hugo", expiry=_d(2028, 3, 1)),
                m("acte_claire", "acte_naissance", "FONTAINE Claire", issue=_d(2026, 3, 1)),
                m("acte_hugo", "acte_naissance", "GIRARD Hugo", issue=_d(2026, 2, 20)),
                m(
                    "engie",
                    "facture_energie",
                    "M. GIRARD Hugo ou Mme FONTAINE Claire",
                    issue=_d(2026, 3, 28),
                    issuer="Engie",
                ),
                m("temoin1", "carte_identite", "LAMBERT Alice", expiry=_d(2030, 1, 1)),
                m("temoin2", "passeport", "ROUSSEL Marc", expiry=_d(2027, 1, 1)),
            ],
        ),
        "attestation_accueil": (
            Persons.of("Nadia HADDAD"),
            [
                m("cni", "carte_identite", "HADDAD Nadia", expiry=_d(2032, 1, 1)),
                m("bail", "courrier", "Mme Nadia HADDAD"),
                m("eau", "facture_eau", "HADDAD Nadia", issue=_d(2026, 2, 1), issuer="Veolia"),
                m("salaire", "bulletin_salaire", "HADDAD Nadia", issue=_d(2026, 3, 31)),
            ],
        ),
        "logement_social": (
            Persons.of("Ahmed SAIDI", household_adults=["Fatima SAIDI"]),
            [
                m("cerfa", "formulaire_cerfa"),
                m("titre", "titre_sejour", "SAIDI Ahmed", expiry=_d(2027, 6, 1)),
                m("cni_fatima", "carte_identite", "SAIDI Fatima", expiry=_d(2030, 6, 1)),
                m("avis", "avis_imposition", "SAIDI Ahmed et SAIDI Fatima", issue=_d(2025, 8, 1)),
                m("bs1", "bulletin_salaire", "SAIDI Ahmed", issue=_d(2026, 1, 31)),
                m("bs2", "bulletin_salaire", "SAIDI Ahmed", issue=_d(2026, 2, 28)),
                m("bs3", "bulletin_salaire", "SAIDI Ahmed", issue=_d(2026, 3, 31)),
            ],
        ),
        "aide_sociale_ccas": (
            Persons.of("Lucie ROUX"),
            [
                m("cni", "carte_identite", "ROUX Lucie", expiry=_d(2029, 1, 1)),
                m(
                    "gaz",
                    "facture_energie",
                    "ROUX Lucie",
                    issue=_d(2026, 3, 15),
                    issuer="TotalEnergies",
                ),
                m("avis", "avis_imposition", "ROUX Lucie", issue=_d(2025, 9, 1)),
                m("rel1", "releve_bancaire", "Mme ROUX Lucie", issue=_d(2026, 1, 31)),
                m("rel2", "releve_bancaire", "Mme ROUX Lucie", issue=_d(2026, 2, 28)),
                m("rel3", "releve_bancaire", "Mme ROUX Lucie", issue=_d(2026, 3, 31)),
                m("caf", "attestation_caf", "ROUX Lucie", issue=_d(2026, 4, 2)),
                m("rib", "rib", "MME ROUX LUCIE"),
            ],
        ),
    }


@pytest.fixture
def complete_dossiers() -> dict[str, Dossier]:
    """For every procedure id, persons and documents that make a complete dossier."""
    return _dossiers()
