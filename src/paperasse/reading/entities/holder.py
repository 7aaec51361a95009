"""``find_holder``: the person a document is about.

Order of trust: a valid MRZ (identity documents), then the label that names
the holder on this type of document (``Titulaire du contrat``, ``Salarié``,
``Déclarant 1``, ``Nom :``/``Prénoms :``...), then the addressee introduced by a
civility (``M. Jean DUPONT``), and last the first person spaCy found.
"""

from __future__ import annotations

import re

from paperasse.models.domain import Entity, Holder, PageText
from paperasse.reading.entities.names import CIVILITY, NAME_TOKEN, PersonName, split_name
from paperasse.reading.mrz.parse import parse_mrz

IDENTITY_TYPES = frozenset(
    {"carte_identite", "passeport", "titre_sejour", "permis_conduire", "carte_vitale"}
)
_NAME_RUN = (
    rf"(?:{CIVILITY}[ \t]+)?(?P<name>{NAME_TOKEN}(?:[ \t,]+(?:(?:de|du|des|d'|le|la)[ \t]+)?"
    rf"{NAME_TOKEN}){{0,4}})"
)
_SEP = r"[ \t]*(?:/[ \t]*[A-Za-z ]+)?[ \t]*[:.\-]?[ \t]*\n?[ \t]*"

_CUES: dict[str, tuple[str, ...]] = {
    "titulaire": (r"titulaire[ \t]+du[ \t]+(?:contrat|compte)", r"nom[ \t]+du[ \t]+titulaire",
                  r"\btitulaire"),
    "salarie": (r"\bsalari[ée]+", r"\bemploy[ée]+", r"nom[ \t]+et[ \t]+pr[ée]noms?"),
    "declarant": (r"d[ée]clarant[ \t]*1",),
    "locataire": (r"\blocataire", r"re[çc]u[ \t]+de"),
    "assure": (r"\bassur[ée]+", r"\bsouscripteur", r"\bsoci[ée]taire"),
    "allocataire": (r"\ballocataire",),
    "eleve": (r"nom[ \t]+de[ \t]+l['’][ée]l[èe]ve", r"l['’][ée]l[èe]ve", r"\b[ée]l[èe]ve"),
}  # fmt: skip
_TYPE_CUES: dict[str, tuple[str, ...]] = {
    "facture_energie": ("titulaire",), "facture_eau": ("titulaire",),
    "facture_telecom": ("titulaire",), "rib": ("titulaire",), "releve_bancaire": ("titulaire",),
    "bulletin_salaire": ("salarie",), "avis_imposition": ("declarant",),
    "quittance_loyer": ("locataire",), "attestation_assurance_habitation": ("assure", "titulaire"),
    "attestation_caf": ("allocataire",), "certificat_scolarite": ("eleve",),
}  # fmt: skip
_SURNAME_FIRST = ("salarie", "declarant")
_NOM = re.compile(
    rf"\bNOM(?:[ \t]+de[ \t]+naissance|[ \t]+d['’]usage)?{_SEP}(?P<surname>{NAME_TOKEN}"
    rf"(?:[ \t]+{NAME_TOKEN})*)",
    re.IGNORECASE,
)
_PRENOMS = re.compile(
    rf"\bPR[ÉE]NOMS?(?:\(S\))?{_SEP}(?P<given>{NAME_TOKEN}(?:[ \t,]+{NAME_TOKEN})*)", re.IGNORECASE
)


def _holder(name: PersonName, source: str, confidence: float) -> Holder:
    return Holder(full_name=name.full_name, surname=name.surname,
                  given_names=list(name.given_names), source=source,
                  confidence=confidence)  # fmt: skip


def _from_mrz(entities: list[Entity]) -> Holder | None:
    for entity in entities:
        if entity.label != "mrz" or entity.confidence < 0.9:
            continue
        mrz = parse_mrz(entity.value.split("\n"))
        if mrz is not None and mrz.valid and mrz.surname:
            given = tuple(g.title() for g in mrz.given_names)
            name = PersonName(mrz.surname, given, entity.value)
            return _holder(name, "mrz", entity.confidence)
    return None


def _from_nom_prenoms(pages: list[PageText]) -> Holder | None:
    """``Nom : DUPONT`` followed by ``Prénoms : Jean, Pierre`` (civil acts, identity cards)."""
    for page in pages:
        nom = _NOM.search(page.text)
        if nom is None or nom["surname"].upper() in {"PRENOM", "PRÉNOM", "PRENOMS", "PRÉNOMS"}:
            continue
        prenoms = _PRENOMS.search(page.text, nom.end())
        given = re.split(r"[ \t,]+", prenoms["given"]) if prenoms else []
        surname = " ".join(nom["surname"].split()).upper()
        name = PersonName(surname, tuple(g.title() for g in given if g), nom[0])
        return _holder(name, "rule", 0.85)
    return None


def _from_cues(doc_type: str | None, pages: list[PageText]) -> Holder | None:
    groups = _TYPE_CUES.get(doc_type or "", tuple(_CUES))
    for group in groups:
        for cue in _CUES[group]:
            pattern = re.compile(rf"(?i:{cue}[ \t]*(?:\(e\))?{_SEP}){_NAME_RUN}")
            for page in pages:
                match = pattern.search(page.text)
                if match is None:
                    continue
                first = True if group in _SURNAME_FIRST else None
                name = split_name(match["name"].replace(",", " "), surname_first=first)
                if name is not None and name.surname:
                    return _holder(name, "rule", 0.85)
    return None


def _from_entities(entities: list[Entity]) -> Holder | None:
    """The first person on the document: the addressee if a civility named it."""
    persons = [e for e in entities if e.label == "personne"]
    ruled = [e for e in persons if e.confidence >= 0.8]
    for entity, confidence, source in [(e, 0.7, "rule") for e in ruled[:1]] + [
        (e, 0.4, "ner") for e in persons[:1]
    ]:
        name = split_name(entity.value)
        if name is not None:
            return _holder(name, source, confidence)
    return None


def find_holder(doc_type: str | None, pages: list[PageText],
                entities: list[Entity]) -> Holder | None:  # fmt: skip
    """The person the document is about, or None.

    ``doc_type`` is one of the classifier labels (``carte_identite``,
    ``facture_energie``, ``bulletin_salaire``...) or None when unknown; it
    chooses which labels to trust. ``entities`` are those of
    ``extract_entities`` for the same pages. ``Holder.source`` says where the
    name was read (``mrz``, ``rule``, ``ner``) and ``confidence`` how sure we are.
    """
    if doc_type is None or doc_type in IDENTITY_TYPES:
        holder = _from_mrz(entities)
        if holder is not None:
            return holder
    civil = doc_type is None or doc_type in IDENTITY_TYPES or doc_type.startswith(
        ("acte_", "livret")
    )  # fmt: skip
    if civil and (holder := _from_nom_prenoms(pages)) is not None:
        return holder
    holder = _from_cues(doc_type, pages)
    if holder is None and not civil:
        holder = _from_nom_prenoms(pages)
    return holder or _from_entities(entities)
