"""Train, evaluate and ship the service model (needs the ``corpus`` extra: Faker).

    python -m paperasse.training.triage_train             # retrain the shipped file, evaluate
    python -m paperasse.training.triage_train --no-write  # held-out figures only

The shipped model is trained on every template. The figures come from a second model
trained on three of every four body templates (and service sentences) per service and
scored on the fourth, never seen in training, generated with another seed.
"""

from __future__ import annotations

import argparse
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sklearn
from sklearn.metrics import precision_recall_fscore_support
from sklearn.pipeline import Pipeline

from paperasse.classify.triage.cues import SERVICES
from paperasse.classify.triage.model import (
    FORMAT_VERSION,
    ModelInfo,
    ServiceModel,
    build_pipeline,
    default_model_path,
)
from paperasse.classify.triage.service import classify_service
from paperasse.classify.triage.text import fold
from paperasse.training.triage_corpus import Split, generate_letters

log = logging.getLogger(__name__)

DEFAULT_SEED = 20261122
DEFAULT_TRAIN_PER_SERVICE = 300
EVAL_SEED_OFFSET = 7919


def train_service_model(
    seed: int = DEFAULT_SEED,
    *,
    n_per_service: int = DEFAULT_TRAIN_PER_SERVICE,
    split: Split = "all",
) -> ServiceModel:
    """Train the service model on generated letters; the same seed gives the same model.

    The shipped model sees every template (``split="all"``); evaluation trains one on
    ``split="train"`` so that the held-out templates stay unseen.
    """
    letters = generate_letters(seed, n_per_service, split=split)
    texts = [fold(letter.text) for letter in letters]
    labels = [letter.service for letter in letters]
    pipeline = build_pipeline(seed)
    pipeline.fit(texts, labels)
    _shrink(pipeline)
    info = ModelInfo(
        format_version=FORMAT_VERSION,
        sklearn_version=sklearn.__version__,
        seed=seed,
        labels=sorted(set(labels)),
        n_train=len(texts),
    )
    log.info("service model trained on %d letters (seed %d)", len(texts), seed)
    return ServiceModel(pipeline, info)


def _shrink(pipeline: Pipeline) -> None:
    """Drop what prediction does not need and make the pickled bytes reproducible."""
    for _, vectorizer in pipeline.named_steps["features"].transformer_list:
        # Terms cut by max_features/min_df (older scikit-learn keeps them): large, unused.
        if hasattr(vectorizer, "stop_words_"):
            del vectorizer.stop_words_
        # A memory address cached by scikit-learn; recomputed when missing.
        if hasattr(vectorizer, "_stop_words_id"):
            del vectorizer._stop_words_id
    for calibrated in pipeline.named_steps["classifier"].calibrated_classifiers_:
        svm = calibrated.estimator
        # Single precision is ample for linear scores and halves the file.
        svm.coef_ = svm.coef_.astype(np.float32)


@dataclass(frozen=True)
class ServiceScores:
    """Precision, recall and F1 of one service on the held-out letters."""

    service: str
    precision: float
    recall: float
    f1: float
    support: int


@dataclass(frozen=True)
class Evaluation:
    """Held-out figures for one way of deciding (model, rules, combined)."""

    name: str
    accuracy: float
    review_rate: float
    accuracy_when_not_reviewed: float
    per_service: list[ServiceScores]


def _score(
    name: str, truth: Sequence[str], predicted: Sequence[str], review: Sequence[bool]
) -> Evaluation:
    p, r, f, s = precision_recall_fscore_support(
        truth, predicted, labels=list(SERVICES), zero_division=0
    )
    per_service = [
        ServiceScores(svc, float(p[i]), float(r[i]), float(f[i]), int(s[i]))
        for i, svc in enumerate(SERVICES)
    ]
    kept = [(t, y) for t, y, rv in zip(truth, predicted, review, strict=True) if not rv]
    return Evaluation(
        name=name,
        accuracy=sum(t == y for t, y in zip(truth, predicted, strict=True)) / len(truth),
        review_rate=sum(review) / len(review),
        accuracy_when_not_reviewed=(sum(t == y for t, y in kept) / len(kept)) if kept else 0.0,
        per_service=per_service,
    )


def evaluate_service_model(
    model: ServiceModel | None,
    *,
    seed: int = DEFAULT_SEED + EVAL_SEED_OFFSET,
    n_per_service: int = 100,
    review_threshold: float = 0.6,
) -> list[Evaluation]:
    """Score the model alone, the rules alone and both combined on held-out letters."""
    letters = generate_letters(seed, n_per_service, split="test")
    folded = [fold(letter.text) for letter in letters]
    truth = [letter.service for letter in letters]
    ways: list[tuple[str, ServiceModel | None]] = [("règles seules", None)]
    if model is not None:
        ways.append(("modèle + règles", model))
    results = []
    for name, used in ways:
        decisions = [
            classify_service(t, doc_type=None, model=used, review_threshold=review_threshold)
            for t in folded
        ]
        results.append(
            _score(name, truth, [d.label for d in decisions], [d.needs_review for d in decisions])
        )
    if model is not None:
        probs = [model.predict_proba(t) for t in folded]
        best = [max(p, key=lambda s: p[s]) for p in probs]
        review = [p[b] < review_threshold for p, b in zip(probs, best, strict=True)]
        results.insert(0, _score("modèle seul", truth, best, review))
    return results


def print_evaluation(results: list[Evaluation], out: Callable[[str], None] = print) -> None:
    """Print per-service precision/recall/F1 tables, one per way of deciding."""
    for ev in results:
        out(
            f"== {ev.name}: exactitude {ev.accuracy:.3f}, à revoir {ev.review_rate:.1%}, "
            f"exactitude hors revue {ev.accuracy_when_not_reviewed:.3f}"
        )
        out(f"{'service':<12} {'précision':>9} {'rappel':>7} {'F1':>6} {'n':>5}")
        for s in ev.per_service:
            out(f"{s.service:<12} {s.precision:>9.3f} {s.recall:>7.3f} {s.f1:>6.3f} {s.support:>5}")


def main(argv: list[str] | None = None) -> int:
    """Command line: retrain the shipped model and print held-out figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED)
    parser.add_argument("--n", type=int, default=DEFAULT_TRAIN_PER_SERVICE)
    parser.add_argument("--out", type=Path, default=default_model_path())
    parser.add_argument("--no-write", action="store_true", help="only print held-out figures")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    if not args.no_write:
        train_service_model(args.seed, n_per_service=args.n).save(args.out)
    held_out_model = train_service_model(args.seed, n_per_service=args.n, split="train")
    print_evaluation(evaluate_service_model(held_out_model))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
