"""Validators for contact details: French phone numbers, e-mail, postcodes, addresses.

Like the checksum validators, each answers the normalised value or ``None``.
"""

from __future__ import annotations

import re
import unicodedata

# Overseas departments dial through their own country codes although their
# national numbers start with 0 like metropolitan ones (ARCEP numbering plan).
_OVERSEAS_PREFIXES: dict[str, str] = {
    "262": "262", "263": "262", "692": "262", "693": "262",  # La Réunion
    "269": "262", "639": "262",  # Mayotte
    "590": "590", "690": "590", "691": "590",  # Guadeloupe, Saint-Martin, Saint-Barthélemy
    "594": "594", "694": "594",  # Guyane
    "596": "596", "696": "596", "697": "596",  # Martinique
}  # fmt: skip

_PHONE_CHARS = re.compile(r"[\s.\-/]|\(0\)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,24}")

STREET_TYPES: dict[str, str] = {
    "rue": "RUE", "r": "RUE", "avenue": "AVENUE", "av": "AVENUE", "ave": "AVENUE",
    "boulevard": "BOULEVARD", "bd": "BOULEVARD", "bld": "BOULEVARD", "bvd": "BOULEVARD",
    "chemin": "CHEMIN", "ch": "CHEMIN", "che": "CHEMIN", "impasse": "IMPASSE", "imp": "IMPASSE",
    "place": "PLACE", "pl": "PLACE", "allée": "ALLEE", "allee": "ALLEE", "all": "ALLEE",
    "route": "ROUTE", "rte": "ROUTE", "quai": "QUAI", "cours": "COURS", "crs": "COURS",
    "passage": "PASSAGE", "pass": "PASSAGE", "square": "SQUARE", "sq": "SQUARE",
    "faubourg": "FAUBOURG", "fbg": "FAUBOURG", "résidence": "RESIDENCE",
    "residence": "RESIDENCE", "rés": "RESIDENCE", "res": "RESIDENCE", "lotissement": "LOTISSEMENT",
    "lot": "LOTISSEMENT", "hameau": "HAMEAU", "ham": "HAMEAU", "lieu-dit": "LIEU-DIT",
    "ld": "LIEU-DIT", "voie": "VOIE", "sentier": "SENTIER", "promenade": "PROMENADE",
    "esplanade": "ESPLANADE", "cité": "CITE", "cite": "CITE", "villa": "VILLA", "mail": "MAIL",
    "parvis": "PARVIS", "rond-point": "ROND-POINT", "ruelle": "RUELLE", "montée": "MONTEE",
    "montee": "MONTEE", "traverse": "TRAVERSE", "venelle": "VENELLE", "domaine": "DOMAINE",
}  # fmt: skip


def validate_phone(text: str) -> str | None:
    """Answer a French phone number in E.164 (``+33612345678``), or None.

    Accepts ``06 12 34 56 78``, ``06.12.34.56.78``, ``+33 6 12 34 56 78``,
    ``+33 (0)6 ...`` and ``0033 6 ...``. A national number must not start with
    0 after the trunk prefix. Overseas numbers (0262, 0590, 0694...) get their
    own country code: ``0262 12 34 56`` is ``+262262123456``.
    """
    raw = _PHONE_CHARS.sub("", text)
    if raw.startswith("+33"):
        national = raw[3:]
    elif raw.startswith("0033"):
        national = raw[4:]
    elif raw.startswith("0") and not raw.startswith("00"):
        national = raw[1:]
    else:
        return None
    if len(national) != 9 or not national.isdigit() or national[0] == "0":
        return None
    country = _OVERSEAS_PREFIXES.get(national[:3], "33")
    return f"+{country}{national}"


def validate_email(text: str) -> str | None:
    """Answer the e-mail address with its domain in lowercase, or None."""
    address = text.strip()
    if _EMAIL.fullmatch(address) is None or ".." in address:
        return None
    local, domain = address.rsplit("@", 1)
    return f"{local}@{domain.lower()}"


def validate_postcode(text: str) -> str | None:
    """Answer a 5-digit French postcode, or None.

    Departments 01-95 (Corsica's postcodes start with 20: 2A/2B never appear in
    postcodes), overseas 971-978 and 984-989, and Monaco 98000. Codes ending in
    000 other than Monaco's are not used by La Poste but are accepted.
    """
    code = text.strip()
    if len(code) != 5 or not code.isdigit():
        return None
    department = int(code[:2])
    if 1 <= department <= 95:
        return code
    if code[:3] in {"971", "972", "973", "974", "975", "976", "977", "978"}:
        return code
    if code[:3] in {"984", "986", "987", "988", "989"} or code == "98000":
        return code
    return None


def strip_accents(text: str) -> str:
    """Remove diacritics: addresses are compared the way La Poste prints them."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def normalise_address(number: str, street_type: str, street_name: str, postcode: str,
                      commune: str) -> str | None:  # fmt: skip
    """One-line address in La Poste style: ``12 B RUE DE LA PAIX, 75002 PARIS``.

    Uppercase, no accents, street type abbreviations expanded (``bd`` ->
    ``BOULEVARD``), whitespace collapsed. None if the postcode is invalid or
    the street type unknown, so that ``value`` is comparable across documents.
    """
    code = validate_postcode(postcode)
    kind = STREET_TYPES.get(street_type.lower().rstrip("."))
    if code is None or kind is None:
        return None

    def clean(part: str) -> str:
        return " ".join(strip_accents(part).upper().replace(",", " ").split())

    head = " ".join(p for p in (clean(number), kind, clean(street_name)) if p)
    return f"{head}, {code} {clean(commune)}"
