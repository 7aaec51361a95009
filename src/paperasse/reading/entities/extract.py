"""``extract_entities``: every entity of a document, validated, deduplicated and in order."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable

from paperasse.models.domain import Entity, PageText
from paperasse.reading.entities.ner import ner_entities
from paperasse.reading.entities.rules_ids import ID_FINDERS
from paperasse.reading.entities.rules_text import (
    find_addresses,
    find_contact_entities,
    find_date_entities,
    find_person_rules,
    mrz_entities,
)

log = logging.getLogger(__name__)

# Identifiers whose check succeeded: a phone number, amount or date read inside
# one of them is a fragment of it, not an entity of its own.
STRONG_LABELS = frozenset(
    {"mrz", "iban", "bic", "nir", "siret", "siren", "numero_fiscal", "reference_avis",
     "numero_allocataire", "email", "adresse"}
)  # fmt: skip
_FRAGMENT_LABELS = frozenset({"telephone", "montant", "date", "lieu", "organisation", "personne"})
_NER_CONFIDENCE = 0.6

PageFinder = Callable[[str, int], list[Entity]]
_RULES: tuple[PageFinder, ...] = (
    *ID_FINDERS, find_date_entities, find_contact_entities, find_addresses, find_person_rules,
)  # fmt: skip


def _overlaps(a: Entity, b: Entity) -> bool:
    return a.page == b.page and a.start < b.end and b.start < a.end


def _is_fragment(entity: Entity, strong: list[Entity]) -> bool:
    """An entity lying inside a validated identifier of another label (not derived from it)."""
    if entity.label not in _FRAGMENT_LABELS:
        return False
    for other in strong:
        if other.label == entity.label or not _overlaps(entity, other):
            continue
        if (other.start, other.end) == (entity.start, entity.end) and other.label == "mrz":
            continue  # derived from a valid MRZ, same span on purpose
        if other.label == "adresse" and entity.label in {"lieu", "organisation", "montant"}:
            continue  # the commune of an address is a place in its own right
        if entity.label == "personne" and entity.confidence > _NER_CONFIDENCE:
            continue
        return True
    return False


def deduplicate(entities: list[Entity]) -> list[Entity]:
    """Drop repeats and fragments; of overlapping names keep the surest, then the longest."""
    best: dict[tuple[str, int, int, int], Entity] = {}
    for entity in entities:
        key = (entity.label, entity.page, entity.start, entity.end)
        if key not in best or entity.confidence > best[key].confidence:
            best[key] = entity
    unique = list(best.values())
    strong = [e for e in unique if e.label in STRONG_LABELS]
    kept = [e for e in unique if not _is_fragment(e, strong)]
    ranked = sorted(kept, key=lambda e: (-e.confidence, -(e.end - e.start)))
    result: list[Entity] = []
    for entity in ranked:
        named = entity.label in {"personne", "lieu", "organisation"}
        if named and any(
            o.label in {"personne", "lieu", "organisation"} and _overlaps(o, entity)
            and (o.start, o.end) != (entity.start, entity.end) for o in result
        ):  # fmt: skip
            continue
        result.append(entity)
    return sorted(result, key=lambda e: (e.page, e.start, e.end, e.label))


def page_entities(page: PageText, *, use_ner: bool = True,
                  today: dt.date | None = None) -> list[Entity]:  # fmt: skip
    """Entities of one page, before deduplication."""
    text = page.text
    found = [e for finder in _RULES for e in finder(text, page.number)]
    found.extend(mrz_entities(text, page.number, today))
    if use_ner:
        found.extend(ner_entities(text, page.number))
    return found


def extract_entities(pages: list[PageText], *, use_ner: bool = True,
                     today: dt.date | None = None) -> list[Entity]:  # fmt: skip
    """All entities of a document, sorted by page and offset.

    Identifiers are kept only when they validate (key, length, date that
    exists). ``use_ner=False`` skips spaCy (rules only); ``today`` fixes the
    century of two-digit MRZ birth years (default: the current date).
    """
    found: list[Entity] = []
    for page in pages:
        if page.blank or not page.text.strip():
            continue
        found.extend(page_entities(page, use_ner=use_ner, today=today))
    entities = deduplicate(found)
    log.debug("extracted %d entities from %d pages", len(entities), len(pages))
    return entities
