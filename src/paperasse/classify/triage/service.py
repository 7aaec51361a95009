"""Which service must answer a letter: rules and the statistical model, explained.

The model gives calibrated probabilities; the keyword rules and the document type
add evidence that an agent can read. When no model is usable, the rules decide alone
and anything they do not settle goes to a person.
"""

from __future__ import annotations

from paperasse.classify.triage.model import ServiceModel
from paperasse.classify.triage.rules import RuleEvidence, service_evidence
from paperasse.classify.triage.text import percent
from paperasse.models.domain import Decision

UNDETERMINED = "non_determine"
# Share of the final score given to the rules: a quarter per strong cue, at most half.
RULE_WEIGHT_PER_CUE = 0.25
RULE_WEIGHT_MAX = 0.5


def _quote(cues: list[str]) -> str:
    return ", ".join(f'"{c}"' for c in cues)


def _cue_lines(evidence: RuleEvidence, label: str) -> list[str]:
    lines: list[str] = []
    if evidence.cues.get(label):
        lines.append(f"mots-clés : {_quote(evidence.cues[label])}")
    others = [f"{s} ({_quote(evidence.cues[s])})" for s, _ in evidence.ranked() if s != label]
    if others:
        lines.append("autres indices : " + " ; ".join(others))
    return lines + evidence.notes


def _review_line(confidence: float, threshold: float) -> str:
    return (
        f"confiance {percent(confidence)} sous le seuil {percent(threshold)} : "
        "un agent doit choisir le service"
    )


def _abstain(doc_type: str | None) -> Decision:
    explanation = [
        "texte vide ou illisible : aucun service n'est proposé, un agent doit lire le document"
    ]
    if doc_type:
        explanation.append(f"type de document annoncé : « {doc_type} » (non utilisé sans texte)")
    return Decision(label=UNDETERMINED, confidence=0.0, needs_review=True, explanation=explanation)


def _rules_only(evidence: RuleEvidence, threshold: float) -> Decision:
    explanation = ["modèle statistique indisponible : décision sur les seules règles"]
    ranked = evidence.ranked()
    if not ranked:
        explanation.append("aucun mot-clé reconnu : un agent doit choisir le service")
        return Decision(
            label=UNDETERMINED, confidence=0.0, needs_review=True, explanation=explanation
        )
    label, score = ranked[0]
    share = evidence.shares()[label]
    decisive = evidence.decisive() == label
    # Decisive rules start at 0.6 and grow with evidence; the rest stay below review.
    strength = 0.6 + 0.35 * share * min(1.0, score / 3.0) if decisive else 0.5 * share
    confidence = round(strength, 3)
    needs_review = not decisive or confidence < threshold
    explanation.insert(0, f"service proposé : {label} (confiance {percent(confidence)})")
    explanation += _cue_lines(evidence, label)
    if not decisive:
        explanation.append("règles non décisives : un agent doit choisir le service")
    elif needs_review:
        explanation.append(_review_line(confidence, threshold))
    return Decision(
        label=label, confidence=confidence, needs_review=needs_review, explanation=explanation
    )


def _with_model(
    folded: str, evidence: RuleEvidence, model: ServiceModel, threshold: float
) -> Decision:
    probs = model.predict_proba(folded)
    rule_weight = min(RULE_WEIGHT_MAX, RULE_WEIGHT_PER_CUE * evidence.total)
    shares = evidence.shares()
    combined = {
        s: (1 - rule_weight) * p + rule_weight * shares.get(s, 0.0) for s, p in probs.items()
    }
    label = max(combined, key=lambda s: combined[s])
    confidence = round(combined[label], 3)
    needs_review = confidence < threshold
    top = sorted(probs.items(), key=lambda kv: -kv[1])[:3]
    explanation = [f"service proposé : {label} (confiance {percent(confidence)})"]
    explanation += _cue_lines(evidence, label)
    explanation.append("modèle statistique : " + ", ".join(f"{s} {percent(p)}" for s, p in top))
    terms = model.top_terms(folded, label)
    if terms:
        explanation.append(f"termes qui ont pesé : {_quote(terms)}")
    if needs_review:
        explanation.append(_review_line(confidence, threshold))
    return Decision(
        label=label, confidence=confidence, needs_review=needs_review, explanation=explanation
    )


def classify_service(
    folded: str,
    *,
    doc_type: str | None,
    model: ServiceModel | None,
    review_threshold: float = 0.6,
) -> Decision:
    """Decide the service for a folded text; never guesses on an empty text.

    ``model=None`` means rules only: the decision then needs review unless a rule
    settles it (a strong cue with no competing service, or a telling document type).
    """
    if not folded.strip():
        return _abstain(doc_type)
    evidence = service_evidence(folded, doc_type)
    if model is None:
        return _rules_only(evidence, review_threshold)
    return _with_model(folded, evidence, model, review_threshold)
