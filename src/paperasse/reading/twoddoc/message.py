"""``parse_2ddoc``: the header, message, signature and annex of a C40 2D-Doc.

Follows the ANTS specification v3.2.6, sections 3.3 (headers of versions 01 to 04),
3.4.1 (the C40 message zone: fixed-length values without separator, variable ones
ended by <GS>, or by <RS> when truncated, or by reaching their maximum length),
3.5.2 (the signature after <US>, in base32; binary and last in version 01) and
3.6 (the unsigned annex after the signature, version 04). Anything that is not a
2D-Doc (a CNI's digital seal, a shop's DataMatrix) gives None; a 2D-Doc header
followed by a message that breaks these rules raises ``MalformedTwoDDocError``.

Not read: the binary and mixed encodings of version 04 (section 3.3.4, no
document type of perimeter 01 uses them), multi-barcode codes (section 3.8).
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import logging
import re
from dataclasses import dataclass

from paperasse.errors import InputError
from paperasse.reading.twoddoc.spec import FieldSpec, field_specs

log = logging.getLogger(__name__)

GS, RS, US = "\x1d", "\x1e", "\x1f"
DAY_ZERO = dt.date(2000, 1, 1)
MAX_CODE_BYTES = 4096  # a DataMatrix holds at most 1,556 bytes, a QR code 2,953
_SIGNATURE_SIZES = (64, 96, 132)  # raw r||s of P-256, P-384, P-521 (section 3.5.2)
_HEADER = re.compile(
    r"DC(?P<version>0[1-4])(?P<authority>[A-Z0-9]{4})(?P<certificate>[A-Z0-9]{4})"
    r"(?P<issued>[0-9A-F]{4})(?P<signed>[0-9A-F]{4})(?P<type>[A-Z0-9]{2})"
)
_PERIMETER = re.compile(r"[A-Z0-9]{2}")
_COUNTRY = re.compile(r"[A-Z]{2}")
_BASE32 = re.compile(r"[A-Z2-7]+")
_CONTROL = re.compile(r"[\x00-\x1f]")


class MalformedTwoDDocError(InputError):
    """A 2D-Doc header was found but the rest of the code breaks the specification."""

    code = "malformed_2ddoc"

    def __init__(
        self, message: str, header: TwoDDocHeader, signed: tuple[bytes, bytes] | None = None
    ) -> None:
        super().__init__(message, details={"authority": header.authority})
        self.header = header
        self.signed = signed  # (signed data, signature) when the signature could be read


@dataclass(frozen=True)
class TwoDDocHeader:
    """The fixed-size header: who signed, when, and which document type follows."""

    version: str
    authority: str
    certificate: str
    issued_on: dt.date | None
    signed_on: dt.date | None
    document_type: str
    perimeter: str | None
    country: str | None
    length: int

    @property
    def test_authority(self) -> bool:
        """Authorities ``XX00`` are reserved for tests (section 3.3)."""
        return self.authority[2:] == "00"


@dataclass(frozen=True)
class TwoDDocField:
    """One data identifier and its value as encoded (``truncated``: ended by <RS>)."""

    id: str
    name: str
    value: str
    truncated: bool = False


@dataclass(frozen=True)
class TwoDDocMessage:
    """A parsed 2D-Doc: ``signed_data`` is exactly what the signature covers."""

    header: TwoDDocHeader
    fields: tuple[TwoDDocField, ...]
    annex: tuple[TwoDDocField, ...]
    signed_data: bytes
    signature: bytes
    notes: tuple[str, ...] = ()

    def field(self, field_id: str) -> TwoDDocField | None:
        """The signed field with this identifier, if present."""
        return next((f for f in self.fields if f.id == field_id), None)


class _ZoneError(ValueError):
    pass


def hex_date(text: str) -> dt.date | None:
    """Days since 2000-01-01 in hexadecimal (``125E`` is 2012-11-15); ``FFFF``: no date."""
    if text == "FFFF":
        return None
    return DAY_ZERO + dt.timedelta(days=int(text, 16))


def _header(text: str) -> TwoDDocHeader | None:
    match = _HEADER.match(text)
    if match is None:
        return None
    version = match["version"]
    end = match.end()
    perimeter = country = None
    if version in ("03", "04"):
        perimeter, end = text[end : end + 2], end + 2
        if not _PERIMETER.fullmatch(perimeter):
            return None
    if version == "04":
        country, end = text[end : end + 2], end + 2
        if not _COUNTRY.fullmatch(country):
            return None
    return TwoDDocHeader(
        version=version, authority=match["authority"], certificate=match["certificate"],
        issued_on=hex_date(match["issued"]), signed_on=hex_date(match["signed"]),
        document_type=match["type"], perimeter=perimeter, country=country, length=end,
    )  # fmt: skip


def _variable_end(zone: str, pos: int) -> int:
    ends = [i for i in (zone.find(GS, pos), zone.find(RS, pos)) if i >= 0]
    return min(ends) if ends else len(zone)


def _read_value(zone: str, pos: int, spec: FieldSpec, strict: bool) -> tuple[str, bool, int]:
    """The value at ``pos``, whether it was truncated, and where the next identifier starts."""
    if spec.fixed:
        value = zone[pos : pos + spec.min]
        if len(value) < spec.min or GS in value or RS in value:
            raise _ZoneError(f"le champ {spec.id} doit compter {spec.min} caractères")
        pos += spec.min
        if zone[pos : pos + 1] == GS:  # some issuers end fixed values with <GS> anyway
            pos += 1
        return value, False, pos
    end = _variable_end(zone, pos)
    if strict and spec.max is not None and end - pos > spec.max:
        return zone[pos : pos + spec.max], False, pos + spec.max
    truncated = zone[end : end + 1] == RS
    return zone[pos:end], truncated, end + 1


def _parse_zone(zone: str, *, strict: bool) -> list[TwoDDocField]:
    specs = field_specs()
    fields: list[TwoDDocField] = []
    pos = 0
    while pos < len(zone):
        field_id = zone[pos : pos + 2]
        spec = specs.get(field_id)
        if spec is None:
            shown = field_id.encode("unicode_escape").decode("ascii")
            raise _ZoneError(f"identifiant de donnée inconnu « {shown} »")
        value, truncated, pos = _read_value(zone, pos + 2, spec, strict)
        if len(value) < spec.min or _CONTROL.search(value):
            raise _ZoneError(f"valeur du champ {spec.id} non conforme")
        fields.append(TwoDDocField(spec.id, spec.name, value, truncated))
    return fields


def parse_fields(zone: str) -> tuple[list[TwoDDocField], list[str]]:
    """Read a message (or annex) zone; a lenient second reading explains itself in notes.

    The specification ends a variable value that reaches its maximum length without
    <GS>; some issuers write longer values with <GS> anyway, so when the strict
    reading fails we read up to the separators and say so.
    """
    try:
        return _parse_zone(zone, strict=True), []
    except _ZoneError as strict_error:
        try:
            fields = _parse_zone(zone, strict=False)
        except _ZoneError:
            raise strict_error from None
        return fields, ["un champ dépasse la longueur maximale de la spécification"]


def _base32(text: str) -> bytes:
    if not _BASE32.fullmatch(text):
        raise ValueError("caractère hors base32")
    return base64.b32decode(text + "=" * (-len(text) % 8))


def _split_v2(text: str, header: TwoDDocHeader) -> tuple[int, bytes, str]:
    us = text.find(US, header.length)
    if us < 0:
        raise MalformedTwoDDocError("zone de signature absente (<US>)", header)
    signature_text, _, annex = text[us + 1 :].partition(GS)
    try:
        signature = _base32(signature_text)
    except (ValueError, binascii.Error) as e:
        raise MalformedTwoDDocError("signature illisible (base32 attendu)", header) from e
    return us, signature, annex


def _split_v1(raw: bytes, header: TwoDDocHeader) -> tuple[int, bytes, str]:
    """Version 01 ends with the binary signature, whose size depends on the curve."""
    for size in _SIGNATURE_SIZES:
        end = len(raw) - size
        if end < header.length or any(b >= 0x80 for b in raw[:end]):
            continue
        try:
            parse_fields(raw[header.length : end].decode("ascii"))
        except _ZoneError:
            continue
        return end, raw[end:], ""
    raise MalformedTwoDDocError("signature binaire (version 01) introuvable", header)


def parse_2ddoc(raw: bytes) -> TwoDDocMessage | None:
    """Parse the raw bytes of a barcode as a C40 2D-Doc; None when it is not one.

    Raises ``MalformedTwoDDocError`` (carrying the header) when the header is a 2D-Doc
    header but the message or signature breaks the specification.
    """
    if len(raw) > MAX_CODE_BYTES:
        return None
    text = raw.decode("latin-1")
    header = _header(text)
    if header is None:
        return None
    if header.version == "01":
        end, signature, annex_zone = _split_v1(raw, header)
    else:
        end, signature, annex_zone = _split_v2(text, header)
    if len(signature) < 64 or len(signature) % 2:
        raise MalformedTwoDDocError(f"signature de {len(signature)} octets", header)
    signed = (raw[:end], signature)
    if header.perimeter not in (None, "01"):
        problem = f"périmètre {header.perimeter} non pris en charge"
        raise MalformedTwoDDocError(problem, header, signed)
    try:
        fields, notes = parse_fields(text[header.length : end])
    except _ZoneError as e:
        raise MalformedTwoDDocError(f"message non conforme : {e}", header, signed) from e
    annex: list[TwoDDocField] = []
    if annex_zone and header.version == "04":
        try:
            annex, _ = parse_fields(annex_zone)
            notes.append(f"annexe non signée de {len(annex)} champ(s), non utilisée")
        except _ZoneError:
            notes.append("annexe illisible, ignorée")
    elif annex_zone:
        notes.append("données après la signature ignorées")
    return TwoDDocMessage(
        header=header, fields=tuple(fields), annex=tuple(annex), signed_data=signed[0],
        signature=signed[1], notes=tuple(notes),
    )  # fmt: skip
