"""Each rule, triggered alone: a complete dossier with one thing broken gives one finding."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from paperasse.checks import (
    CheckedDocument,
    Finding,
    Persons,
    check_dossier,
    get_procedure,
    is_complete,
)

Dossier = tuple[Persons, list[CheckedDocument]]
DocFactory = Callable[..., CheckedDocument]


def _replace(
    docs: list[CheckedDocument], doc_id: str, new: CheckedDocument | None
) -> list[CheckedDocument]:
    kept = [d for d in docs if d.id != doc_id]
    return [*kept, new] if new is not None else kept


def _only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, [f.model_dump() for f in findings]
    return findings[0]


def _check(
    procedure_id: str, persons: Persons, docs: list[CheckedDocument], today: dt.date
) -> list[Finding]:
    return check_dossier(get_procedure(procedure_id), docs, persons, today)


def test_piece_manquante(complete_dossiers: dict[str, Dossier], today: dt.date) -> None:
    persons, docs = complete_dossiers["inscription_listes_electorales"]
    finding = _only(
        _check("inscription_listes_electorales", persons, _replace(docs, "loyer", None), today)
    )
    assert (finding.code, finding.severity, finding.piece) == (
        "piece_manquante",
        "missing",
        "justificatif_domicile",
    )
    assert finding.document is None
    assert finding.hint.startswith("Il manque un justificatif de domicile de moins de 3 mois : ")
    for kind in ("facture d'électricité ou de gaz", "facture d'eau", "quittance de loyer"):
        assert kind in finding.hint
    assert finding.hint.endswith(" ou attestation d'assurance habitation.")


def test_nombre_insuffisant(complete_dossiers: dict[str, Dossier], today: dt.date) -> None:
    persons, docs = complete_dossiers["logement_social"]
    finding = _only(_check("logement_social", persons, _replace(docs, "bs1", None), today))
    assert (finding.code, finding.severity, finding.piece) == (
        "nombre_insuffisant",
        "missing",
        "bulletins_salaire",
    )
    assert "2 documents sur les 3 demandés" in finding.hint
    assert "« 3 derniers bulletins de salaire »" in finding.hint
    assert "ajoutez-en 1" in finding.hint


def test_document_trop_ancien(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["inscription_listes_electorales"]
    old = doc("edf", "facture_energie", "Sophie LEROY", issue=dt.date(2026, 1, 12), issuer="EDF")
    finding = _only(
        _check("inscription_listes_electorales", persons, _replace(docs, "loyer", old), today)
    )
    assert (finding.code, finding.severity) == ("document_trop_ancien", "invalid")
    assert (finding.piece, finding.document) == ("justificatif_domicile", "edf")
    assert finding.hint.startswith(
        'Votre facture EDF ("edf.pdf") est datée du 12 janvier 2026 : elle a plus de 3 mois.'
    )
    assert "Déposez une facture plus récente, datée du 15 janvier 2026 ou après." in finding.hint


def test_document_expire(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["copie_acte_etat_civil"]
    expired = doc("cni", "carte_identite", "Karim BENALI", expiry=dt.date(2019, 3, 3))
    finding = _only(
        _check("copie_acte_etat_civil", persons, _replace(docs, "permis", expired), today)
    )
    assert (finding.code, finding.severity) == ("document_expire", "invalid")
    assert (finding.piece, finding.document) == ("piece_identite", "cni")
    assert finding.hint.startswith('Votre carte d\'identité ("cni.pdf") a expiré le 3 mars 2019.')
    assert "Déposez une pièce d'identité en cours de validité" in finding.hint


def test_titulaire_different(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["inscription_listes_electorales"]
    hosted = doc("edf", "facture_energie", "M. Jean MARTIN", issue=dt.date(2026, 3, 20))
    finding = _only(
        _check("inscription_listes_electorales", persons, _replace(docs, "loyer", hosted), today)
    )
    assert (finding.code, finding.severity) == ("titulaire_different", "invalid")
    assert (finding.piece, finding.document, finding.person) == (
        "justificatif_domicile",
        "edf",
        "Sophie LEROY",
    )
    assert "est au nom de M. Jean MARTIN, pas de Sophie LEROY." in finding.hint
    assert "Déposez un justificatif de domicile de moins de 3 mois au nom de Sophie LEROY." in (
        finding.hint
    )
    assert "Si vous êtes hébergé(e) par M. Jean MARTIN, ajoutez une attestation" in finding.hint


def test_document_illisible(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["inscription_listes_electorales"]
    blurred = doc("cerfa", "formulaire_cerfa", pages=[91.0, 31.5], filename="scan.pdf")
    missing, finding = _check(
        "inscription_listes_electorales", persons, _replace(docs, "cerfa", blurred), today
    )
    assert (missing.code, missing.piece) == ("piece_manquante", "formulaire")
    assert (finding.code, finding.severity) == ("document_illisible", "warning")
    assert (finding.piece, finding.document) == (None, "cerfa")
    assert finding.hint.startswith('La page 2 de "scan.pdf" est illisible : reprenez la photo')


def test_document_non_attendu(
    complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date
) -> None:
    persons, docs = complete_dossiers["inscription_listes_electorales"]
    stray = doc("grise", "carte_grise", "Sophie LEROY", filename="voiture.jpg")
    findings = _check("inscription_listes_electorales", persons, [*docs, stray], today)
    finding = _only(findings)
    assert (finding.code, finding.severity, finding.document) == (
        "document_non_attendu",
        "warning",
        "grise",
    )
    assert finding.piece is None
    assert '"voiture.jpg" semble être une carte grise, qui n\'est pas demandée' in finding.hint
    assert "« Inscription sur les listes électorales »" in finding.hint
    assert is_complete(findings)


def test_doublon(complete_dossiers: dict[str, Dossier], doc: DocFactory, today: dt.date) -> None:
    persons, docs = complete_dossiers["inscription_listes_electorales"]
    again = doc(
        "loyer2",
        "quittance_loyer",
        "Sophie LEROY",
        issue=dt.date(2026, 4, 1),
        filename="quittance (1).pdf",
        content="loyer",
    )
    findings = _check("inscription_listes_electorales", persons, [*docs, again], today)
    finding = _only(findings)
    assert (finding.code, finding.severity, finding.document) == ("doublon", "warning", "loyer2")
    assert 'Le fichier "quittance (1).pdf" est identique à "loyer.pdf"' in finding.hint
    assert is_complete(findings)
