"""Train the document-type model, deterministically, from the corpus and agents' corrections.

Corrections are real documents an agent reclassified: they are appended to the
generated corpus with ``CORRECTION_WEIGHT`` times the weight of a generated
document, so a few of them shift the model where the synthetic corpus was wrong.
The same corpus and corrections always give the same model file, byte for byte.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import sklearn
from sklearn.linear_model import LogisticRegression

from paperasse.classify.model.core import DocTypeModel, ModelHeader
from paperasse.classify.model.features import build_vectorizer, normalize_text
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


def train(
    corpus: Sequence[LabelledText],
    corrections: Sequence[LabelledText] = (),
    *,
    provenance: dict[str, Any] | None = None,
) -> DocTypeModel:
    """Fit TF-IDF word and character n-grams and a multinomial logistic regression.

    ``provenance`` (corpus seed and sizes) is recorded in the model header.
    """
    texts = [*corpus, *corrections]
    if len({text.label for text in texts}) < 2:
        raise InputError("L'entraînement demande des documents d'au moins deux types différents.")
    started = time.monotonic()
    vectorizer = build_vectorizer(word_features=WORD_FEATURES, char_features=CHAR_FEATURES)
    rows = vectorizer.fit_transform([normalize_text(text.text) for text in texts])
    weights = np.array([1.0] * len(corpus) + [CORRECTION_WEIGHT] * len(corrections))
    classifier = LogisticRegression(C=REGULARISATION_C, max_iter=3000, random_state=0)
    classifier.fit(rows, [text.label for text in texts], sample_weight=weights)
    # float32 halves the file; predictions differ from float64 in the 7th digit only.
    classifier.coef_ = classifier.coef_.astype(np.float32)
    classifier.intercept_ = classifier.intercept_.astype(np.float32)
    header = ModelHeader(
        sklearn_version=sklearn.__version__,
        labels=[str(label) for label in classifier.classes_],
        features=int(rows.shape[1]),
        corpus=provenance or {"documents": len(corpus)},
        corrections=len(corrections),
    )
    log.info(
        "trained on %d texts, %d features in %.1f s",
        len(texts),
        rows.shape[1],
        time.monotonic() - started,
    )
    return DocTypeModel(vectorizer, classifier, header)


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
        model.header.metrics = report.summary()
    save_model(model, out)
    return report
