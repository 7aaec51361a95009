"""Service routing on letters written by hand for these tests, not from the generator."""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.classify.triage import (
    UNDETERMINED,
    ServiceModel,
    load_default_service_model,
    triage,
)

RECEIVED = dt.date(2026, 3, 10)

# Each letter is phrased differently from the generator's templates: other topics,
# other wording, other registers (SMS-like, legal, administrative, handwritten).
LETTERS: list[tuple[str, str]] = [
    (
        "etat_civil",
        "Bonjour, ma fille Léna est née le 2 février à la clinique Saint-Jean. Sur la copie "
        "que j'ai reçue, le deuxième prénom est écrit « Maëlle » sans tréma. Comment faire "
        "corriger son acte ? Merci, Sophie Garnier",
    ),
    (
        "etat_civil",
        "Monsieur le Maire, nous avons l'intention de nous unir en juin 2027. Ma future "
        "épouse réside à Lyon : pouvons-nous célébrer notre union dans votre commune, où "
        "vivent mes parents ? Quels témoins faut-il prévoir ? Respectueusement, Karim Haddad",
    ),
    (
        "urbanisme",
        "Madame la Maire, j'ai le projet d'agrandir ma maison par une chambre au rez-de-"
        "chaussée d'environ 25 m². Le terrain est en zone pavillonnaire. Dois-je déposer un "
        "permis de construire ou une déclaration préalable ? Je peux passer en mairie avec "
        "les croquis. Cordialement, Thierry Lemoine",
    ),
    (
        "urbanisme",
        "Maître Berthier, avocat au barreau de Bordeaux. Pour le compte de M. et Mme Roux, "
        "je vous adresse un recours gracieux contre l'arrêté du 4 janvier 2026 autorisant "
        "l'édification d'un immeuble de quatre étages en limite de leur jardin, en violation "
        "des règles de hauteur du plan local d'urbanisme.",
    ),
    (
        "education",
        "Bonjour, nous arrivons de Nantes fin août avec nos jumeaux de 7 ans. Ils iront en "
        "CE1 : pouvez-vous nous dire quelle est notre école de rattachement rue des "
        "Acacias et s'il reste de la place à la cantine le midi ? Merci ! Julie et Marc",
    ),
    (
        "education",
        "Madame l'adjointe, les parents élus de l'école Pasteur regrettent que l'accueil du "
        "soir ferme à 18 heures. Beaucoup d'entre nous travaillent à la ville voisine. "
        "Pourrait-on prolonger la garderie jusqu'à 18h45 l'an prochain ?",
    ),
    (
        "social",
        "Madame, Monsieur, mon mari est parti et je me retrouve seule avec trois enfants et "
        "un loyer de 750 euros. Je n'arrive plus à payer l'électricité. Est-ce que le CCAS "
        "peut m'aider ou me dire à qui m'adresser ? Mme Fatou Diallo",
    ),
    (
        "social",
        "Je me permets de vous écrire pour ma voisine, Mme Perrin, 91 ans, qui ne sort plus "
        "de chez elle depuis sa chute. Elle ne mange presque plus. Existe-t-il un service "
        "de repas livrés pour les personnes âgées dans la commune ?",
    ),
    (
        "elections",
        "Bonjour, je pars en mission au Canada de mars à juin et je ne pourrai pas voter en "
        "personne. Ma sœur habite la commune : peut-elle voter à ma place ? Faut-il passer "
        "à la gendarmerie ? Bien cordialement, Hugo Mercier",
    ),
    (
        "elections",
        "Monsieur le Maire, ayant emménagé au 3 allée des Cerisiers en septembre, je "
        "souhaite pouvoir voter dans votre commune aux municipales. Vous trouverez ci-joint "
        "ma pièce d'identité et une quittance de loyer. Clara Vidal",
    ),
    (
        "finances",
        "SARL Bâti-Services, 12 zone artisanale, 33500 Libourne. Mairie de Saint-Émilion, "
        "service comptabilité. Facture n° F-2026-0312 : réfection des peintures de la "
        "salle du conseil, 4 200,00 € HT, TVA 840,00 €, total 5 040,00 € TTC. Paiement à "
        "30 jours par virement.",
    ),
    (
        "finances",
        "Le club de rugby sollicite pour la saison prochaine une aide de la commune de "
        "2 500 euros afin d'acheter des maillots et de financer les déplacements des "
        "équipes jeunes. Le bilan comptable et le budget prévisionnel sont joints.",
    ),
    (
        "technique",
        "Bonsoir, depuis la tempête de dimanche, un poteau est couché en travers du "
        "chemin de la Croix et la route est coupée aux voitures. Pouvez-vous envoyer "
        "quelqu'un pour dégager ? Merci, un habitant du hameau des Granges",
    ),
    (
        "technique",
        "Madame la Maire, la rue Victor Hugo est éclairée par des lampes qui s'allument en "
        "plein jour et s'éteignent la nuit depuis une semaine. Par ailleurs le trottoir "
        "devant le numéro 8 est soulevé par les racines et des personnes âgées ont trébuché.",
    ),
    (
        "cabinet",
        "Monsieur le Maire, à l'occasion de ses 40 ans, le club de pétanque organise un "
        "tournoi suivi d'un vin d'honneur. Nous serions très heureux que vous soyez parmi "
        "nous pour dire quelques mots. Amicalement, le bureau du club",
    ),
    (
        "cabinet",
        "Monsieur le Maire, je suis scandalisé par la manière dont j'ai été reçu à l'accueil "
        "de la mairie jeudi dernier : l'agent m'a parlé de façon méprisante. J'attends des "
        "excuses et je souhaite vous rencontrer personnellement.",
    ),
]


