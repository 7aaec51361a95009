"""The document type when the document proves it: a valid MRZ or a 2D-Doc says what it is.

A machine-readable zone whose check digits hold names its kind of document (``P`` a
passport, ``ID`` from France an identity card...), and a 2D-Doc's document type names
its own. Such a cue settles the type whatever the words of the page suggest (a
passport page's text reads like nothing the text model has seen). Two cues that
disagree settle nothing: the text model's decision stands, sent to review.
"""

from __future__ import annotations

from dataclasses import dataclass

from paperasse.models.domain import Decision

CERTAIN_CONFIDENCE = 0.99


@dataclass(frozen=True)
class TypeCue:
    """A document type proven by something read on the document, and what proved it."""

    label: str
    reason: str


def decide_type(text_decision: Decision, cues: list[TypeCue]) -> Decision:
    """The text model's decision, overruled by cues that agree on one type."""
    labels = {cue.label for cue in cues}
    if not labels:
        return text_decision
    if len(labels) > 1:
        shown = ", ".join(sorted(labels))
        return text_decision.model_copy(
            update={
                "needs_review": True,
                "explanation": [
                    f"Indices contradictoires sur le document ({shown}) : vérification "
                    "humaine nécessaire.",
                    *text_decision.explanation,
                ],
            }
        )
    label = labels.pop()
    reasons = [cue.reason for cue in cues]
    if text_decision.label != label:
        reasons.append(
            f"Le texte seul suggérait {text_decision.label} ({text_decision.confidence:.2f})."
        )
    return Decision(
        label=label, confidence=CERTAIN_CONFIDENCE, needs_review=False, explanation=reasons
    )
