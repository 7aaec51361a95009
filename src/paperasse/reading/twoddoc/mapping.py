"""From ANTS fields to paperasse's common field names and document types.

``twoddoc_fields`` states a field only for a 2D-Doc whose signature verified
(confidence 1.0) or a specimen of the test authority (0.5, so that specimens are
visible in tests and demos but never outrank a real source). A code of unknown
authority or an invalid one gives nothing: its content may be forged.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools

from paperasse.models.domain import ReadField, TwoDDoc
from paperasse.reading.entities.names import PersonName
from paperasse.reading.mrz import parse_mrz
from paperasse.reading.twoddoc.message import hex_date
from paperasse.reading.twoddoc.results import field_key
from paperasse.reading.twoddoc.spec import document_types, field_specs

CONFIDENCE = {"valide": 1.0, "autorite_test": 0.5}

# ANTS identifier -> common name, in order of preference for each name.
_SIMPLE: tuple[tuple[str, str], ...] = (
    ("62", "surname"), ("6G", "surname"), ("13", "surname"), ("B2", "surname"),
    ("F1", "surname"), ("L0", "surname"), ("80", "surname"),
    ("60", "given_names"), ("B0", "given_names"), ("F0", "given_names"), ("L1", "given_names"),
    ("81", "given_names"), ("61", "given_names"), ("12", "given_names"), ("B1", "given_names"),
    ("6H", "civility"), ("11", "civility"),
    ("69", "birth_date"), ("B7", "birth_date"), ("F2", "birth_date"), ("L2", "birth_date"),
    ("6A", "birth_place"), ("B8", "birth_place"),
    ("68", "sex"), ("B6", "sex"), ("F3", "sex"), ("67", "nationality"), ("B5", "nationality"),
    ("66", "document_number"), ("AH", "document_number"), ("AL", "document_number"),
    ("82", "document_number"), ("85", "document_number"), ("86", "document_number"),
    ("08", "expiry_date"), ("6O", "expiry_date"), ("AI", "expiry_date"),
    ("31", "iban"), ("32", "bic"), ("47", "tax_number"), ("40", "tax_number"),
    ("0A", "issuer_siren"),
)  # fmt: skip
# Lines "QUALITÉ/NOM/PRÉNOM" that name the holder (beneficiary, account holder, taxpayer).
_NAME_LINES = ("10", "30", "46")
# (address lines 2 to 5, postcode, city): service point of a bill, home, vehicle owner.
_ADDRESSES = (
    (("20", "21", "22", "23"), "24", "25"),
    (("6S", "6T", "6U", "6V"), "6W", "6X"),
    (("AU", "AV", "AW", "AX"), "AY", "AZ"),
)
_MRZ_SHAPES = {88: (2, 44), 90: (3, 30), 72: (2, 36)}  # TD3, TD1, 1988 identity card
_CIVILITIES = frozenset(
    ("M", "MR", "MM", "MME", "MMES", "MLLE", "MONSIEUR", "MADAME", "MADEMOISELLE", "ME",
     "MAITRE", "DR", "DOCTEUR")
)  # fmt: skip


def _title(word: str) -> str:
    return "-".join(part.capitalize() for part in word.split("-"))


def _given(text: str) -> tuple[str, ...]:
    return tuple(_title(w) for part in text.split("/") for w in part.split())


def split_name_line(text: str) -> tuple[str | None, PersonName] | None:
    """``MME/SPECIMEN/NATACHA`` -> civility, surname and given names; None without ``/``.

    The specification orders the items civility, surname, given names and lets
    issuers separate them with ``/`` (section 7.1, DI 10); without separators the
    line cannot be split safely (``M EXEMPLE HENRY ET MME SPECIMEN NATACHA``).
    """
    parts = [p.strip() for p in text.split("/")]
    if len(parts) < 2 or not all(parts[:2]):
        return None
    civility = None
    if len(parts) >= 3 or parts[0] in _CIVILITIES:
        civility, parts = parts[0], parts[1:]
    surname, given = parts[0], _given("/".join(parts[1:]))
    return civility, PersonName(surname.upper(), given, text)


def _mrz_fields(value: str) -> dict[str, tuple[str, str]]:
    """The fields of a signed MRZ (DI 6F, fillers encoded as spaces), if its checks hold."""
    if len(value) not in _MRZ_SHAPES and 60 < len(value) < 90:
        value = value.ljust(90)  # a TD1's last line ends with fillers an issuer may drop
    shape = _MRZ_SHAPES.get(len(value))
    if shape is None:
        return {}
    count, width = shape
    lines = [value[i * width : (i + 1) * width].replace(" ", "<") for i in range(count)]
    mrz = parse_mrz(lines)
    if mrz is None or not mrz.valid or mrz.corrected:
        return {}
    read = {
        "surname": mrz.surname, "given_names": " ".join(_title(g) for g in mrz.given_names),
        "document_number": mrz.document_number, "sex": mrz.sex or "",
        "nationality": mrz.nationality or "",
        "birth_date": mrz.birth_date.isoformat() if mrz.birth_date else "",
        "expiry_date": mrz.expiry_date.isoformat() if mrz.expiry_date and not mrz.expiry_derived
        else "",
    }  # fmt: skip
    return {name: (normal, value) for name, normal in read.items() if normal}


def _iso(field_id: str, value: str) -> str | None:
    """A date value as ISO 8601, None when it is not a complete, real date."""
    fmt = field_specs()[field_id].format
    try:
        if fmt == "date_hex":
            day = hex_date(value)
            return day.isoformat() if day else None
        if fmt == "date":
            return dt.datetime.strptime(value, "%d%m%Y").date().isoformat()
        if fmt == "date_iso":
            return dt.datetime.strptime(value, "%Y%m%d").date().isoformat()
        if fmt == "datetime":
            return dt.datetime.strptime(value, "%d%m%Y%H%M").isoformat(timespec="minutes")
    except ValueError:
        return None
    return value


def field_value(field_id: str, value: str) -> str | None:
    """A field's value normalised for reading: ISO dates, decoded URL; None if unreadable."""
    fmt = field_specs()[field_id].format
    if fmt == "base32":
        try:
            return base64.b32decode(value + "=" * (-len(value) % 8)).decode("utf-8")
        except (binascii.Error, UnicodeDecodeError):
            return None
    return _iso(field_id, value) if fmt else value