@pytest.fixture(scope="module")
def model() -> ServiceModel:
    loaded = load_default_service_model()
    assert loaded is not None, "the shipped service model must load"
    return loaded


@pytest.mark.parametrize(
    ("expected", "text"), LETTERS, ids=[f"{s}-{i}" for i, (s, _) in enumerate(LETTERS)]
)
def test_each_service_is_routed_from_a_new_letter(
    model: ServiceModel, expected: str, text: str
) -> None:
    result = triage(text, doc_type=None, received=RECEIVED, model=model)
    assert result.service.label == expected, result.service.explanation
    assert result.service.explanation[0].startswith(f"service proposé : {expected}")
    assert 0.0 < result.service.confidence <= 1.0


def test_every_service_is_covered_by_the_hand_written_letters() -> None:
    assert {service for service, _ in LETTERS} == set(load_services())


def load_services() -> list[str]:
    from paperasse.classify.triage.cues import SERVICES

    return list(SERVICES)


def test_explanation_quotes_the_keywords(model: ServiceModel) -> None:
    text = (
        "Monsieur le Maire, suite au refus de mon permis de construire, je dépose une "
        "déclaration préalable pour un projet réduit à 18 m²."
    )
    service = triage(text, doc_type=None, received=RECEIVED, model=model).service
    assert service.label == "urbanisme"
    assert 'mots-clés : "permis de construire", "déclaration préalable"' in service.explanation
    assert any(line.startswith("modèle statistique : urbanisme") for line in service.explanation)


def test_keywords_survive_ocr_noise(model: ServiceModel) -> None:
    noisy = "Dernande de perrnis de construlre pour un garage, parce1le AB 112. Cordia1ement"
    service = triage(noisy, doc_type=None, received=RECEIVED, model=model).service
    assert service.label == "urbanisme"
    assert any('"permis de construire"' in line for line in service.explanation)


@pytest.mark.parametrize("text", ["", "   \n\t  ", "\x0c"])
def test_empty_text_abstains_even_with_a_document_type(model: ServiceModel, text: str) -> None:
    result = triage(text, doc_type="acte_naissance", received=RECEIVED, model=model)
    assert result.service.label == UNDETERMINED
    assert result.service.needs_review and result.needs_review
    assert result.service.confidence == 0.0
    assert "texte vide" in result.service.explanation[0]


def test_telling_document_type_settles_an_ambiguous_text(model: ServiceModel) -> None:
    text = "Ci-joint le document demandé. Cordialement."
    result = triage(text, doc_type="acte_naissance", received=RECEIVED, model=model)
    assert result.service.label == "etat_civil"
    assert any("acte_naissance" in line for line in result.service.explanation)
    school = triage(text, doc_type="certificat_scolarite", received=RECEIVED, model=model)
    assert school.service.label == "education"


def test_supplier_invoice_goes_to_finances_but_a_citizen_bill_does_not(
    model: ServiceModel,
) -> None:
    supplier = "EDF Collectivités. Client : Commune de Blaye, éclairage du stade. Échéance 12/04."
    decision = triage(supplier, doc_type="facture_electricite", received=RECEIVED, model=model)
    assert decision.service.label == "finances"
    assert any("facture fournisseur" in line for line in decision.service.explanation)
    citizen = (
        "Je vous envoie ma facture d'électricité comme justificatif de domicile pour "
        "inscrire mon fils à l'école maternelle en petite section."
    )
    decision = triage(citizen, doc_type="facture_electricite", received=RECEIVED, model=model)
    assert decision.service.label == "education"
    assert any("indice faible" in line for line in decision.service.explanation)


def test_cerfa_form_is_routed_by_its_number(model: ServiceModel) -> None:
    text = "CERFA N° 12669*03 Demande d'inscription. Nom : DUPUIS. Prénom : Anne."
    result = triage(text, doc_type="formulaire_cerfa", received=RECEIVED, model=model)
    assert result.service.label == "elections"
    assert any('"cerfa 12669"' in line for line in result.service.explanation)


def test_low_confidence_is_sent_to_review(model: ServiceModel) -> None:
    text = "Bonjour, pouvez-vous me rappeler ? Merci."
    result = triage(text, doc_type=None, received=RECEIVED, model=model, review_threshold=0.99)
    assert result.service.needs_review and result.needs_review
    assert any("sous le seuil 99 %" in line for line in result.service.explanation)
