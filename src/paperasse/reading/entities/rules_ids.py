"""Rules that find identifiers in a page text and keep only those that validate.

Identifiers without a key (BIC, SIREN inside prose, tax notice reference, CAF
number, document numbers) are only looked for right after the label that
introduces them, which keeps 9-digit or 8-letter noise out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from paperasse.models.domain import Entity
from paperasse.reading.entities.checksums import (
    IBAN_LENGTHS,
    validate_bic,
    validate_iban,
    validate_nir,
    validate_numero_fiscal,
    validate_siren,
    validate_siret,
)

Validator = Callable[[str], str | None]

_IBAN_START = re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?=[ \-]?[A-Za-z0-9])")
_NIR = re.compile(r"(?<![\d])[12] ?\d{2} ?\d{2} ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}(?!\d)")
_SIRET_SPACED = re.compile(r"(?<![\d ])\d{3} \d{3} \d{3} \d{5}(?![\d])")
_FISCAL_SPACED = re.compile(r"(?<![\d ])[0-3]\d \d{2} \d{3} \d{3} \d{3}(?![\d])")
_DIGIT_GROUP = re.compile(r"\d(?:[ .]?\d){6,16}")

_CUE_SIREN = re.compile(r"\b(?:SIREN|SIRET|R\.?C\.?S\.?(?:[ \t]+[A-Za-zÀ-ÿ\-]+)?(?:[ \t]+[AB])?)"
                        r"\b[ \t]*(?:n°|no|:)?", re.IGNORECASE)  # fmt: skip
_CUE_BIC = re.compile(r"\b(?:BIC|SWIFT)\b(?:[ \t]*/[ \t]*SWIFT)?[ \t]*(?:\(SWIFT\))?[ \t]*:?",
                      re.IGNORECASE)  # fmt: skip
_CUE_FISCAL = re.compile(r"(?:num[ée]ro|n°|no)[ \t]*fiscal|identifiant[ \t]+fiscal|\bSPI\b",
                         re.IGNORECASE)  # fmt: skip
_CUE_AVIS = re.compile(r"r[ée]f[ée]rence[ \t]+de[ \t]+l['’][ \t]*avis", re.IGNORECASE)
_CUE_CAF = re.compile(r"(?:(?:n°|num[ée]ro|no)[ \t]*(?:d['’][ \t]*)?allocataire|allocataire[ \t]*n°"
                      r"|matricule(?:[ \t]+CAF)?)", re.IGNORECASE)  # fmt: skip
_CUE_DOCUMENT = re.compile(
    r"(?:n°|num[ée]ro|no)[ \t]*(?:du|de[ \t]+la|de)?[ \t]*(?:document|carte|passeport|titre)"
    r"|(?:carte|passeport|document|titre)[ \t]+n°|document[ \t]+no\.?",
    re.IGNORECASE,
)
_BIC_TOKEN = re.compile(r"[A-Za-z]{6}[A-Za-z0-9]{2}(?:[A-Za-z0-9]{3})?\b")
_AVIS_TOKEN = re.compile(r"\d{2}(?: ?[0-9A-Z]){11}(?![0-9A-Z])")
_CAF_TOKEN = re.compile(r"\d{7}(?![\dA-Za-z])")
_DOC_TOKEN = re.compile(r"[A-Z0-9]{8,12}(?![A-Z0-9])")


def _entity(label: str, text: str, start: int, end: int, value: str, page: int,
            confidence: float) -> Entity:  # fmt: skip
    return Entity(label=label, text=text[start:end], value=value, page=page, start=start,
                  end=end, confidence=confidence)  # fmt: skip


def _after_cues(text: str, cue: re.Pattern[str], token: re.Pattern[str],
                window: int = 30) -> Iterator[re.Match[str]]:  # fmt: skip
    """Tokens that start within ``window`` characters after a cue, on the same line."""
    for match in cue.finditer(text):
        line_end = text.find("\n", match.end())
        limit = min(match.end() + window, len(text) if line_end < 0 else line_end)
        found = token.search(text, match.end(), limit if line_end < 0 else line_end)
        if found is not None and found.start() < limit:
            yield found


def find_ibans(text: str, page: int) -> list[Entity]:
    """IBANs with a correct mod-97 key and length, grouped by 4 or written in one block."""
    found: list[Entity] = []
    for match in _IBAN_START.finditer(text):
        chars: list[tuple[int, str]] = []
        position = match.start()
        while position < len(text) and len(chars) < 34:
            char = text[position]
            if char.isalnum():
                chars.append((position, char))
            elif char not in " -" or not text[position + 1 : position + 2].isalnum():
                break
            position += 1
        known = IBAN_LENGTHS.get(match[0][:2].upper())
        for length in [known] if known else range(len(chars), 14, -1):
            if len(chars) < length:
                continue
            value = validate_iban("".join(c for _, c in chars[:length]))
            if value is not None:
                found.append(_entity("iban", text, match.start(), chars[length - 1][0] + 1,
                                     value, page, 0.99))  # fmt: skip
                break
    return found


def find_bics(text: str, page: int) -> list[Entity]:
    """BICs written after a ``BIC``/``SWIFT`` label."""
    return [
        _entity("bic", text, m.start(), m.end(), value, page, 0.9)
        for m in _after_cues(text, _CUE_BIC, _BIC_TOKEN)
        if (value := validate_bic(m[0])) is not None
    ]


def find_company_numbers(text: str, page: int) -> list[Entity]:
    """SIRET and SIREN after their labels (or RCS), and spaced SIRETs anywhere."""
    found: list[Entity] = []
    spans: set[tuple[int, int]] = set()
    candidates = [*_after_cues(text, _CUE_SIREN, _DIGIT_GROUP), *_SIRET_SPACED.finditer(text)]
    for match in candidates:
        if (match.start(), match.end()) in spans:
            continue
        spans.add((match.start(), match.end()))
        digits = re.sub(r"\D", "", match[0])
        if len(digits) == 14 and (siret := validate_siret(digits)):
            found.append(_entity("siret", text, match.start(), match.end(), siret, page, 0.95))
        elif len(digits) == 9 and (siren := validate_siren(digits)):
            found.append(_entity("siren", text, match.start(), match.end(), siren, page, 0.9))
    return found


def find_nirs(text: str, page: int) -> list[Entity]:
    """Social security numbers whose key, sex and month are consistent."""
    return [
        _entity("nir", text, m.start(), m.end(), value, page, 0.97)
        for m in _NIR.finditer(text)
        if (value := validate_nir(m[0])) is not None
    ]


def find_tax_numbers(text: str, page: int) -> list[Entity]:
    """Numéros fiscaux (with their mod-511 key) and tax notice references (after their label).

    The reference of a tax notice (13 characters, starting with the two-digit
    year) has no public key: it is kept only after ``Référence de l'avis``.
    """
    found: list[Entity] = []
    spans: set[int] = set()
    for match in [*_after_cues(text, _CUE_FISCAL, _DIGIT_GROUP), *_FISCAL_SPACED.finditer(text)]:
        value = validate_numero_fiscal(match[0])
        if value is not None and match.start() not in spans:
            spans.add(match.start())
            found.append(_entity("numero_fiscal", text, match.start(), match.end(), value, page,
                                 0.95))  # fmt: skip
    for match in _after_cues(text, _CUE_AVIS, _AVIS_TOKEN):
        value = match[0].replace(" ", "")
        found.append(_entity("reference_avis", text, match.start(), match.end(), value, page, 0.8))
    return found


def find_caf_numbers(text: str, page: int) -> list[Entity]:
    """CAF numéros allocataire: 7 digits after their label (no public key to check)."""
    return [
        _entity("numero_allocataire", text, m.start(), m.end(), m[0], page, 0.8)
        for m in _after_cues(text, _CUE_CAF, _CAF_TOKEN)
    ]


def find_document_numbers(text: str, page: int) -> list[Entity]:
    """Identity document numbers after ``N° du document``, ``Carte n°``, ``N° de passeport``.

    Shapes kept: 12 digits (identity card 1988-2021), 9 letters and digits
    (identity card 2021+, passport ``12AB34567``), 10 digits (residence permit).
    """
    found: list[Entity] = []
    for match in _after_cues(text, _CUE_DOCUMENT, _DOC_TOKEN):
        token = match[0]
        digits = sum(c.isdigit() for c in token)
        if (
            (len(token) == 12 and token.isdigit())
            or (len(token) == 9 and digits >= 2)
            or (len(token) == 10 and token.isdigit())
        ):
            found.append(_entity("numero_document", text, match.start(), match.end(), token,
                                 page, 0.85))  # fmt: skip
    return found


ID_FINDERS: tuple[Callable[[str, int], list[Entity]], ...] = (
    find_ibans, find_bics, find_company_numbers, find_nirs, find_tax_numbers, find_caf_numbers,
    find_document_numbers,
)  # fmt: skip
