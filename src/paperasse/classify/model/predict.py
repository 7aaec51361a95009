"""Classify one text into a document type, with its confidence and its reasons.

The decision never guesses silently. An empty text or a missing model gives
``autre`` with ``needs_review=True``. So does a text that resembles nothing well
enough: when the most probable type stays below the threshold, the answer is
``autre`` and the explanation names the nearest types, so the agent who reviews it
starts from them; a text the model itself places in ``autre`` (a business invoice, a
photo caption) goes to review too. The confidence is always the model's calibrated
probability of the label it answers.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from paperasse.classify.model.core import DocTypeModel
from paperasse.classify.model.cues import describe_cue
from paperasse.classify.model.features import letter_count, surface_forms
from paperasse.classify.model.store import load_model_or_none
from paperasse.models.domain import UNKNOWN_TYPE, Decision

log = logging.getLogger(__name__)

DEFAULT_THRESHOLD = 0.6
MIN_LETTERS = 20
NEAREST = 3
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
    cues: Sequence[str] = (),
    threshold: float = DEFAULT_THRESHOLD,
    min_letters: int = MIN_LETTERS,
    top_terms: int = 5,
) -> Decision:
    """The document type of ``text``, its probability and what weighed most.

    ``cues`` are layout cue tokens found by the other reading stages (an MRZ, a
    2D-Doc, a card's proportions: see ``paperasse.classify.model.cues``); they add
    evidence but never classify an empty text. ``model=None`` (no usable model: see
    ``load_model_or_none``) gives ``autre`` with ``needs_review=True``, never an
    exception.
    """
    if letter_count(text) < min_letters:
        return Decision(
            label=UNKNOWN_TYPE, confidence=0.0, needs_review=True, explanation=[EMPTY_TEXT]
        )
    if model is None:
        return Decision(
            label=UNKNOWN_TYPE, confidence=0.0, needs_review=True, explanation=[NO_MODEL]
        )
    rows = model.features([text], [list(cues)])
    probabilities = model.probabilities(rows)[0]
    order = [int(i) for i in np.argsort(-probabilities, kind="stable")]
    best = order[0]
    label, confidence = model.labels[best], float(probabilities[best])
    if label != UNKNOWN_TYPE and confidence >= threshold:
        reasons = explain(model, rows, best, text, top_terms)
        return Decision(
            label=label, confidence=round(confidence, 4), needs_review=False, explanation=reasons
        )
    nearest = [i for i in order if model.labels[i] != UNKNOWN_TYPE][:NEAREST]
    named = ", ".join(f"{model.labels[i]} {probabilities[i]:.2f}" for i in nearest)
    if label == UNKNOWN_TYPE:
        head = (
            f"Ne ressemble à aucun type de document connu (autre {confidence:.2f}) : "
            f"vérification humaine nécessaire. Types les plus proches : {named}."
        )
    else:
        head = (
            f"Confiance {confidence:.2f} inférieure au seuil {threshold:.2f} : classé « autre » "
            f"en attendant une vérification humaine. Types les plus proches : {named}."
        )
    reasons = [head, *explain(model, rows, nearest[0], text, top_terms)] if nearest else [head]
    unknown = model.labels.index(UNKNOWN_TYPE) if UNKNOWN_TYPE in model.labels else None
    p_unknown = float(probabilities[unknown]) if unknown is not None else 0.0
    return Decision(
        label=UNKNOWN_TYPE, confidence=round(p_unknown, 4), needs_review=True, explanation=reasons
    )


def explain(model: DocTypeModel, rows: Any, klass: int, text: str, top_terms: int) -> list[str]:
    """What pushed most towards ``klass``: word n-grams and layout cues, coefficient x value."""
    row = rows.tocsr()
    names = model.word_names()
    cue_start = row.shape[1] - len(model.header.cues)
    coef = model.classifier.coef_[klass]
    scored: list[tuple[float, str, bool]] = []
    for column, value in zip(row.indices, row.data, strict=True):
        weight = float(coef[column] * value)
        if weight <= 0:
            continue
        if column in names:
            scored.append((weight, names[column], False))
        elif column >= cue_start:
            scored.append((weight, model.header.cues[column - cue_start], True))
    scored.sort(reverse=True)
    top = scored[:top_terms]
    forms = iter(surface_forms([term for _, term, is_cue in top if not is_cue], text))
    return [
        f"{describe_cue(term)} (+{weight:.2f})" if is_cue else f'"{next(forms)}" (+{weight:.2f})'
        for weight, term, is_cue in top
    ]
