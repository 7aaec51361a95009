"""Score a document-type model on labelled texts: per type and overall."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from paperasse.training.corpus.types import LabelledText

if TYPE_CHECKING:
    from paperasse.classify.model.core import DocTypeModel


class TypeScore(BaseModel):
    """Precision, recall and F1 of one document type."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int


class EvalReport(BaseModel):
    """How well a model classifies a set of labelled texts.

    ``review_rate`` is the share sent to review (confidence below ``threshold``,
    ``autre`` or empty text); ``accuracy_confident`` is the accuracy on the others,
    the documents that would be filed without a human look. ``unreadable`` is the
    share of texts too short to classify (the reading got nothing), and
    ``accuracy_by_source`` splits the accuracy by how the document came (born
    digital, scanned, photographed).
    """

    documents: int
    macro_f1: float
    accuracy: float
    threshold: float
    review_rate: float
    accuracy_confident: float
    unreadable: float = 0.0
    macro_f1_readable: float = 0.0
    accuracy_by_source: dict[str, float] = Field(default_factory=dict)
    per_type: list[TypeScore]

    def summary(self) -> dict[str, Any]:
        """The figures worth keeping in a model header."""
        return {
            "heldout_documents": self.documents,
            "macro_f1": round(self.macro_f1, 4),
            "accuracy": round(self.accuracy, 4),
            "threshold": self.threshold,
            "review_rate": round(self.review_rate, 4),
            "accuracy_confident": round(self.accuracy_confident, 4),
            "unreadable": round(self.unreadable, 4),
            "macro_f1_readable": round(self.macro_f1_readable, 4),
            "accuracy_by_source": {k: round(v, 4) for k, v in self.accuracy_by_source.items()},
            "per_type_f1": {score.label: round(score.f1, 4) for score in self.per_type},
        }


def evaluate(
    model: DocTypeModel,
    heldout: Sequence[LabelledText],
    *,
    threshold: float = 0.6,
    use_cues: bool = True,
) -> EvalReport:
    """Classify every text (with its layout cues) with ``classify_text``, compare with its label.

    Abstentions count as what they answer, ``autre``: right for a negative, an error
    for a document of a known type, which the model did not file.
    """
    from paperasse.classify.model.features import letter_count
    from paperasse.classify.model.predict import MIN_LETTERS, classify_text

    decisions = [
        classify_text(text.text, model, cues=text.cues if use_cues else (), threshold=threshold)
        for text in heldout
    ]
    truth = [text.label for text in heldout]
    predicted = [decision.label for decision in decisions]
    labels = sorted(set(truth))
    scores = [_score(label, truth, predicted) for label in labels]
    confident = [(d.label, t) for d, t in zip(decisions, truth, strict=True) if not d.needs_review]
    count = max(1, len(heldout))
    kept = [letter_count(text.text) >= MIN_LETTERS for text in heldout]
    kept_truth = [t for t, keep in zip(truth, kept, strict=True) if keep]
    kept_predicted = [p for p, keep in zip(predicted, kept, strict=True) if keep]
    readable_scores = [_score(label, kept_truth, kept_predicted) for label in labels]
    by_source: dict[str, list[bool]] = {}
    for text, guess in zip(heldout, predicted, strict=True):
        by_source.setdefault(text.source, []).append(guess == text.label)
    return EvalReport(
        documents=len(heldout),
        macro_f1=sum(score.f1 for score in scores) / max(1, len(scores)),
        accuracy=sum(p == t for p, t in zip(predicted, truth, strict=True)) / count,
        threshold=threshold,
        review_rate=1 - len(confident) / count,
        accuracy_confident=sum(p == t for p, t in confident) / max(1, len(confident)),
        unreadable=sum(letter_count(t.text) < MIN_LETTERS for t in heldout) / count,
        macro_f1_readable=sum(s.f1 for s in readable_scores) / max(1, len(readable_scores)),
        accuracy_by_source={k: sum(v) / len(v) for k, v in sorted(by_source.items())},
        per_type=scores,
    )


def _score(label: str, truth: list[str], predicted: list[str]) -> TypeScore:
    pairs = list(zip(truth, predicted, strict=True))
    hits = sum(1 for t, p in pairs if t == label and p == label)
    said = sum(1 for _, p in pairs if p == label)
    support = sum(1 for t, _ in pairs if t == label)
    precision = hits / said if said else 0.0
    recall = hits / support if support else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return TypeScore(label=label, precision=precision, recall=recall, f1=f1, support=support)


def format_report(report: EvalReport) -> str:
    """The report as a plain-text table, one line per type, then the totals."""
    width = max([len(score.label) for score in report.per_type] + [len("type")])
    lines = [f"{'type':<{width}}  précision  rappel     F1  support"]
    for score in report.per_type:
        lines.append(
            f"{score.label:<{width}}  {score.precision:9.3f}  {score.recall:6.3f}  "
            f"{score.f1:5.3f}  {score.support:7d}"
        )
    lines += [
        "",
        f"macro-F1 {report.macro_f1:.4f}   exactitude {report.accuracy:.4f}   "
        f"documents {report.documents}",
        f"envoyés en vérification (confiance < {report.threshold:.2f} ou « autre ») : "
        f"{report.review_rate:.1%}   "
        f"exactitude des autres : {report.accuracy_confident:.4f}",
        f"illisibles (texte vide) : {report.unreadable:.1%}   macro-F1 sur les lisibles : "
        f"{report.macro_f1_readable:.4f}   exactitude par source : "
        + ", ".join(f"{k} {v:.3f}" for k, v in report.accuracy_by_source.items()),
    ]
    return "\n".join(lines)
