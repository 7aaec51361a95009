"""The document-type model: fitted features, a linear classifier and what describes them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from pydantic import BaseModel, Field
from scipy import sparse

from paperasse.classify.model.features import normalize_text

MODEL_FORMAT = 1
"""Bump when the payload layout or the feature code changes: older files are refused."""


class ModelHeader(BaseModel):
    """What a model file says about itself, readable without unpickling anything."""

    format_version: int = MODEL_FORMAT
    sklearn_version: str
    labels: list[str]
    features: int = 0
    corpus: dict[str, Any] = Field(default_factory=dict, description="seed, sizes of the corpus")
    corrections: int = 0
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

    def features(self, texts: list[str]) -> Any:
        """Sparse TF-IDF rows for ``texts``, word columns then character columns.

        Same result as ``vectorizer.transform``; calling the parts directly skips the
        FeatureUnion's job dispatch, a few milliseconds per document.
        """
        normalised = [normalize_text(text) for text in texts]
        parts = [part.transform(normalised) for _, part in self.vectorizer.transformer_list]
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
