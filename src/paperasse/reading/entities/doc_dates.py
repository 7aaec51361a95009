"""``find_issue_date`` and ``find_expiry_date``: when a document was made, until when it holds.

The issue date is the date the document was made, not any date it mentions.
It is read after the label each type of document uses (``Date de facture``,
``Date de mise en recouvrement``, ``Date de délivrance``, ``Fait à X, le``...).
For payslips and bank statements it is the end of the period (or the payment
date when printed); a period written as a month (``janvier 2026``) ends on the
month's last day. With no label, we fall back to the latest date that is not
after ``today`` and is not a birth, expiry or due date, with confidence 0.4:
documents print due dates and periods after their issue date, rarely before.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from paperasse.models.domain import Entity, PageText
from paperasse.reading.entities.dates import DateMatch, find_dates
from paperasse.reading.mrz.parse import parse_mrz


@dataclass(frozen=True)
class DateFinding:
    """A document date, how sure we are of it, and the label it was read after."""

    value: dt.date
    confidence: float
    cue: str
    page: int


_ISSUE_CUES: dict[str, str] = {
    "mise_en_recouvrement": r"date\s+de\s+mise\s+en\s+recouvrement",
    "date_etablissement": r"date\s+d['’]\s*[ée]tablissement|[ée]tabli(?:e|s)?\s+le",
    "date_facture": r"date\s+(?:de\s+(?:la\s+)?)?facture|facture\s+(?:n°\s*[\w\-/]+\s+)?du",
    "date_emission": r"date\s+d['’]\s*[ée]mission|[ée]mise?\s+le",
    "date_delivrance": r"date\s+de\s+d[ée]livrance|d[ée]livr[ée]e?\s+le",
    "date_paiement": r"date\s+de\s+paiement|pay[ée]\s+le|vers[ée]\s+le",
    "periode": (
        r"p[ée]riode\s*(?:de\s+paie\s*)?(?:du|:)|relev[ée]\s+(?:de\s+compte\s+)?du|\bdu(?=\s+\d)"
    ),
    "date_edition": r"date\s+d['’]\s*[ée]dition|[ée]dit[ée]e?\s+le|arr[êe]t[ée]\s+au",
    "fait_le": r"fait\s+[àa]\s+[^\n,]{1,40}?,?\s+le",
    "ville_le": r"^[ \t]*[A-ZÀ-Ý][\w'\- ]{1,40},\s*le",
    "date": r"^[ \t]*(?:date|le)\b",
}
_ISSUE_ORDER: dict[str, tuple[str, ...]] = {
    "facture": ("date_facture", "date_emission", "date_edition", "date_etablissement", "date"),
    "avis_imposition": ("mise_en_recouvrement", "date_etablissement"),
    "bulletin_salaire": ("date_paiement", "periode"),
    "releve_bancaire": ("date_edition", "periode"),
    "identite": ("date_delivrance",),
    "etat_civil": ("date_delivrance", "fait_le", "date_etablissement"),
    "attestation": ("date_etablissement", "date_delivrance", "fait_le", "ville_le",
                    "date_edition", "date_emission", "date"),
}  # fmt: skip
_FAMILY = {
    "facture_energie": "facture", "facture_eau": "facture", "facture_telecom": "facture",
    "carte_identite": "identite", "passeport": "identite", "titre_sejour": "identite",
    "permis_conduire": "identite", "carte_vitale": "identite", "carte_grise": "identite",
    "acte_naissance": "etat_civil", "acte_mariage": "etat_civil", "acte_deces": "etat_civil",
    "livret_famille": "etat_civil", "avis_imposition": "avis_imposition",
    "bulletin_salaire": "bulletin_salaire", "releve_bancaire": "releve_bancaire",
}  # fmt: skip
_GENERIC_ORDER = (
    "date_facture", "mise_en_recouvrement", "date_etablissement", "date_delivrance",
    "date_emission", "date_paiement", "fait_le", "ville_le", "date_edition", "date",
)  # fmt: skip
_NOT_ISSUE = re.compile(
    r"(?:n[ée]+\s*(?:\(e\))?\s*le|naissance|expir|valable|validit|limite|avant\s+le|"
    r"[ée]ch[ée]ance|exigible|pr[ée]l[èe]v|[àa]\s+compter|jusqu|au\s*$|d[ée]but)[^\n]{0,25}$",
    re.IGNORECASE,
)
_EXPIRY_CUE = re.compile(
    r"date\s+d['’]\s*expiration|valable\s+jusqu['’]\s*(?:au|à|a)|expire\s+le|fin\s+de\s+validit[ée]"
    r"|date\s+de\s+validit[ée]|valid\s+until|expiry\s+date",
    re.IGNORECASE,
)


def _family(doc_type: str | None) -> str | None:
    if doc_type is None:
        return None
    return _FAMILY.get(doc_type, "attestation" if doc_type != "autre" else None)


def _end_of_month(value: dt.date) -> dt.date:
    return value.replace(day=calendar.monthrange(value.year, value.month)[1])


def _date_after(text: str, position: int, *, second_of_range: bool) -> DateMatch | None:
    """The date right after a label (same line, or the next when the line ends there)."""
    window = text[position : position + 80]
    line_end = window.find("\n")
    if line_end >= 0 and window[:line_end].strip(" \t:.-"):
        window = window[:line_end]
    dates = [d for d in find_dates(window) if window[: d.start].count("\n") <= 1]
    if not dates:
        return None
    if (
        second_of_range
        and len(dates) > 1
        and re.search(r"\bau\b", window[dates[0].end : dates[1].start])
    ):
        return dates[1]
    return dates[0]


def _by_cue(cue: str, pages: list[PageText], today: dt.date) -> DateFinding | None:
    pattern = re.compile(_ISSUE_CUES[cue], re.IGNORECASE | re.MULTILINE)
    for page in pages:
        for match in pattern.finditer(page.text):
            found = _date_after(page.text, match.end(), second_of_range=cue == "periode")
            if found is None:
                continue
            value = found.value
            if found.precision == "month":
                value = _end_of_month(value)
            if value > today + dt.timedelta(days=31):
                continue
            confidence = 0.7 if cue in {"date", "periode", "ville_le"} else 0.9
            return DateFinding(value, confidence, cue, page.number)
    return None


def _fallback(pages: list[PageText], today: dt.date) -> DateFinding | None:
    best: DateFinding | None = None
    for page in pages:
        previous_end = 0
        for found in find_dates(page.text):
            # Only the words since the previous date can qualify this one.
            start = max(previous_end, found.start - 60)
            line = page.text[start : found.start].rsplit("\n", 1)[-1]
            previous_end = found.end
            if found.value > today or _NOT_ISSUE.search(line) or found.precision == "month":
                continue
            if best is None or found.value > best.value:
                best = DateFinding(found.value, 0.4, "derniere_date", page.number)
    return best


def locate_issue_date(doc_type: str | None, pages: list[PageText], entities: list[Entity],
                      *, today: dt.date | None = None) -> DateFinding | None:  # fmt: skip
    """The issue date with its confidence and the label it was read after."""
    today = today or dt.date.today()
    family = _family(doc_type)
    for cue in _ISSUE_ORDER.get(family or "", _GENERIC_ORDER):
        finding = _by_cue(cue, pages, today)
        if finding is not None:
            return finding
    if family == "identite":
        for entity in entities:
            if entity.label == "mrz" and entity.confidence >= 0.9:
                mrz = parse_mrz(entity.value.split("\n"), today=today)
                if mrz is not None and mrz.valid and mrz.issue_date is not None:
                    return DateFinding(mrz.issue_date, 0.6, "mrz", entity.page)
    return _fallback(pages, today)


def find_issue_date(doc_type: str | None, pages: list[PageText], entities: list[Entity],
                    *, today: dt.date | None = None) -> dt.date | None:  # fmt: skip
    """The date the document was made, or None. See the module docstring for the rules."""
    finding = locate_issue_date(doc_type, pages, entities, today=today)
    return finding.value if finding else None


def locate_expiry_date(doc_type: str | None, pages: list[PageText], entities: list[Entity],
                       *, today: dt.date | None = None) -> DateFinding | None:  # fmt: skip
    """The expiry date: a valid MRZ first, then ``Date d'expiration``/``Valable jusqu'au``.

    The expiry derived for an identity card of 1988-2021 (which prints none in
    its MRZ) comes last, with confidence 0.6.
    """
    derived: DateFinding | None = None
    for entity in entities:
        if entity.label == "mrz" and entity.confidence >= 0.9:
            mrz = parse_mrz(entity.value.split("\n"), today=today)
            if mrz is None or not mrz.valid or mrz.expiry_date is None:
                continue
            if not mrz.expiry_derived:
                return DateFinding(mrz.expiry_date, entity.confidence, "mrz", entity.page)
            derived = derived or DateFinding(mrz.expiry_date, 0.6, "mrz_derivee", entity.page)
    for page in pages:
        for match in _EXPIRY_CUE.finditer(page.text):
            found = _date_after(page.text, match.end(), second_of_range=False)
            if found is not None:
                return DateFinding(found.value, 0.9, "date_expiration", page.number)
    return derived


def find_expiry_date(doc_type: str | None, pages: list[PageText], entities: list[Entity],
                     *, today: dt.date | None = None) -> dt.date | None:  # fmt: skip
    """The date until which the document is valid, or None (most documents have none)."""
    finding = locate_expiry_date(doc_type, pages, entities, today=today)
    return finding.value if finding else None
