"""Signed 2D-Docs made at test time: keys, certificates, codes, DataMatrix images, pages.

A test authority ``FR99`` gets a CA certificate (RSA, like the ANTS-listed CAs)
and ECDSA signing certificates named by their id, as the real authorities do.
"""

from __future__ import annotations

import base64
import datetime as dt
from dataclasses import dataclass

import numpy as np
import zxingcpp
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature
from cryptography.x509.oid import NameOID
from PIL import Image, ImageDraw, ImageFont

from paperasse.reading.twoddoc import Authority, TrustStore, index_certificates
from tests.pagemaker import A4_PX, FONT_DIR
from tests.reading.twoddoc_spec_codes import FR00_PRIVATE_KEY

GS, RS, US = "\x1d", "\x1e", "\x1f"
_HASHES = {"secp256r1": hashes.SHA256, "secp384r1": hashes.SHA384}


def _name(common_name: str) -> x509.Name:
    return x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "FR"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "AC DE TEST PAPERASSE"),
        x509.NameAttribute(NameOID.COMMON_NAME, common_name),
    ])  # fmt: skip


@dataclass(frozen=True)
class Signer:
    """A signing key and its certificate, issued by a test authority."""

    key: ec.EllipticCurvePrivateKey
    certificate: x509.Certificate | None


@dataclass(frozen=True)
class IssuingAuthority:
    """A CA that issues 2D-Doc signing certificates, as a TSL lists it."""

    id: str
    key: rsa.RSAPrivateKey
    certificate: x509.Certificate

    def issue(
        self,
        certificate_id: str,
        *,
        curve: ec.EllipticCurve | None = None,
        secret: int | None = None,
        valid_from: dt.datetime = dt.datetime(2020, 1, 1, tzinfo=dt.UTC),
        valid_until: dt.datetime = dt.datetime(2035, 1, 1, tzinfo=dt.UTC),
    ) -> Signer:
        curve = curve or ec.SECP256R1()
        # A fixed secret gives the same key, hence (with RFC 6979 signing) the same barcode.
        key = ec.derive_private_key(secret, curve) if secret else ec.generate_private_key(curve)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(certificate_id))
            .issuer_name(self.certificate.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(valid_from)
            .not_valid_after(valid_until)
            .sign(self.key, hashes.SHA256())
        )
        return Signer(key, cert)

    def store(self, *signers: Signer) -> TrustStore:
        """A trust store listing this authority and holding these signing certificates."""
        authority = Authority(self.id, "Autorité de test", (self.certificate,))
        certificates = [s.certificate for s in signers if s.certificate is not None]
        return TrustStore({self.id: authority}, index_certificates(certificates), "liste de test")


def make_authority(authority_id: str = "FR99") -> IssuingAuthority:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    cert = (
        x509.CertificateBuilder()
        .subject_name(_name(authority_id))
        .issuer_name(_name(authority_id))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(dt.datetime(2015, 1, 1, tzinfo=dt.UTC))
        .not_valid_after(dt.datetime(2040, 1, 1, tzinfo=dt.UTC))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .sign(key, hashes.SHA256())
    )
    return IssuingAuthority(authority_id, key, cert)


def fr00_signer() -> Signer:
    """The specification's own test key (FR00 / 0001), printed in its section 16.1."""
    key = serialization.load_pem_private_key(FR00_PRIVATE_KEY, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    return Signer(key, None)


def hex_day(day: dt.date | None) -> str:
    return "FFFF" if day is None else f"{(day - dt.date(2000, 1, 1)).days:04X}"


def header(
    *,
    version: str = "04",
    authority: str = "FR99",
    certificate: str = "AB12",
    issued: dt.date | None = dt.date(2025, 3, 14),
    signed: dt.date = dt.date(2025, 3, 15),
    doc_type: str = "01",
) -> str:
    """A C40 header of version 02, 03 (adds perimeter 01) or 04 (adds country FR)."""
    text = f"DC{version}{authority}{certificate}{hex_day(issued)}{hex_day(signed)}{doc_type}"
    return text + {"02": "", "03": "01", "04": "01FR"}[version]


def sign(data: str, signer: Signer) -> bytes:
    """``data`` + <US> + its signature: ECDSA (RFC 6979), raw r||s, base32 without padding."""
    curve = signer.key.curve
    algorithm = ec.ECDSA(_HASHES[curve.name](), deterministic_signing=True)
    der = signer.key.sign(data.encode("ascii"), algorithm)
    r, s = decode_dss_signature(der)
    size = (curve.key_size + 7) // 8
    raw = r.to_bytes(size, "big") + s.to_bytes(size, "big")
    return (data + US + base64.b32encode(raw).decode("ascii").rstrip("=")).encode("ascii")


def datamatrix(raw: bytes, *, module_px: int = 5) -> Image.Image:
    """A DataMatrix of ``raw`` with a quiet zone; 5 px modules are 0.42 mm at 300 dpi."""
    barcode = zxingcpp.create_barcode(raw, zxingcpp.BarcodeFormat.DataMatrix)
    return Image.fromarray(np.asarray(barcode.to_image(scale=module_px)))


def qr_code(raw: bytes, *, module_px: int = 5) -> Image.Image:
    barcode = zxingcpp.create_barcode(raw, zxingcpp.BarcodeFormat.QRCode)
    return Image.fromarray(np.asarray(barcode.to_image(scale=module_px)))


def bill_page(code: Image.Image, *, at: tuple[int, int] = (1850, 300)) -> Image.Image:
    """An A4 page at 300 dpi: a bill's text, and the code where bills print it (top right)."""
    page = Image.new("L", A4_PX, 255)
    draw = ImageDraw.Draw(page)
    font = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), 40)
    lines = [
        "Électricité de Test — Facture du 14 mars 2025", "Madame Natacha SPECIMEN",
        "145 avenue des Spécimens", "75000 PARIS", "Montant à payer : 84,20 €",
        "Consommation du 12/01/2025 au 12/03/2025 : 412 kWh",
    ]  # fmt: skip
    for i, line in enumerate(lines * 6):
        draw.text((200, 900 + i * 70), line, font=font, fill=20)
    page.paste(code.convert("L"), at)
    return page
