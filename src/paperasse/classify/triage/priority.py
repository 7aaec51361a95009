"""How urgently a letter must be handled: ``urgent``, ``normale`` or ``basse``.

Named rules, written in plain French and matched with OCR tolerance, so that the
explanation can say which rule fired on which words. Urgency wins over low priority:
missing a formal notice costs far more than reading an advert twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from paperasse.classify.triage.dates import StatedDeadline, find_dates
from paperasse.classify.triage.text import first_match, percent, strip_appeal_notice
from paperasse.models.domain import Decision

URGENT = "urgent"
NORMAL = "normale"
LOW = "basse"

NEAR_DEADLINE_DAYS = 10
NEAR_HEARING_DAYS = 15
FAR_INVITATION_DAYS = 30


@dataclass(frozen=True)
class PriorityRule:
    """A named cue: its name is quoted in explanations, its weight adds to the score."""

    name: str
    title: str
    phrases: tuple[str, ...]
    weight: float


URGENT_RULES: tuple[PriorityRule, ...] = (
    PriorityRule(
        "mise_en_demeure",
        "mise en demeure",
        (
            "mise en demeure",
            "mis en demeure",
            "met en demeure",
            "mettre en demeure",
            "mettons en demeure",
            "mets en demeure",
        ),
        1.0,
    ),
    PriorityRule(
        "recours",
        "recours contre une décision",
        (
            "recours gracieux",
            "recours contentieux",
            "recours hiérarchique",
            "requête en annulation",
            "requête introductive",
        ),
        1.0,
    ),
    PriorityRule(
        "juridiction",
        "saisine d'une juridiction",
        (
            "tribunal administratif",
            "cour administrative d'appel",
            "conseil d'état",
            "greffe du tribunal",
            "tribunal judiciaire",
        ),
        1.0,
    ),
    PriorityRule(
        "refere",
        "procédure de référé",
        ("référé-suspension", "référé-liberté", "en référé", "juge des référés"),
        1.0,
    ),
    PriorityRule(
        "peril",
        "péril ou effondrement",
        ("péril", "effondr*", "s'écroul*", "menace de s'écrouler", "mise en sécurité"),
        1.0,
    ),
    PriorityRule(
        "arbre_menacant",
        "arbre ou branche menaçant de tomber",
        (
            "menace de tomber",
            "menace de s'abattre",
            "risque de tomber",
            "risque de chute",
            "prêt à tomber",
            "penche dangereusement",
        ),
        1.0,
    ),
    PriorityRule("gaz", "fuite ou odeur de gaz", ("fuite de gaz", "odeur de gaz"), 1.0),
    PriorityRule(
        "danger",
        "danger pour les personnes",
        ("danger*", "blessé*", "électrocut*", "fils électriques à nu", "câble arraché"),
        0.75,
    ),
    PriorityRule(
        "convocation",
        "convocation ou audience",
        (
            "convocation",
            "vous êtes convoqué*",
            "audience publique",
            "audience du",
            "audience qui se tiendra",
            "comparaître",
        ),
        0.75,
    ),
    PriorityRule(
        "controle_legalite",
        "demande du préfet au titre du contrôle de légalité",
        ("contrôle de légalité", "déféré préfectoral", "lettre d'observations"),
        1.0,
    ),
    PriorityRule(
        "mention_urgence",
        "urgence signalée par l'expéditeur",
        ("urgent*", "dans les plus brefs délais", "au plus vite", "sans délai"),
        0.5,
    ),
)

LOW_RULES: tuple[PriorityRule, ...] = (
    PriorityRule(
        "publicite",
        "publicité ou démarchage commercial",
        (
            "offre promotionnelle",
            "promotion",
            "remise exceptionnelle",
            "offre spéciale",
            "offre exclusive",
            "découvrez nos",
            "tarif préférentiel",
            "catalogue",
            "publicité",
            "démonstration gratuite",
            "essai gratuit",
        ),
        1.0,
    ),
    PriorityRule(
        "lettre_information",
        "lettre d'information sans demande",
        (
            "newsletter",
            "lettre d'information",
            "se désabonner",
            "désinscri*",
            "à titre d'information",
            "à titre informatif",
            "pour information",
        ),
        0.75,
    ),
)

INVITATION_PHRASES = ("invitation", "vous inviter", "vous convier", "avons le plaisir de vous")


@dataclass
class _Score:
    urgent: float = 0.0
    low: float = 0.0
    reasons: list[str] = field(default_factory=list)


def _apply(rules: tuple[PriorityRule, ...], folded: str, score: _Score, *, urgent: bool) -> None:
    for rule in rules:
        # "sans danger", "aucune urgence": a negated urgent cue is no cue at all.
        phrase = first_match(folded, rule.phrases, skip_negated=urgent)
        if phrase is None:
            continue
        if urgent:
            score.urgent += rule.weight
        else:
            score.low += rule.weight
        score.reasons.append(f'règle « {rule.name} » ({rule.title}) : "{phrase}"')


def _near_deadline(
    folded: str, received: dt.date, stated: StatedDeadline | None, score: _Score
) -> None:
    if stated is not None and (stated.due - received).days <= NEAR_DEADLINE_DAYS:
        score.urgent += 0.75
        score.reasons.append(
            f"règle « echeance_proche » (délai de quelques jours) : "
            f'"{stated.quote}" → {stated.due.isoformat()}'
        )
        return
    hearing = first_match(folded, ("convocation", "convoqué*", "audience", "comparaître"))
    if hearing is None:
        return
    soon = [
        d for d in find_dates(folded, received) if 0 <= (d - received).days <= NEAR_HEARING_DAYS
    ]
    if soon:
        score.urgent += 0.75
        score.reasons.append(
            f"règle « echeance_proche » (convocation dans les {NEAR_HEARING_DAYS} jours) : "
            f"{min(soon).isoformat()}"
        )


def _far_invitation(folded: str, received: dt.date, score: _Score) -> None:
    if first_match(folded, INVITATION_PHRASES) is None:
        return
    future = [d for d in find_dates(folded, received) if d >= received]
    if future and (min(future) - received).days >= FAR_INVITATION_DAYS:
        score.low += 0.75
        score.reasons.append(
            f"règle « invitation_lointaine » (événement à plus de {FAR_INVITATION_DAYS} "
            f"jours) : {min(future).isoformat()}"
        )


def _decide(score: _Score, review_threshold: float) -> Decision:
    if score.urgent > 0:
        confidence = min(0.97, 0.45 + 0.3 * score.urgent)
        if score.low > 0:
            confidence -= 0.15
            score.reasons.append("indices contradictoires : l'urgence l'emporte par prudence")
        label = URGENT
    elif score.low > 0:
        label, confidence = LOW, min(0.95, 0.5 + 0.3 * score.low)
    else:
        label, confidence = NORMAL, 0.7
        score.reasons.append("aucun indice d'urgence ni de faible priorité : priorité normale")
    confidence = round(confidence, 3)
    needs_review = confidence < review_threshold
    if needs_review:
        score.reasons.append(
            f"confiance {percent(confidence)} sous le seuil {percent(review_threshold)} : "
            "à vérifier"
        )
    return Decision(
        label=label, confidence=confidence, needs_review=needs_review, explanation=score.reasons
    )


def classify_priority(
    folded: str,
    *,
    received: dt.date,
    stated: StatedDeadline | None,
    review_threshold: float = 0.6,
) -> Decision:
    """Decide the priority of a letter from its folded text, with the rules that fired.

    ``stated`` is the deadline the letter sets, if any: one within a few days makes
    the letter urgent. An empty text gives ``normale`` flagged for review.
    """
    if not folded.strip():
        return Decision(
            label=NORMAL,
            confidence=0.0,
            needs_review=True,
            explanation=["texte vide : priorité inconnue, un agent doit lire le document"],
        )
    score = _Score()
    folded, had_notice = strip_appeal_notice(folded)
    if had_notice:
        score.reasons.append("mention des voies et délais de recours ignorée (simple information)")
    _apply(URGENT_RULES, folded, score, urgent=True)
    _near_deadline(folded, received, stated, score)
    _apply(LOW_RULES, folded, score, urgent=False)
    _far_invitation(folded, received, score)
    return _decide(score, review_threshold)
