"""Does the name on a document designate the person a piece is for?

Names come from OCR and from what citizens type, so exact comparison fails on
trivia: case, accents, hyphens, word order, civilities, "épouse"/"née" forms of
married names, initials. ``names_match`` ignores those while still telling
apart relatives who share a surname ("Marie" is not "Anne-Marie", "Jean" is not
"Jeanne").

Rules, in order:

1. Normalise: lower case, no accents, ligatures spelt out, apostrophes removed
   ("d'Artagnan" -> "dartagnan"), every other punctuation is a separator.
   Hyphenated words ("Jean-Pierre", "DUPONT-MARTIN") are split into parts but
   remembered as compounds.
2. Drop civilities (M., Mme, Monsieur...) and the words that join names
   (épouse, née, veuve, dit, et, ou...).
3. The shorter name must map, word by word and without reuse, into the longer
   one; a word matches the same word, and a single letter (an initial) matches
   a word starting with it. Extra words on the longer side are allowed: all the
   given names of an ID card, or a birth name next to a married name.
4. At least one full word (two letters or more) must match exactly.
5. A compound must not be broken: if one side has "jean-pierre", the other side
   holds either both "jean" and "pierre" or neither.

A name reduced to one word ("MARTIN") matches every "... MARTIN": the document
does not say enough to prove a different holder.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CIVILITIES = frozenset(
    {"m", "mr", "mme", "mlle", "melle", "monsieur", "madame", "mademoiselle", "dr", "docteur"}
)
_JOINERS = frozenset(
    {"epouse", "ep", "epse", "nee", "ne", "veuve", "vve", "dit", "dite", "divorcee", "et", "ou"}
)
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "ł": "l", "đ": "d"})
_APOSTROPHES = re.compile(r"['’ʼ`´]")
_SEPARATORS = re.compile(r"[^\w-]+")
_HYPHENS = re.compile(r"[-‐‑‒–—_]+")
_INITIAL_COMPOUND = re.compile(r"\.\s*(?=[-‐‑‒–—])")


@dataclass(frozen=True)
class ParsedName:
    """A name as a list of words plus the hyphenated compounds they came from."""

    words: tuple[str, ...]
    compounds: tuple[tuple[str, ...], ...]


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.casefold().translate(_LIGATURES))
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def parse_name(text: str) -> ParsedName:
    """Normalise a person's name into comparable words (see the module rules)."""
    folded = _INITIAL_COMPOUND.sub("", _APOSTROPHES.sub("", _fold(text)))
    words: list[str] = []
    compounds: list[tuple[str, ...]] = []
    for chunk in _SEPARATORS.split(folded):
        parts = tuple(p for p in _HYPHENS.split(chunk) if p and p not in _JOINERS)
        if not parts:
            continue
        words.extend(parts)
        if len(parts) > 1:
            compounds.append(parts)
    kept = [w for w in words if w not in _CIVILITIES]
    if kept:
        words = kept
        compounds = [c for c in compounds if not set(c) & _CIVILITIES]
    return ParsedName(tuple(words), tuple(compounds))


def _same(a: str, b: str) -> bool:
    if a == b:
        return True
    if len(a) == 1 and len(b) > 1:
        return b.startswith(a)
    if len(b) == 1 and len(a) > 1:
        return a.startswith(b)
    return False


def _covers(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    """Map every word of ``small`` to a distinct word of ``big``: exact words first."""
    free = list(big)
    exact_full = 0
    pending: list[str] = []
    for word in small:
        if word in free:
            free.remove(word)
            exact_full += len(word) > 1
        else:
            pending.append(word)
    for word in pending:
        match = next((w for w in free if _same(word, w)), None)
        if match is None:
            return False
        free.remove(match)
    return exact_full > 0


def _compounds_intact(name: ParsedName, other: ParsedName) -> bool:
    for compound in name.compounds:
        present = [any(_same(part, w) for w in other.words) for part in compound]
        if any(present) and not all(present):
            return False
    return True


def names_match(a: str, b: str) -> bool:
    """True when names ``a`` and ``b`` can designate the same person."""
    pa, pb = parse_name(a), parse_name(b)
    if not pa.words or not pb.words:
        return False
    small, big = (pa, pb) if len(pa.words) <= len(pb.words) else (pb, pa)
    if not _covers(small.words, big.words):
        return False
    return _compounds_intact(pa, pb) and _compounds_intact(pb, pa)
