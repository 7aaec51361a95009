"""The shipped document-type model: it loads, classifies clear texts, abstains otherwise."""

from __future__ import annotations

import re

import pytest
import sklearn

from paperasse.classify.model import (
    DocTypeModel,
    classify_text,
    load_model,
    load_model_or_none,
    shipped_model_path,
)
from paperasse.classify.model.predict import EMPTY_TEXT, NO_MODEL
from paperasse.models.domain import DOC_LABELS

# Written by hand, not by the generator: wording as on real documents.
CLEAR_TEXTS = {
    "avis_imposition": """DIRECTION GÉNÉRALE DES FINANCES PUBLIQUES
        Avis d'impôt 2025 sur les revenus de l'année 2024
        Vos références  Numéro fiscal 30 12 345 678 901  Référence de l'avis 25 75 1234567 89
        Nombre de parts 2  Revenu fiscal de référence 41 237
        Impôt sur le revenu net 1 912 €  Reste à payer 120 €""",
    "facture_energie": """EDF  Votre facture du 14 février 2025
        Référence client 6 012 345 678  Point de livraison (PDL) 21 4567 8912 3456
        Tarif Bleu option Base  puissance souscrite 6 kVA
        Consommation du 12/12/2024 au 12/02/2025 : 812 kWh  Abonnement 28,35 €
        Accise sur l'électricité  TVA 20 %  Montant TTC 214,07 €""",
    "bulletin_salaire": """BULLETIN DE PAIE  Période du 01/03/2025 au 31/03/2025
        Boulangerie Martin SARL  SIRET 512 345 678 00021  URSSAF Île-de-France
        Convention collective nationale de la boulangerie-pâtisserie
        Salaire de base 151,67 h 2 050,00  Cotisations et contributions sociales
        Retraite complémentaire  CSG déductible  Net à payer avant impôt sur le revenu 1 601,22
        Impôt sur le revenu prélevé à la source  Net payé 1 560,10""",
    "carte_identite": """RÉPUBLIQUE FRANÇAISE CARTE NATIONALE D'IDENTITÉ IDENTITY CARD
        Nom / Surname DUPONT  Prénoms / Given names Marie, Claire
        Sexe / Sex F  Nationalité / Nationality FRA  Date de naissance 04 05 1987
        IDFRAX4RTBPFW46<<<<<<<<<<<<<<<
        8705041F3305044FRA<<<<<<<<<<<6
        DUPONT<<MARIE<CLAIRE<<<<<<<<<<""",
    "rib": """RELEVÉ D'IDENTITÉ BANCAIRE  La Banque Postale
        Titulaire du compte : M. Jean MARTIN  Domiciliation : La Banque Postale Lyon
        Code banque 20041  Code guichet 01007  N° de compte 1234567A038  Clé RIB 42
        IBAN FR76 2004 1010 0712 3456 7A03 842  BIC PSSTFRPPLYO""",
    "courrier": """Monsieur le Maire,
        Je me permets de vous écrire au sujet du stationnement devant l'école de mes enfants,
        qui devient dangereux aux heures de sortie. Serait-il possible d'installer un
        ralentisseur ou de prévoir la présence d'un agent ?
        Je vous prie d'agréer, Monsieur le Maire, l'expression de mes salutations distinguées.
        Paul Lemoine""",
}


@pytest.fixture(scope="module")
def model() -> DocTypeModel:
    return load_model()


def test_shipped_model_loads_with_its_versions(model: DocTypeModel) -> None:
    assert shipped_model_path().is_file()
    assert model.header.sklearn_version == sklearn.__version__
    assert sorted(model.labels) == sorted(DOC_LABELS)
    assert model.header.metrics is not None and model.header.metrics["macro_f1"] > 0.9
    assert {"mrz", "2ddoc", "format:id1"} <= set(model.header.cues)


@pytest.mark.parametrize("label", sorted(CLEAR_TEXTS))
def test_clear_texts_are_classified_with_confidence(model: DocTypeModel, label: str) -> None:
    decision = classify_text(CLEAR_TEXTS[label], model)
    assert decision.label == label, decision
    assert not decision.needs_review, decision
    assert 0.6 <= decision.confidence <= 1.0


def test_explanation_terms_are_in_the_text(model: DocTypeModel) -> None:
    text = CLEAR_TEXTS["facture_energie"]
    decision = classify_text(text, model)
    terms = [re.fullmatch(r'"(.+)" \(\+(\d+\.\d\d)\)', reason) for reason in decision.explanation]
    assert terms and all(terms), decision.explanation
    for match in terms:
        assert match is not None
        assert match.group(1).lower() in text.lower()
    weights = [float(match.group(2)) for match in terms if match]
    assert weights == sorted(weights, reverse=True)


@pytest.mark.parametrize(
    "text", ["", "   \n\t ", "12/03/2025 4521 00", "Bonjour.", "---- p. 2 ----"]
)
def test_empty_or_near_empty_text_abstains(model: DocTypeModel, text: str) -> None:
    decision = classify_text(text, model)
    assert decision.label == "autre"
    assert decision.confidence == 0.0
    assert decision.needs_review
    assert decision.explanation == [EMPTY_TEXT]


def test_random_words_go_to_review_as_autre(model: DocTypeModel) -> None:
    text = (
        "girafe parapluie concerto maritime escalier violette tambour lointain sablier "
        "horizon pingouin cerisier boussole nuage dentelle"
    )
    decision = classify_text(text, model)
    assert decision.label == "autre" and decision.needs_review
    assert "vérification humaine" in decision.explanation[0]
    assert "Types les plus proches" in decision.explanation[0]


def test_threshold_is_a_parameter(model: DocTypeModel) -> None:
    text = CLEAR_TEXTS["rib"]
    assert classify_text(text, model, threshold=1.01).needs_review
    assert not classify_text(text, model, threshold=0.0).needs_review


def test_missing_model_degrades_to_review(tmp_path: object) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    assert load_model_or_none(tmp_path / "absent.pkl.gz") is None
    decision = classify_text(CLEAR_TEXTS["rib"], None)
    assert (decision.label, decision.confidence, decision.needs_review) == ("autre", 0.0, True)
    assert decision.explanation == [NO_MODEL]