@functools.cache
def _ids_by_key() -> dict[str, str]:
    return {field_key(field_id): field_id for field_id in field_specs()}


def _by_id(doc: TwoDDoc) -> dict[str, str]:
    ids = _ids_by_key()
    return {ids[key]: value for key, value in doc.fields.items() if key in ids}


def _normalise(name: str, field_id: str, value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if name == "given_names":
        return " ".join(_given(value))
    if name in ("iban", "bic"):
        return value.replace(" ", "").upper()
    return field_value(field_id, value)


Found = dict[str, tuple[str, str]]  # common name -> (normalised value, value as encoded)


def _names(values: dict[str, str], found: Found) -> None:
    """Holder names from a signed MRZ, then from « QUALITÉ/NOM/PRÉNOM » lines."""
    if "6F" in values:
        for name, pair in _mrz_fields(values["6F"]).items():
            found.setdefault(name, pair)
    for field_id in _NAME_LINES:
        line = values.get(field_id, "").strip()
        split = split_name_line(line) if line else None
        if split is not None:
            civility, person = split
            given = " ".join(person.given_names)
            for name, normal in (("civility", civility), ("surname", person.surname),
                                 ("given_names", given)):  # fmt: skip
                if normal:
                    found.setdefault(name, (normal, line))
        if line and "full_name" not in found and "surname" not in found:
            found["full_name"] = (line, line)  # a line we cannot split is kept whole
    if "surname" in found and "full_name" not in found:
        given_names = tuple(found["given_names"][0].split()) if "given_names" in found else ()
        person = PersonName(found["surname"][0].upper(), given_names, "")
        found["full_name"] = (person.full_name, person.full_name)


def _address(values: dict[str, str], found: Found) -> None:
    """The first address block present: postal lines 2 to 5, then postcode and city."""
    for lines, postcode, city in _ADDRESSES:
        parts = [values.get(i, "").strip() for i in lines]
        place = " ".join(values.get(i, "").strip() for i in (postcode, city)).strip()
        if not any(parts) and not place:
            continue
        address = ", ".join([p for p in parts if p] + ([place] if place else []))
        found["address"] = (address, address)
        for name, field_id in (("postcode", postcode), ("city", city)):
            if values.get(field_id, "").strip():
                found[name] = (values[field_id].strip(), values[field_id])
        return


def _read(doc: TwoDDoc, values: dict[str, str]) -> Found:
    """Common name -> (normalised value, value as encoded); the first source wins."""
    found: Found = {}
    for field_id, name in _SIMPLE:
        if name not in found and field_id in values:
            normal = _normalise(name, field_id, values[field_id])
            if normal:
                found[name] = (normal, values[field_id])
    _names(values, found)
    _address(values, found)
    if doc.issued_on is not None:
        found["issue_date"] = (doc.issued_on.isoformat(), doc.issued_on.isoformat())
    return found


def twoddoc_fields(doc: TwoDDoc) -> list[ReadField]:
    """The holder, address, dates and numbers a 2D-Doc states, as common fields.

    Nothing for a code that is neither verified nor a test specimen.
    """
    confidence = CONFIDENCE.get(doc.status)
    if confidence is None:
        return []
    return [
        ReadField(
            name=name, value=value, source="2d-doc", confidence=confidence, page=doc.page, text=text
        )
        for name, (value, text) in _read(doc, _by_id(doc)).items()
    ]


def document_type_hint(doc: TwoDDoc) -> str | None:
    """The paperasse document type a 2D-Doc's type proves, when it can be only one.

    None for an invalid code, another perimeter, or a type that spans several
    paperasse types (a « Facture » may be for energy, telephone, internet or water).
    """
    if doc.status == "invalide" or doc.perimeter not in (None, "01"):
        return None
    known = document_types().get(doc.document_type)
    return known.paperasse_type if known else None
