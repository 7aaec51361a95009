"""Text normalisation and the TF-IDF features of the document-type model.

Text is lower-cased, accent-folded and every digit becomes ``0`` before the
vectorisers see it: OCR drops accents at random and numbers differ from one
document to the next while their shape (``fr00 0000``) carries the type.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion

WORD_PATTERN = r"(?u)\b\w\w\w+\b"
"""Words of three characters or more: OCR gibberish from photos and security backgrounds
is mostly one- and two-character tokens, which made a photo of an animal look like the
category list of a driving licence."""
_LIGATURES = {"œ": "oe", "æ": "ae", "’": "'", "ß": "ss"}


@functools.lru_cache(maxsize=4096)
def fold_char(char: str) -> str:
    """One character lower-cased, without accents, digits as ``0``."""
    if char.isdigit():
        return "0"
    lower = char.lower()
    if lower in _LIGATURES:
        return _LIGATURES[lower]
    decomposed = unicodedata.normalize("NFKD", lower)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalize_text(text: str) -> str:
    """The text as the model sees it."""
    return "".join(map(fold_char, text))


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """Normalised text and, for each of its characters, its offset in ``text``."""
    pieces: list[str] = []
    offsets: list[int] = []
    for index, char in enumerate(text):
        folded = fold_char(char)
        pieces.append(folded)
        offsets.extend([index] * len(folded))
    offsets.append(len(text))
    return "".join(pieces), offsets


def letter_count(text: str) -> int:
    """How many letters ``text`` holds: below a few, there is nothing to classify."""
    return sum(1 for char in text if char.isalpha())


def surface_forms(terms: list[str], text: str) -> list[str]:
    """How each normalised ``term`` (maybe two words) is written in ``text``; the term if absent."""
    normalised, offsets = normalize_with_offsets(text)
    forms = []
    for term in terms:
        words = [re.escape(word) for word in term.split()]
        # the words of a bigram may be apart by short words the tokens skip (« du »)
        pattern = r"(?<!\w)" + r"\W+(?:\w{1,2}\W+)*".join(words) + r"(?!\w)"
        match = re.search(pattern, normalised)
        if match is None:
            forms.append(term)
        else:
            forms.append(text[offsets[match.start()] : offsets[match.end() - 1] + 1])
    return forms


def build_vectorizer(*, word_features: int, char_features: int) -> FeatureUnion:
    """Word 1-2 grams (readable reasons) and character 3-5 grams (robust to OCR noise)."""
    words = TfidfVectorizer(
        lowercase=False,
        token_pattern=WORD_PATTERN,
        ngram_range=(1, 2),
        min_df=2,
        max_df=0.9,
        max_features=word_features,
        sublinear_tf=True,
        dtype=_float32(),
    )
    chars = TfidfVectorizer(
        lowercase=False,
        analyzer="char_wb",
        ngram_range=(3, 5),
        min_df=3,
        max_df=0.9,
        max_features=char_features,
        sublinear_tf=True,
        dtype=_float32(),
    )
    return FeatureUnion([("word", words), ("char", chars)])


def _float32() -> type:
    import numpy as np

    return np.float32
