"""Document-type classifier: what is this document (carte_identite, facture_energie...).

TF-IDF word and character n-grams on accent-folded text feed a multinomial
logistic regression trained on the generated corpus (``paperasse.training``). Every
decision carries its probability and the terms that weighed most; below the
threshold, on empty text or without a usable model it asks for human review.

    model = load_model_or_none()          # shipped model, or None when unusable
    decision = classify_text(text, model) # never raises for a missing model
"""

from __future__ import annotations

from paperasse.classify.model.core import MODEL_FORMAT, DocTypeModel, ModelHeader
from paperasse.classify.model.features import normalize_text
from paperasse.classify.model.predict import (
    DEFAULT_THRESHOLD,
    MIN_LETTERS,
    classify_text,
    default_model,
)
from paperasse.classify.model.store import (
    load_model,
    load_model_or_none,
    save_model,
    shipped_model_path,
)
from paperasse.models.domain import DOC_TYPES, UNKNOWN_TYPE

__all__ = [
    "DEFAULT_THRESHOLD",
    "DOC_TYPES",
    "MIN_LETTERS",
    "MODEL_FORMAT",
    "UNKNOWN_TYPE",
    "DocTypeModel",
    "ModelHeader",
    "classify_text",
    "default_model",
    "load_model",
    "load_model_or_none",
    "normalize_text",
    "save_model",
    "shipped_model_path",
]
