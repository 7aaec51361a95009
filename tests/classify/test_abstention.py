"""What resembles nothing goes to review as « autre », with the nearest types named.

Texts written by hand as the documents print them, classified by the shipped model.
"""

from __future__ import annotations

import re

import pytest

from paperasse.classify.model import DocTypeModel, classify_text, load_model
from paperasse.models.domain import DOC_TYPES

# A legal-announcement invoice to a business: TTC, TVA and an IBAN, but no utility bill.
BUSINESS_INVOICE = """ALEXINUX  de Lattre Alexis  27 rue Henri Rolland 69100 Villeurbanne
Facture n° 2022089083  Date : 28/11/2022  Numéro de dossier : 365146
Désignation Nombre P.U. HT Montant HT
Annonce légale le-tout-lyon.fr du 06/12/2022 45,93 €  Justificatif PDF 1 0,75 €
Total HT : 46,68 €  TVA 20% : 9,34 €  Total TTC : 56,02 €
Modes de règlement  Virement  IBAN : FR76 1010 7002 4500 6170 5231 739  BIC : BREDFRPP
Tout retard de paiement fera l'objet d'une pénalité de retard calculée sur la base de trois
fois le taux de l'intérêt légal (art L441-6 Code du Commerce). Indemnité forfaitaire de
recouvrement : 40€.  Sarl au capital de 10 000€ - RCS Paris B 530 848 134 - Siret 53084813400017"""
PHOTO_CAPTIONS = [
    "Vacances à la mer 2024 avec les enfants, coucher de soleil sur la plage",
    "BOULANGERIE PÂTISSERIE  ouvert du mardi au dimanche  pain chaud",
]
# A blank government attestation that is not a CERFA.
ATTESTATION = """ATTESTATION DE DÉPLACEMENT DÉROGATOIRE
En application du décret n° 2020-1310 du 29 octobre 2020 prescrivant les mesures générales
nécessaires pour faire face à l'épidémie de COVID-19 dans le cadre de l'état d'urgence sanitaire
Mme/M. : Né(e) le : à : Demeurant :
certifie que mon déplacement est lié au motif suivant (cocher la case) autorisé par le décret
Consultations, examens et soins ne pouvant être assurés à distance
Fait à : Le : à : Signature :"""


@pytest.fixture(scope="module")
def model() -> DocTypeModel:
    return load_model()


@pytest.mark.parametrize("text", [BUSINESS_INVOICE, ATTESTATION, *PHOTO_CAPTIONS])
def test_what_is_none_of_the_types_goes_to_review_as_autre(model: DocTypeModel, text: str) -> None:
    decision = classify_text(text, model)
    assert decision.label == "autre", decision
    assert decision.needs_review
    nearest = re.search(r"Types les plus proches : (.+)\.", decision.explanation[0])
    assert nearest is not None, decision.explanation
    named = [part.rsplit(" ", 1) for part in nearest.group(1).split(", ")]
    assert len(named) == 3 and all(label in DOC_TYPES for label, _ in named)
    assert all(0.0 <= float(p) <= 1.0 for _, p in named)


def test_below_the_threshold_the_answer_is_autre_with_the_suggestion(model: DocTypeModel) -> None:
    text = """RELEVÉ D'IDENTITÉ BANCAIRE  Titulaire du compte : M. Jean MARTIN
        Code banque 20041  Code guichet 01007  N° de compte 1234567A038  Clé RIB 42
        IBAN FR76 2004 1010 0712 3456 7A03 842  BIC PSSTFRPPLYO"""
    sure = classify_text(text, model)
    assert (sure.label, sure.needs_review) == ("rib", False)
    doubtful = classify_text(text, model, threshold=0.9999)
    assert (doubtful.label, doubtful.needs_review) == ("autre", True)
    assert "inférieure au seuil 1.00" in doubtful.explanation[0]
    assert "Types les plus proches : rib " in doubtful.explanation[0]
    assert doubtful.explanation[1:]  # what pointed to the suggestion, for the agent


def test_confidence_is_the_probability_of_the_answer(model: DocTypeModel) -> None:
    decision = classify_text(BUSINESS_INVOICE, model)
    rows = model.features([BUSINESS_INVOICE])
    p_autre = float(model.probabilities(rows)[0][model.labels.index("autre")])
    assert decision.confidence == round(p_autre, 4)


@pytest.mark.parametrize("cues", [[], ["mrz", "mrz:td3", "mrz:P"], ["2ddoc", "2ddoc:01"]])
def test_an_empty_text_is_never_classified(model: DocTypeModel, cues: list[str]) -> None:
    for text in ("", "  \n ", "P<<<<<<<<<<<<<<", "12 02 2020"):
        decision = classify_text(text, model, cues=cues)
        assert (decision.label, decision.confidence, decision.needs_review) == ("autre", 0.0, True)
