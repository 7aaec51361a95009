"""The document-type model: fitted features, a linear classifier and what describes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import BaseModel, Field
from scipy import sparse

from paperasse.classify.model.cues import cue_matrix, text_cues
from paperasse.classify.model.features import normalize_text

MODEL_FORMAT = 2
"""Bump when the payload layout or the feature code changes: older files are refused.

2: layout cue columns after the TF-IDF columns (``cues`` in the header), ``autre``
learnt from negatives, probabilities calibrated."""


class ModelHeader(BaseModel):
    """What a model file says about itself, readable without unpickling anything."""

    format_version: int = MODEL_FORMAT
    sklearn_version: str
    labels: list[str]
    features: int = 0
    corpus: dict[str, Any] = Field(default_factory=dict, description="seed, sizes of the corpus")
    corrections: int = 0
    cues: list[str] = Field(
        default_factory=list, description="layout cue tokens, one column each after the TF-IDF"
    )
    temperature: float = Field(
        default=1.0, description="calibration: the fitted scores were divided by it"
    )
    metrics: dict[str, Any] | None = None
    payload_sha256: str = ""


@dataclass
class DocTypeModel:
    """A fitted vectoriser and classifier, with its header."""

    vectorizer: Any
    classifier: Any
    header: ModelHeader
    _word_names: dict[int, str] | None = field(default=None, repr=False)

    @property
    def labels(self) -> list[str]:
        return [str(label) for label in self.classifier.classes_]

    def features(self, texts: list[str], cues: list[list[str]] | None = None) -> Any:
        """Sparse rows for ``texts``: word TF-IDF, character TF-IDF, then layout cues.

        ``cues`` holds one list of cue tokens per text (see ``cues``), to which the
        cues the text shows by itself are added; tokens the model does not know are
        ignored. The TF-IDF parts give the same result as
        ``vectorizer.transform``; calling them directly skips the FeatureUnion's job
        dispatch, a few milliseconds per document.
        """
        normalised = [normalize_text(text) for text in texts]
        parts = [part.transform(normalised) for _, part in self.vectorizer.transformer_list]
        if self.header.cues:
            given = cues or [[] for _ in texts]
            found = [[*c, *text_cues(t)] for t, c in zip(texts, given, strict=True)]
            parts.append(cue_matrix(found, self.header.cues))
        return sparse.hstack(parts, format="csr")

    def probabilities(self, rows: Any) -> np.ndarray[Any, Any]:
        """Class probabilities for feature rows, columns in ``labels`` order.

        The softmax of the linear scores, as multinomial ``predict_proba`` computes it,
        without its input validation: the rows come from ``features``.
        """
        scores = np.asarray(rows @ self.classifier.coef_.T, dtype=np.float64)
        scores += self.classifier.intercept_
        scores -= scores.max(axis=1, keepdims=True)
        exp = np.exp(scores)
        return np.asarray(exp / exp.sum(axis=1, keepdims=True))

    def word_names(self) -> dict[int, str]:
        """Column index -> word n-gram, for explanations (built once, on first use)."""
        if self._word_names is None:
            words = self.vectorizer.transformer_list[0][1]
            self._word_names = {index: term for term, index in words.vocabulary_.items()}
        return self._word_names
