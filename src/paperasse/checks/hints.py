"""The French sentences a citizen reads: what is wrong and what to bring instead.

Every hint names the document (its kind, issuer and file name), says what is
wrong with dates and names spelt out, and ends with the action to take. The
wording table gives each classifier label a French name and its gender, so that
sentences agree ("elle a plus de 3 mois", "il a plus de 3 mois").
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from paperasse.checks.catalogue import Piece, Procedure
from paperasse.checks.models import CheckedDocument
from paperasse.models.calendar import format_date_fr
from paperasse.reading.page_quality import ADVICE


@dataclass(frozen=True)
class TypeWording:
    """How to name a document type in French."""

    label: str
    feminine: bool
    short: str | None = None  # names the type before an issuer: "facture" -> "facture EDF"


TYPE_WORDING: dict[str, TypeWording] = {
    "carte_identite": TypeWording("carte d'identité", True),
    "passeport": TypeWording("passeport", False),
    "titre_sejour": TypeWording("titre de séjour", False),
    "permis_conduire": TypeWording("permis de conduire", False),
    "carte_vitale": TypeWording("carte Vitale", True),
    "carte_grise": TypeWording("carte grise", True),
    "acte_naissance": TypeWording("acte de naissance", False),
    "acte_mariage": TypeWording("acte de mariage", False),
    "acte_deces": TypeWording("acte de décès", False),
    "livret_famille": TypeWording("livret de famille", False),
    "facture_energie": TypeWording("facture d'électricité ou de gaz", True, "facture"),
    "facture_eau": TypeWording("facture d'eau", True, "facture"),
    "facture_telecom": TypeWording("facture de téléphone ou d'internet", True, "facture"),
    "quittance_loyer": TypeWording("quittance de loyer", True),
    "attestation_assurance_habitation": TypeWording(
        "attestation d'assurance habitation", True, "attestation d'assurance habitation"
    ),
    "avis_imposition": TypeWording("avis d'imposition", False),
    "bulletin_salaire": TypeWording("bulletin de salaire", False),
    "releve_bancaire": TypeWording("relevé bancaire", False, "relevé bancaire"),
    "rib": TypeWording("RIB (relevé d'identité bancaire)", False, "RIB"),
    "attestation_caf": TypeWording("attestation de la CAF", True),
    "certificat_scolarite": TypeWording("certificat de scolarité", False),
    "certificat_vaccination": TypeWording("certificat de vaccination ou carnet de santé", False),
    "formulaire_cerfa": TypeWording("formulaire CERFA", False),
    "courrier": TypeWording("courrier", False),
    "autre": TypeWording("document", False),
}

_GENERIC = TypeWording("document", False)
_VOWELS = "aeiouyàâäéèêëîïôöùûüœAEIOUYÀÂÉÈÊÎÔÛ"

RETAKE_ADVICE = (
    "reprenez la photo ou le scan à plat, en pleine lumière et sans flou, "
    "puis déposez-le de nouveau."
)


def wording(doc_type: str) -> TypeWording:
    """The French wording of a classifier label ("document" for unknown labels)."""
    return TYPE_WORDING.get(doc_type, _GENERIC)


def type_label(doc_type: str) -> str:
    """French name of a document type for people: facture_energie -> "facture d'électricité..."."""
    return wording(doc_type).label


def join_or(items: Sequence[str]) -> str:
    """Join alternatives the French way: "a, b ou c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " ou " + items[-1]


def join_and(items: Sequence[str]) -> str:
    """Join items the French way: "a, b et c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def duration(months: int) -> str:
    """ "3 mois", "1 an", "2 ans": the months limits of the catalogue in words."""
    if months % 12 == 0:
        years = months // 12
        return "1 an" if years == 1 else f"{years} ans"
    return f"{months} mois"


def _plus_de(months: int) -> str:
    text = duration(months)
    return "plus d'un an" if text == "1 an" else f"plus de {text}"


def _definite(noun: str, feminine: bool) -> str:
    if noun[:1] in _VOWELS:
        return f"l'{noun}"
    return f"la {noun}" if feminine else f"le {noun}"


def _named(doc: CheckedDocument) -> str:
    word = wording(doc.doc_type)
    if word.short and doc.issuer:
        return f"{word.short} {doc.issuer}"
    return word.label


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]


def subject(doc: CheckedDocument, owner: str | None) -> str:
    """ "Votre facture EDF ("edf.pdf")", or "L'acte de naissance de Paul MARTIN (...)".

    ``owner`` is the person the document is for when it is not the applicant.
    """
    word = wording(doc.doc_type)
    if owner is None:
        text = f"votre {_named(doc)}"
    else:
        text = f"{_definite(_named(doc), word.feminine)} de {owner}"
    return f'{_capitalise(text)} ("{doc.filename}")'


_VAGUE_TYPES = frozenset({"courrier", "autre"})


def _types_list(piece: Piece) -> str:
    """ " : a, b ou c" listing the accepted types, when that tells more than the noun."""
    named = [type_label(t) for t in piece.accepted_types if t not in _VAGUE_TYPES]
    if len(named) < 2:
        return ""
    return " : " + join_or(named)


def _advice(piece: Piece) -> str:
    return f" {piece.advice}" if piece.advice else ""


def hint_missing(piece: Piece, person: str | None) -> str:
    """A required piece received nothing."""
    who = f" pour {person}" if person else ""
    return f"Il manque {piece.noun}{who}{_types_list(piece)}.{_advice(piece)}"


def hint_too_few(piece: Piece, person: str | None, have: int, need: int) -> str:
    """A piece needs several documents (3 payslips) and received fewer."""
    who = f" (pour {person})" if person else ""
    plural = "s" if have > 1 else ""
    return (
        f"Vous avez déposé {have} document{plural} sur les {need} demandés pour "
        f"« {piece.label} »{who} : ajoutez-en {need - have}.{_advice(piece)}"
    )


def hint_too_old(
    doc: CheckedDocument,
    owner: str | None,
    piece: Piece,
    issued: dt.date,
    months: int,
    cutoff: dt.date,
) -> str:
    """The issue date is older than the piece allows; the piece's advice says where to ask."""
    word = wording(doc.doc_type)
    e = "e" if word.feminine else ""
    pronoun = "elle" if word.feminine else "il"
    article = "une" if word.feminine else "un"
    return (
        f"{subject(doc, owner)} est daté{e} du {format_date_fr(issued)} : {pronoun} a "
        f"{_plus_de(months)}. Déposez {article} {word.short or word.label} plus récent{e}, "
        f"daté{e} du {format_date_fr(cutoff)} ou après.{_advice(piece)}"
    )


