"""Priority rules: urgent and low cues, named in the explanation, tolerant of OCR noise."""

from __future__ import annotations

import datetime as dt

import pytest

from paperasse.classify.triage import classify_priority, triage
from paperasse.classify.triage.dates import stated_deadline
from paperasse.classify.triage.text import fold

RECEIVED = dt.date(2026, 3, 10)


def priority_of(text: str, received: dt.date = RECEIVED) -> tuple[str, float, list[str]]:
    folded = fold(text)
    decision = classify_priority(
        folded, received=received, stated=stated_deadline(folded, received)
    )
    return decision.label, decision.confidence, decision.explanation


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Nous vous mettons en demeure de procéder au paiement des sommes dues.",
            "mise_en_demeure",
        ),
        ("MISE EN DCMEURE de faire cesser le trouble, lettre recommandée.", "mise_en_demeure"),
        (
            "Par la présente, je forme un recours gracieux contre la délibération du 3 février.",
            "recours",
        ),
        (
            "Le greffe vous notifie la requête enregistrée au tribunal administratif de Lyon.",
            "juridiction",
        ),
        ("Requête en référé-suspension contre l'arrêté municipal.", "refere"),
        ("Le plafond de la classe menace de s'effondrer, des fissures apparaissent.", "peril"),
        ("Arrêté de péril imminent concernant l'immeuble du 4 rue Haute.", "peril"),
        ("Le vieux chêne au bord de l'école menace de tomber sur la cour.", "arbre_menacant"),
        ("Forte odeur de gaz devant la salle des fêtes ce matin !", "gaz"),
        ("Les fils électriques à nu sur le poteau sont dangereux pour les enfants.", "danger"),
        (
            "Au titre du contrôle de légalité, je vous demande de retirer la délibération.",
            "controle_legalite",
        ),
    ],
)
def test_urgent_cues_name_the_rule_that_fired(text: str, rule: str) -> None:
    label, confidence, explanation = priority_of(text)
    assert label == "urgent"
    assert any(f"« {rule} »" in line for line in explanation), explanation
    assert confidence >= 0.6


def test_several_urgent_cues_raise_confidence() -> None:
    _, one, _ = priority_of("Je forme un recours gracieux contre le permis.")
    _, two, _ = priority_of(
        "Je forme un recours gracieux et, à défaut, je saisirai le tribunal administratif."
    )
    _, weak, _ = priority_of("C'est urgent, merci de me rappeler.")
    assert weak < one < two


def test_hearing_within_days_is_urgent() -> None:
    text = "Vous êtes convoqué à l'audience publique du 16 mars 2026 à 9h30."
    label, _, explanation = priority_of(text)
    assert label == "urgent"
    assert any("echeance_proche" in line for line in explanation)


def test_short_deadline_stated_in_the_letter_is_urgent() -> None:
    label, _, explanation = priority_of("Merci de nous répondre sous huitaine.")
    assert label == "urgent"
    assert any("echeance_proche" in line and "sous huitaine" in line for line in explanation)


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        (
            "Découvrez nos nouvelles balayeuses ! Offre spéciale collectivités jusqu'à -20 %.",
            "publicite",
        ),
        (
            "Newsletter des maires ruraux n° 84. Pour vous désinscrire, cliquez ici.",
            "lettre_information",
        ),
        (
            "Le Rotary club a le plaisir de vous inviter à son dîner de gala le 20 juin 2026.",
            "invitation_lointaine",
        ),
    ],
)
def test_low_priority_cues(text: str, rule: str) -> None:
    label, _, explanation = priority_of(text)
    assert label == "basse"
    assert any(f"« {rule} »" in line for line in explanation), explanation


def test_invitation_soon_stays_normal() -> None:
    text = "Nous avons le plaisir de vous inviter à l'inauguration de la crèche le 18 mars 2026."
    label, _, _ = priority_of(text)
    assert label == "normale"


def test_urgency_wins_over_advertising_with_less_confidence() -> None:
    label, confidence, explanation = priority_of(
        "Promotion sur nos détecteurs : une fuite de gaz peut tuer !"
    )
    _, plain_confidence, _ = priority_of("Il y a une fuite de gaz rue Haute.")
    assert label == "urgent"
    assert confidence < plain_confidence
    assert any("contradictoires" in line for line in explanation)


def test_ordinary_letter_is_normal_with_a_reason() -> None:
    label, _, explanation = priority_of(
        "Bonjour, je souhaite connaître les horaires d'ouverture de la médiathèque."
    )
    assert label == "normale"
    assert "aucun indice" in explanation[0]


def test_triage_needs_review_when_priority_is_unsure() -> None:
    result = triage(
        "Urgent : pouvez-vous me rappeler ?",
        doc_type=None,
        received=RECEIVED,
        model=None,
        review_threshold=0.7,
    )
    assert result.priority.label == "urgent"
    assert result.priority.needs_review
    assert result.needs_review


@pytest.mark.parametrize(
    "text",
    [
        "Les jeux installés au square sont sans danger, merci pour ces travaux.",
        "Il n'y a aucun danger, mais pouvez-vous repeindre le banc ?",
    ],
)
def test_negated_danger_is_not_urgent(text: str) -> None:
    label, _, _ = priority_of(text)
    assert label == "normale"


def test_appeal_rights_footer_is_not_an_appeal() -> None:
    decision = (
        "Arrêté n° 2026-45 portant autorisation d'occupation du domaine public pour une "
        "terrasse. Article 3 : le présent arrêté peut faire l'objet d'un recours contentieux "
        "devant le tribunal administratif de Bordeaux dans un délai de deux mois à compter "
        "de sa notification."
    )
    result = triage(decision, doc_type=None, received=RECEIVED, model=None)
    assert result.priority.label == "normale"
    assert any("voies et délais de recours" in line for line in result.priority.explanation)
    appeal = "Je forme un recours contentieux devant le tribunal administratif contre cet arrêté."
    assert priority_of(appeal)[0] == "urgent"
