"""Synthetic corpus of French administrative documents for the document-type model.

No public labelled corpus of these documents exists, so we generate one: realistic
wording, identifiers and layouts per type, rendered as born-digital PDFs and as
degraded scans read back by the real Tesseract.
"""

from __future__ import annotations

from paperasse.training.corpus.generate import (
    DEFAULT_SEED,
    generate_corpus,
    generate_texts,
    load_corpus,
)
from paperasse.training.corpus.types import (
    DOC_LABELS,
    DOC_TYPES,
    UNKNOWN_TYPE,
    CorpusManifest,
    LabelledText,
)

__all__ = [
    "DEFAULT_SEED",
    "DOC_LABELS",
    "DOC_TYPES",
    "UNKNOWN_TYPE",
    "CorpusManifest",
    "LabelledText",
    "generate_corpus",
    "generate_texts",
    "load_corpus",
]
