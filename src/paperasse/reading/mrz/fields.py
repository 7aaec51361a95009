"""What a valid MRZ tells, as trusted fields, and which document type it implies."""

from __future__ import annotations

from paperasse.models.domain import ReadField
from paperasse.reading.mrz.parse import MrzResult

CONFIDENCE = 0.99
REPAIRED_CONFIDENCE = 0.95  # an OCR repair was needed, and a check digit confirmed it
# The 1988-2021 card prints no expiry: it is derived from the issue month and a rule
# (see parse.py) that ignores cases such as a card renewed early, hence lower.
DERIVED_EXPIRY_CONFIDENCE = 0.7
# What no check digit vouches for (names; a field that passed only after a repair)
# and no second reading confirmed: shown to an agent, but below what the holder is
# taken from (0.8 in reading/entities/holder.py).
UNCONFIRMED_CONFIDENCE = 0.6
RESIDENCE_PERMIT_CODES = frozenset({"IR", "AR", "CR"})


def mrz_fields(result: MrzResult, page: int = 1) -> list[ReadField]:
    """The holder, number and dates of a valid MRZ as fields with ``source="mrz"``.

    An MRZ whose check digits do not all hold gives no field at all: what it would
    say is not trusted. When no second reading confirmed the MRZ (``confirmed``),
    the names and any repaired field get ``UNCONFIRMED_CONFIDENCE``. Dates are ISO;
    given names are title case, space-separated.
    """
    if not result.valid:
        return []
    confidence = REPAIRED_CONFIDENCE if result.corrected else CONFIDENCE
    encoded_names = _encoded_names(result)

    def field(name: str, value: str | None, text: str = "", conf: float = confidence) -> None:
        if value:
            found.append(ReadField(name=name, value=value, source="mrz", confidence=conf,
                                   page=page, text=text or value))  # fmt: skip

    found: list[ReadField] = []
    doubtful = set() if result.confirmed else {"surname", "given_names", *result.repaired}

    def trust(name: str) -> float:
        return UNCONFIRMED_CONFIDENCE if name in doubtful else confidence

    given = " ".join(g.title() for g in result.given_names)
    field("surname", result.surname, encoded_names[0], conf=trust("surname"))
    field("given_names", given, encoded_names[1], conf=trust("given_names"))
    field("document_number", result.document_number, conf=trust("document_number"))
    birth = result.birth_date.isoformat() if result.birth_date else None
    field("birth_date", birth, conf=trust("birth_date"))
    if result.expiry_date is not None and result.expiry_derived:
        issued = f"{result.issue_date:%m/%Y}" if result.issue_date else "?"
        field("expiry_date", result.expiry_date.isoformat(),
              f"non inscrite dans la MRZ : déduite du mois de délivrance ({issued})",
              conf=min(trust("birth_date"), DERIVED_EXPIRY_CONFIDENCE))  # fmt: skip
    elif result.expiry_date is not None:
        field("expiry_date", result.expiry_date.isoformat(), conf=trust("expiry_date"))
    field("nationality", result.nationality)
    field("sex", result.sex)
    field("issuing_state", result.issuing_state)
    field("document_code", result.document_code)
    field("mrz_format", result.format)
    return found


def _encoded_names(result: MrzResult) -> tuple[str, str]:
    """Surname and given names as the MRZ encodes them (``<`` between parts)."""
    surname = result.surname.replace(" ", "<")
    separator = "<<" if result.format == "cni_1988" else "<"
    return surname, separator.join(result.given_names)


def document_type_hint(result: MrzResult) -> str | None:
    """The paperasse document type a valid MRZ makes certain, or None.

    ``P…`` is a passport whoever issued it; ``ID`` issued by France is the
    national identity card; a French residence-permit code is a titre de séjour.
    Anything else (visas, other states' cards and permits) says nothing sure.
    """
    if not result.valid:
        return None
    code, state = result.document_code, result.issuing_state
    if code.startswith("P"):
        return "passeport"
    if code == "ID" and state == "FRA":
        return "carte_identite"
    if code in RESIDENCE_PERMIT_CODES and state == "FRA":
        return "titre_sejour"
    return None
