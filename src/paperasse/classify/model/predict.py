"""Classify one text into a document type, with its confidence and its reasons.

The decision never guesses silently: an empty text, a missing model or a
probability below the threshold all give ``needs_review=True``. Below the
threshold the label is still the model's best guess, offered to the agent as a
suggestion; an empty text or a missing model gives ``autre``.
"""

from __future__ import annotations

import functools
import logging
from pathlib import Path
from typing import Any

import numpy as np

from paperasse.classify.model.core import DocTypeModel
from paperasse.classify.model.features import letter_count, surface_forms
from paperasse.classify.model.store import load_model_or_none
from paperasse.models.domain import UNKNOWN_TYPE, Decision

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.6
MIN_LETTERS = 20
EMPTY_TEXT = "Texte vide ou trop court : classement manuel nécessaire."
NO_MODEL = "Modèle de classement indisponible : classement manuel nécessaire."


@functools.lru_cache(maxsize=4)
def default_model(path: Path | None = None) -> DocTypeModel | None:
    """The model at ``path`` (default: shipped), loaded once; None if it cannot be used."""
    return load_model_or_none(path)


def classify_text(
    text: str,
    model: DocTypeModel | None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    min_letters: int = MIN_LETTERS,
    top_terms: int = 5,
) -> Decision:
    """The document type of ``text``, its probability and the terms that weighed most.

    ``model=None`` (no usable model: see ``load_model_or_none``) gives ``autre`` with
    ``needs_review=True``, never an exception.
    """
    if letter_count(text) < min_letters:
        return Decision(
            label=UNKNOWN_TYPE, confidence=0.0, needs_review=True, explanation=[EMPTY_TEXT]
        )
    if model is None:
        return Decision(
            label=UNKNOWN_TYPE, confidence=0.0, needs_review=True, explanation=[NO_MODEL]
        )
    rows = model.features([text])
    probabilities = model.probabilities(rows)[0]
    best = int(np.argmax(probabilities))
    confidence = float(probabilities[best])
    label = model.labels[best]
    reasons = explain(model, rows, best, text, top_terms)
    needs_review = confidence < threshold
    if needs_review:
        runner_up = int(np.argsort(probabilities)[-2])
        reasons.insert(
            0,
            f"Confiance {confidence:.2f} inférieure au seuil {threshold:.2f} : vérification "
            f"humaine nécessaire (suggestion : {label}, sinon {model.labels[runner_up]} "
            f"{probabilities[runner_up]:.2f}).",
        )
    return Decision(
        label=label, confidence=round(confidence, 4), needs_review=needs_review, explanation=reasons
    )


def explain(model: DocTypeModel, rows: Any, klass: int, text: str, top_terms: int) -> list[str]:
    """The word n-grams that pushed most towards ``klass``: coefficient x tf-idf value."""
    row = rows.tocsr()
    names = model.word_names()
    coef = model.classifier.coef_[klass]
    scored = [
        (float(coef[column] * value), names[column])
        for column, value in zip(row.indices, row.data, strict=True)
        if column in names
    ]
    scored = [item for item in scored if item[0] > 0]
    scored.sort(reverse=True)
    top = scored[:top_terms]
    forms = surface_forms([term for _, term in top], text)
    return [f'"{form}" (+{weight:.2f})' for (weight, _), form in zip(top, forms, strict=True)]
