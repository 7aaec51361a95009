"""Persons, places and organisations from spaCy's ``fr_core_news_sm``, filtered for OCR noise.

The model is loaded once per process, on first use, with every component but
the entity recogniser excluded (it has its own token vectors, so the tagger,
parser and lemmatiser only cost time). It knows no dates or amounts: the rules
find those.
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

from paperasse.errors import ModelError
from paperasse.models.domain import Entity
from paperasse.reading.entities.contact import strip_accents
from paperasse.reading.entities.names import CIVILITY

log = logging.getLogger(__name__)

MODEL_NAME = "fr_core_news_sm"
_LABELS = {"PER": "personne", "LOC": "lieu", "ORG": "organisation"}
_EXCLUDED = ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "senter"]
# Words that headings, salutations and table headers put in capitals, which the
# small model takes for names on OCR text.
_NOISE_WORDS = """
    MADAME MONSIEUR MADEMOISELLE MESDAMES MESSIEURS OBJET FACTURE FACTURES TOTAL TTC HT TVA
    DATE MONTANT REFERENCE CLIENT CONTRAT DESTINATAIRE EXPEDITEUR VEUILLEZ CORDIALEMENT
    ATTESTATION CERTIFICAT AVIS IMPOT IMPOTS BULLETIN SALAIRE NET BRUT PAGE NOM PRENOM PRENOMS
    ADRESSE TELEPHONE EMAIL MAIL SIGNATURE COTISATIONS PERIODE SOLDE RELEVE COMPTE TITULAIRE
    ECHEANCE QUITTANCE LOYER CHARGES DETAIL CONSOMMATION ABONNEMENT REGLEMENT PAIEMENT
    PRELEVEMENT SERVICE SALARIE EMPLOYEUR EMPLOI RCS SIRET SIREN IBAN BIC RIB N° NO TEL FAX
    VOIR MERCI"""
_NOISE = frozenset(_NOISE_WORDS.split())


_LEADING_CIVILITY = re.compile(rf"{CIVILITY}[ \t]+")


@functools.cache
def load_ner_model() -> Any:
    """The spaCy French pipeline reduced to its entity recogniser, cached per process."""
    try:
        import spacy

        nlp = spacy.load(MODEL_NAME, exclude=_EXCLUDED)
    except (ImportError, OSError) as error:
        raise ModelError(
            "Le modèle linguistique français (fr_core_news_sm) est introuvable : "
            "réinstallez paperasse avec ses dépendances.",
            details={"model": MODEL_NAME},
        ) from error
    log.info("loaded spaCy model %s with pipes %s", MODEL_NAME, nlp.pipe_names)
    return nlp


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Cut a span at its first line break: OCR lines glue unrelated words together."""
    segment = text[start:end]
    cut = segment.find("\n")
    if cut >= 0:
        end = start + cut
    segment = text[start:end]
    stripped = segment.rstrip(" \t,;:.-")
    end = start + len(stripped)
    start += len(stripped) - len(stripped.lstrip(" \t,;:.-"))
    return start, end


def _strip_noise_words(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop heading words glued to the end of a span (``BOULANGERIE MARTIN - SIRET``)."""
    while True:
        match = re.search(r"[\s,;:.\-]+([\wÀ-ÿ'’]+)$", text[start:end])
        if match is None or strip_accents(match[1]).upper() not in _NOISE:
            return start, end
        end = start + match.start()


def _is_field_label(text: str, end: int) -> bool:
    """True when a colon follows the span: ``Salarié :`` names a field, not a person."""
    return re.match(r"[ \t]*:", text[end : end + 4]) is not None


def is_noise(label: str, span: str) -> bool:
    """True for spans that are not names: single letters, digits, headings, salutations."""
    letters = [c for c in span if c.isalpha()]
    if len(letters) < 2 or len(span) > 60:
        return True
    words = re.findall(r"[\wÀ-ÿ'’\-]+", strip_accents(span).upper())
    if not words or all(w in _NOISE or len(w) < 2 for w in words):
        return True
    if label == "personne" and (any(c.isdigit() for c in span) or not span[:1].isupper()):
        return True
    return sum(c.isdigit() for c in span) > len(letters)


def ner_entities(text: str, page: int) -> list[Entity]:
    """Persons, places and organisations spaCy finds in one page, noise filtered out."""
    if not text.strip():
        return []
    doc = load_ner_model()(text)
    found: list[Entity] = []
    for ent in doc.ents:
        label = _LABELS.get(ent.label_)
        if label is None:
            continue
        start, end = _trim(text, ent.start_char, ent.end_char)
        if label == "personne":
            # "Madame Marie Dupont" names Marie Dupont; "Madame la Directrice" names no one.
            civility = _LEADING_CIVILITY.match(text, start, end)
            start = civility.end() if civility else start
        start, end = _strip_noise_words(text, start, end)
        span = text[start:end]
        if end <= start or is_noise(label, span) or _is_field_label(text, end):
            continue
        value = " ".join(span.split())
        found.append(Entity(label=label, text=span, value=value, page=page, start=start, end=end,
                            confidence=0.6))  # fmt: skip
    return found