def hint_expired(
    doc: CheckedDocument,
    owner: str | None,
    piece: Piece,
    expired_on: dt.date,
    tolerance_years: int | None,
    extended: bool,
) -> str:
    """An identity document is past its expiry date (or past the tolerance)."""
    note = " (validité prolongée de 5 ans des cartes délivrées entre 2004 et 2013)"
    text = f"{subject(doc, owner)} a expiré le {format_date_fr(expired_on)}"
    text += note if extended else ""
    if tolerance_years:
        text += (
            f", il y a {_plus_de(12 * tolerance_years)} : pour cette démarche, une pièce "
            f"expirée n'est acceptée que pendant {duration(12 * tolerance_years)}"
        )
    return f"{text}. Déposez {piece.noun}{_types_list(piece)}."


def hint_holder(
    doc: CheckedDocument,
    piece: Piece,
    holder: str,
    person: str,
    is_applicant: bool,
    waiver: Piece | None,
) -> str:
    """The document is in someone else's name."""
    named = _definite(_named(doc), wording(doc.doc_type).feminine)
    text = (
        f'{_capitalise(named)} ("{doc.filename}") est au nom de {holder}, pas de {person}. '
        f"Déposez {piece.noun} au nom de {person}."
    )
    if waiver is not None:
        who = "vous êtes hébergé(e)" if is_applicant else f"{person} est hébergé(e)"
        text += f" Si {who} par {holder}, ajoutez {waiver.noun}."
    return text


def hint_illegible(
    doc: CheckedDocument, bad_pages: Sequence[int], all_blank: bool, verdict: str | None = None
) -> str:
    """Pages that cannot be read, and what to do (the quality verdict's advice when known)."""
    name = f'"{doc.filename}"'
    if all_blank:
        return f"Le document {name} est vide (pages blanches) : {RETAKE_ADVICE}"
    if verdict in ADVICE and verdict != "lisible":
        where = "Le document" if doc.page_count <= 1 else f"La page {bad_pages[0]} de"
        return f"{where} {name} ne peut pas être lu. {ADVICE[verdict]}"
    if doc.page_count <= 1 or len(bad_pages) == 0:
        return f"Le document {name} est illisible : {RETAKE_ADVICE}"
    if len(bad_pages) == 1:
        return f"La page {bad_pages[0]} de {name} est illisible : {RETAKE_ADVICE}"
    pages = join_and([str(p) for p in bad_pages])
    return f"Les pages {pages} de {name} sont illisibles : {RETAKE_ADVICE}"


def hint_unrecognised(doc: CheckedDocument) -> str:
    """No type could be told: the document counts for no piece until an agent looks at it."""
    return (
        f'Nous n\'avons pas reconnu le document "{doc.filename}" : il ne compte pour aucune '
        "pièce pour l'instant. Vérifiez que c'est le bon fichier et qu'il est net et entier ; "
        "un agent le vérifiera aussi."
    )


def hint_unread(doc: CheckedDocument, missing: Sequence[str]) -> str:
    """What could not be read with confidence on a document (never guessed)."""
    return (
        f'Nous n\'avons pas pu lire {join_and(list(missing))} sur "{doc.filename}" : un agent '
        "les vérifiera. Si vous le pouvez, déposez une copie plus nette ou complète."
    )


VERIFIED_NOTE = "Justificatif vérifié grâce à son code 2D-Doc."
"""Told to the citizen when a document's holder and dates come from a verified 2D-Doc."""


def hint_unexpected(doc: CheckedDocument, procedure: Procedure) -> str:
    """A document whose type no piece of the procedure asks for."""
    word = wording(doc.doc_type)
    if word is _GENERIC or doc.doc_type == "autre":
        what = f'Le document "{doc.filename}" ne correspond à aucune pièce demandée'
    else:
        article, e = ("une", "e") if word.feminine else ("un", "")
        what = (
            f'Le document "{doc.filename}" semble être {article} {word.label}, '
            f"qui n'est pas demandé{e}"
        )
    return (
        f"{what} pour la démarche « {procedure.title} ». Vérifiez que vous avez déposé "
        "le bon fichier ; sinon, vous pouvez le retirer."
    )


def hint_duplicate(doc: CheckedDocument, original: CheckedDocument) -> str:
    """The same file was uploaded twice."""
    return (
        f'Le fichier "{doc.filename}" est identique à "{original.filename}", déjà déposé : '
        "il n'est compté qu'une fois. Vous pouvez le retirer."
    )
