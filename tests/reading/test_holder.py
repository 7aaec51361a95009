"""Holder, issue date and expiry date of documents of several types."""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.models.domain import Entity, PageText
from paperasse.reading.entities import (
    extract_entities,
    find_expiry_date,
    find_holder,
    find_issue_date,
    locate_expiry_date,
    locate_issue_date,
)
from tests.reading.test_entities import EDF_BILL, LETTER, PAYSLIP, TAX_NOTICE
from tests.reading.test_entities_support import build_cni_1988, build_td1, build_td3

TODAY = dt.date(2026, 3, 1)
BIRTH = dt.date(1990, 5, 17)


def _pages(*texts: str) -> list[PageText]:
    return [PageText(number=i, text=t, source="ocr") for i, t in enumerate(texts, start=1)]


def _analyse(*texts: str) -> tuple[list[PageText], list[Entity]]:
    pages = _pages(*texts)
    return pages, extract_entities(pages, today=TODAY)


def test_identity_card_holder_comes_from_the_mrz() -> None:
    mrz = build_td1("MARTIN", ["MARIE", "CLAIRE"], "X4RTBPFW4", BIRTH, "F", dt.date(2031, 8, 1))
    front = "CARTE NATIONALE D'IDENTITÉ\nNom : MARTIM\nPrénoms : Marie\n"  # OCR typo on the front
    pages, entities = _analyse(front + "\n".join(mrz))
    holder = find_holder("carte_identite", pages, entities)
    assert holder is not None and holder.source == "mrz"
    assert (holder.surname, holder.given_names) == ("MARTIN", ["Marie", "Claire"])
    assert holder.full_name == "Marie Claire MARTIN"
    assert find_expiry_date("carte_identite", pages, entities, today=TODAY) == dt.date(2031, 8, 1)


def test_invalid_mrz_is_not_trusted_for_the_holder() -> None:
    mrz = build_td3("MARTIN", ["MARIE"], "21AB34567", BIRTH, "F", dt.date(2031, 8, 1))
    mrz[1] = mrz[1][:19] + str((int(mrz[1][19]) + 1) % 10) + mrz[1][20:]
    front = "PASSEPORT\nNom : DURAND\nPrénoms : Alice\nDate de délivrance : 02/08/2021\n"
    pages, entities = _analyse(front + "\n".join(mrz))
    holder = find_holder("passeport", pages, entities)
    assert holder is not None and holder.source == "rule"
    assert (holder.surname, holder.given_names) == ("DURAND", ["Alice"])
    assert find_expiry_date("passeport", pages, entities, today=TODAY) is None
    assert find_issue_date("passeport", pages, entities, today=TODAY) == dt.date(2021, 8, 2)


def test_old_identity_card_expiry_is_derived_with_lower_confidence() -> None:
    mrz = build_cni_1988("DUPONT", ["JEAN"], dt.date(2012, 9, 1), "693", 4521, BIRTH, "M")
    pages, entities = _analyse("\n".join(mrz))
    finding = locate_expiry_date("carte_identite", pages, entities, today=TODAY)
    assert finding is not None and finding.value == dt.date(2027, 9, 30)
    assert finding.confidence < 0.9
    issue = locate_issue_date("carte_identite", pages, entities, today=TODAY)
    assert issue is not None and issue.value == dt.date(2012, 9, 1) and issue.cue == "mrz"
    holder = find_holder("carte_identite", pages, entities)
    assert holder is not None and holder.full_name == "Jean DUPONT"


def test_energy_bill() -> None:
    pages, entities = _analyse(EDF_BILL)
    holder = find_holder("facture_energie", pages, entities)
    assert holder is not None and holder.full_name == "Jean DUPONT" and holder.source == "rule"
    # The bill date, not the payment deadline printed after it.
    assert find_issue_date("facture_energie", pages, entities, today=TODAY) == dt.date(2026, 1, 14)
    assert find_expiry_date("facture_energie", pages, entities, today=TODAY) is None


def test_payslip() -> None:
    pages, entities = _analyse(PAYSLIP)
    holder = find_holder("bulletin_salaire", pages, entities)
    assert holder is not None and (holder.surname, holder.given_names) == ("MARTIN", ["Sophie"])
    assert find_issue_date("bulletin_salaire", pages, entities, today=TODAY) == dt.date(
        2025, 12, 31
    )


def test_payslip_for_a_month_ends_on_its_last_day() -> None:
    text = "BULLETIN DE SALAIRE\nNom et prénom : BERNARD LUCIE\nPériode : février 2024\n"
    pages, entities = _analyse(text)
    holder = find_holder("bulletin_salaire", pages, entities)
    assert holder is not None and (holder.surname, holder.given_names) == ("BERNARD", ["Lucie"])
    assert find_issue_date("bulletin_salaire", pages, entities, today=TODAY) == dt.date(2024, 2, 29)


