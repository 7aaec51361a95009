"""Train the document-type model, deterministically, from the corpus and agents' corrections.

Corrections are real documents an agent reclassified: they are appended to the
generated corpus with ``CORRECTION_WEIGHT`` times the weight of a generated
document, so a few of them shift the model where the synthetic corpus was wrong.
The same corpus and corrections always give the same model file, byte for byte.

``autre`` is a class like the others, learnt from the corpus's negatives (business
invoices, other forms, company letters, photos of things). Texts too short to be
classified are left out: at run time they never reach the model. The probabilities
are calibrated by temperature scaling: the scores of out-of-fold predictions fit
one temperature, and the final coefficients are divided by it, so that a 0.6
means right about six times in ten and the review threshold means what it says.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from scipy import optimize, sparse
from sklearn.linear_model import LogisticRegression

from paperasse.classify.model.core import DocTypeModel, ModelHeader
from paperasse.classify.model.cues import cue_matrix, text_cues
from paperasse.classify.model.features import build_vectorizer, letter_count, normalize_text
from paperasse.classify.model.predict import MIN_LETTERS
from paperasse.classify.model.store import save_model
from paperasse.errors import InputError
from paperasse.training.corpus.generate import MANIFEST, load_corpus
from paperasse.training.corpus.types import CorpusManifest, LabelledText
from paperasse.training.doctype_eval import EvalReport
from paperasse.training.doctype_eval import evaluate as score_model

log = logging.getLogger(__name__)

CORRECTION_WEIGHT = 3.0
WORD_FEATURES = 4000
CHAR_FEATURES = 8000
REGULARISATION_C = 100.0
CALIBRATION_FOLDS = 3


def train(
    corpus: Sequence[LabelledText],
    corrections: Sequence[LabelledText] = (),
    *,
    provenance: dict[str, Any] | None = None,
    calibrate: bool = True,
) -> DocTypeModel:
    """Fit TF-IDF word and character n-grams plus layout cues, and a multinomial
    logistic regression; with ``calibrate``, scale its scores by a fitted temperature.

    ``provenance`` (corpus seed and sizes) is recorded in the model header.
    """
    usable = [t for t in corpus if letter_count(t.text) >= MIN_LETTERS]
    fixes = [t for t in corrections if letter_count(t.text) >= MIN_LETTERS]
    texts = [*usable, *fixes]
    if len({text.label for text in texts}) < 2:
        raise InputError("L'entraînement demande des documents d'au moins deux types différents.")
    started = time.monotonic()
    vectorizer = build_vectorizer(word_features=WORD_FEATURES, char_features=CHAR_FEATURES)
    cues = [[*text.cues, *text_cues(text.text)] for text in texts]
    vocabulary = sorted({cue for found in cues for cue in found})
    rows = sparse.hstack(
        [
            vectorizer.fit_transform([normalize_text(text.text) for text in texts]),
            cue_matrix(cues, vocabulary),
        ],
        format="csr",
    )
    labels = np.array([text.label for text in texts])
    weights = np.array([1.0] * len(usable) + [CORRECTION_WEIGHT] * len(fixes))
    temperature = fit_temperature(rows, labels, weights) if calibrate else 1.0
    classifier = _fit(rows, labels, weights)
    # float32 halves the file; predictions differ from float64 in the 7th digit only.
    classifier.coef_ = (classifier.coef_ / temperature).astype(np.float32)
    classifier.intercept_ = (classifier.intercept_ / temperature).astype(np.float32)
    header = ModelHeader(
        sklearn_version=sklearn.__version__,
        labels=[str(label) for label in classifier.classes_],
        features=int(rows.shape[1]),
        corpus=provenance or {"documents": len(corpus)},
        corrections=len(fixes),
        cues=vocabulary,
        temperature=round(temperature, 4),
    )
    log.info(
        "trained on %d texts (%d too short left out), %d features, temperature %.2f, in %.1f s",
        len(texts),
        len(corpus) + len(corrections) - len(texts),
        rows.shape[1],
        temperature,
        time.monotonic() - started,
    )
    return DocTypeModel(vectorizer, classifier, header)


def _fit(rows: Any, labels: np.ndarray[Any, Any], weights: np.ndarray[Any, Any]) -> Any:
    classifier = LogisticRegression(C=REGULARISATION_C, max_iter=3000, random_state=0)
    classifier.fit(rows, labels, sample_weight=weights)
    return classifier


def fit_temperature(
    rows: Any, labels: np.ndarray[Any, Any], weights: np.ndarray[Any, Any]
) -> float:
    """The temperature that best calibrates out-of-fold scores (1.0 if it cannot be fitted).

    Each text is scored by a model fitted without its fold (folds by position, so
    the result is deterministic); the temperature minimises the log-loss of those
    scores. A single temperature keeps the ranking of the types unchanged.
    """
    folds = np.arange(len(labels)) % CALIBRATION_FOLDS
    scores: list[np.ndarray[Any, Any]] = []
    truths: list[np.ndarray[Any, Any]] = []
    classes = np.unique(labels)
    for fold in range(CALIBRATION_FOLDS):
        train, test = folds != fold, folds == fold
        if len(np.unique(labels[train])) < len(classes) or not test.any():
            return 1.0
        classifier = _fit(rows[train], labels[train], weights[train])
        scores.append(rows[test] @ classifier.coef_.T + classifier.intercept_)
        truths.append(np.searchsorted(classifier.classes_, labels[test]))
    logits, truth = np.vstack(scores), np.concatenate(truths)

    def log_loss(log_t: float) -> float:
        scaled = logits / np.exp(log_t)
        scaled -= scaled.max(axis=1, keepdims=True)
        log_norm = np.log(np.exp(scaled).sum(axis=1))
        return float(np.mean(log_norm - scaled[np.arange(len(truth)), truth]))

    found = optimize.minimize_scalar(log_loss, bounds=(-3.0, 3.0), method="bounded")
    return float(np.exp(found.x))


def train_from_corpus(
    corpus_dir: Path,
    corrections: list[LabelledText],
    out: Path,
    *,
    evaluate: bool,
) -> EvalReport | None:
    """Train on the corpus's training split plus ``corrections``, save to ``out``.

    With ``evaluate``, the held-out split (scanned and OCRed) is scored and the
    figures are written into the model header and its sidecar, and returned.
    """
    texts = load_corpus(corpus_dir)
    manifest = CorpusManifest.model_validate_json(
        (corpus_dir / MANIFEST).read_text(encoding="utf-8")
    )
    training = [text for text in texts if text.split == "train"]
    heldout = [text for text in texts if text.split == "heldout"]
    provenance = {
        "seed": manifest.seed,
        "generator_version": manifest.generator_version,
        "per_type": manifest.per_type,
        "heldout_per_type": manifest.heldout_per_type,
        "train_documents": len(training),
        "heldout_documents": len(heldout),
    }
    model = train(training, corrections, provenance=provenance)
    report = None
    if evaluate:
        report = score_model(model, heldout)
        blind = score_model(model, heldout, use_cues=False)
        model.header.metrics = {
            **report.summary(),
            "macro_f1_without_cues": round(blind.macro_f1, 4),
        }
    save_model(model, out)
    return report