def test_tax_notice() -> None:
    text = TAX_NOTICE.replace("Numéro fiscal", "Déclarant 1 : LEROY PAUL\nNuméro fiscal")
    pages, entities = _analyse(text)
    holder = find_holder("avis_imposition", pages, entities)
    assert holder is not None and (holder.surname, holder.given_names) == ("LEROY", ["Paul"])
    finding = locate_issue_date("avis_imposition", pages, entities, today=TODAY)
    assert finding is not None and finding.value == dt.date(2025, 7, 31)
    assert finding.cue == "mise_en_recouvrement"


def test_tax_notice_without_declarant_label_uses_the_addressee() -> None:
    pages, entities = _analyse(TAX_NOTICE)
    holder = find_holder("avis_imposition", pages, entities)
    assert holder is not None and holder.full_name == "Paul LEROY" and holder.confidence < 0.85


BIRTH_CERTIFICATE = """EXTRAIT D'ACTE DE NAISSANCE
Commune de Villeurbanne
Nom : DURAND
Prénoms : Léa, Marie
Née le 3 mars 2015 à Lyon 3e
Père : Paul DURAND
Mère : Sophie MOREAU
Délivré le 12 janvier 2026
"""


def test_birth_certificate() -> None:
    pages, entities = _analyse(BIRTH_CERTIFICATE)
    holder = find_holder("acte_naissance", pages, entities)
    assert holder is not None and holder.full_name == "Léa Marie DURAND"
    assert find_issue_date("acte_naissance", pages, entities, today=TODAY) == dt.date(2026, 1, 12)
    assert "2015-03-03" in [e.value for e in entities if e.label == "date_naissance"]


@pytest.mark.parametrize(
    ("doc_type", "text", "surname", "issued"),
    [
        ("quittance_loyer", "QUITTANCE DE LOYER\nLocataire : Mme Amina DIALLO\n"
         "Loyer de janvier 2026 : 650,00 €\nFait à Lyon, le 2 février 2026", "DIALLO",
         dt.date(2026, 2, 2)),
        ("attestation_assurance_habitation", "ATTESTATION D'ASSURANCE\nAssuré : M. Karim BENALI\n"
         "Contrat valable du 01/01/2026 au 31/12/2026\nÉtablie le 05/01/2026", "BENALI",
         dt.date(2026, 1, 5)),
        ("attestation_caf", "Caisse d'allocations familiales\nAllocataire : M. Paul LEROY\n"
         "N° allocataire : 1234567\nFait à Marseille, le 10/02/2026", "LEROY",
         dt.date(2026, 2, 10)),
        ("rib", "RELEVÉ D'IDENTITÉ BANCAIRE\nTitulaire du compte : M. Hugo PETIT\n"
         "Date d'édition : 15/01/2026", "PETIT", dt.date(2026, 1, 15)),
        ("certificat_scolarite", "CERTIFICAT DE SCOLARITÉ\nLe directeur certifie que l'élève "
         "Nina ROUX est inscrite en CM2.\nFait à Nantes, le 4 septembre 2025", "ROUX",
         dt.date(2025, 9, 4)),
    ],
)  # fmt: skip
def test_holder_and_issue_date_by_type(doc_type: str, text: str, surname: str,
                                       issued: dt.date) -> None:  # fmt: skip
    pages, entities = _analyse(text)
    holder = find_holder(doc_type, pages, entities)
    assert holder is not None and holder.surname == surname
    assert find_issue_date(doc_type, pages, entities, today=TODAY) == issued


def test_letter_holder_falls_back_to_spacy_with_low_confidence() -> None:
    pages, entities = _analyse(LETTER)
    holder = find_holder("courrier", pages, entities)
    assert holder is not None and holder.source == "ner" and holder.confidence < 0.5
    assert holder.full_name == "Claire FONTAINE"
    finding = locate_issue_date("courrier", pages, entities, today=TODAY)
    assert finding is not None and finding.value == dt.date(2026, 2, 5)


def test_issue_date_fallback_skips_birth_due_and_future_dates() -> None:
    text = ("Né le 01/01/1990\nÀ régler avant le 20/02/2026\nObjet traité le 03/02/2026\n"
            "Prochain passage 12/12/2026\n")  # fmt: skip
    pages, entities = _analyse(text)
    finding = locate_issue_date("autre", pages, entities, today=TODAY)
    assert finding is not None and finding.value == dt.date(2026, 2, 3)
    assert finding.confidence < 0.5


def test_expiry_from_text_label() -> None:
    text = "TITRE DE SÉJOUR\nNom : DIALLO\nPrénoms : Aminata\nValable jusqu'au 14/06/2029\n"
    pages, entities = _analyse(text)
    assert find_expiry_date("titre_sejour", pages, entities, today=TODAY) == dt.date(2029, 6, 14)


def test_no_text_gives_no_holder_nor_dates() -> None:
    pages, entities = _analyse("")
    assert find_holder(None, pages, entities) is None
    assert find_issue_date(None, pages, entities, today=TODAY) is None
    assert find_expiry_date(None, pages, entities, today=TODAY) is None
