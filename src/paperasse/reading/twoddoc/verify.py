"""``verify_2ddoc``: does the signature hold, and does its signer deserve trust?

The signature is ECDSA over the header and message as encoded (section 3.5.2), raw
r||s, with the hash that goes with the certificate's curve (P-256/SHA-256,
P-384/SHA-384, P-521/SHA-512). The verdict is one of the ``TwoDDocStatus`` values
with a short French reason an agent can read; only ``valide`` lets its fields be used.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from cryptography.x509.oid import NameOID

from paperasse.models.domain import TwoDDocStatus
from paperasse.reading.twoddoc.message import TwoDDocMessage
from paperasse.reading.twoddoc.trust import Authority, TrustStore

log = logging.getLogger(__name__)

_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    "secp256r1": hashes.SHA256, "secp384r1": hashes.SHA384, "secp521r1": hashes.SHA512,
}  # fmt: skip


@dataclass(frozen=True)
class Verdict:
    """The status of a 2D-Doc, why, and whether its signature held (None: not checked)."""

    status: TwoDDocStatus
    reason: str
    signature_valid: bool | None = None


def signature_holds(certificate: x509.Certificate, data: bytes, signature: bytes) -> bool:
    """Whether ``signature`` (raw r||s) signs ``data`` under the certificate's EC key."""
    key = certificate.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey) or key.curve.name not in _HASHES:
        return False
    size = (key.curve.key_size + 7) // 8
    if len(signature) != 2 * size:
        return False
    r, s = int.from_bytes(signature[:size], "big"), int.from_bytes(signature[size:], "big")
    try:
        key.verify(encode_dss_signature(r, s), data, ec.ECDSA(_HASHES[key.curve.name]()))
    except InvalidSignature:
        return False
    return True


def _issued_by(certificate: x509.Certificate, authority: Authority) -> bool:
    for ca in authority.ca_certificates:
        try:
            certificate.verify_directly_issued_by(ca)
        except (ValueError, TypeError, InvalidSignature):
            continue
        return True
    return False


def _day(value: dt.datetime) -> str:
    return f"{value:%d/%m/%Y}"


def _test_verdict(message: TwoDDocMessage, certificate: x509.Certificate | None) -> Verdict:
    header = message.header
    who = f"Code 2D-Doc de test (autorité {header.authority}), pas un document réel"
    if certificate is None:
        return Verdict(
            "autorite_test", f"{who} ; certificat {header.certificate} inconnu, "
            "signature non vérifiée."
        )  # fmt: skip
    if signature_holds(certificate, message.signed_data, message.signature):
        return Verdict(
            "autorite_test", f"{who} ; la signature correspond au certificat de test "
            f"{header.certificate}.", True
        )  # fmt: skip
    return Verdict("autorite_test", f"{who} ; la signature ne correspond pas au contenu.", False)


def verify_2ddoc(message: TwoDDocMessage, store: TrustStore) -> Verdict:
    """Check a parsed 2D-Doc against a trust store and say how far it can be trusted."""
    header = message.header
    certificate = store.certificate(header.authority, header.certificate)
    if header.test_authority:
        return _test_verdict(message, certificate)
    authority = store.authority(header.authority)
    if authority is None or not authority.granted:
        return Verdict(
            "autorite_inconnue", f"L'autorité de certification {header.authority} n'est pas "
            f"dans la {store.source} : signature non vérifiable."
        )  # fmt: skip
    named = f"certificat {header.certificate} de l'autorité {header.authority} ({authority.name})"
    if certificate is None:
        return Verdict(
            "autorite_inconnue", f"Le {named} n'est pas disponible hors ligne : "
            "signature non vérifiée."
        )  # fmt: skip
    if not _issued_by(certificate, authority):
        return Verdict(
            "autorite_inconnue", f"Le {named} que nous détenons n'est pas émis par cette "
            "autorité : signature non vérifiée."
        )  # fmt: skip
    if not signature_holds(certificate, message.signed_data, message.signature):
        return Verdict(
            "invalide", "La signature ne correspond pas au contenu du code : document "
            "modifié ou contrefait.", False
        )  # fmt: skip
    start, end = certificate.not_valid_before_utc, certificate.not_valid_after_utc
    signed_on = header.signed_on
    if signed_on is None or not start.date() <= signed_on <= end.date():
        return Verdict(
            "invalide", f"Code signé hors de la période de validité du {named} "
            f"(du {_day(start)} au {_day(end)}).", True
        )  # fmt: skip
    holder = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)
    signer = f", délivré à {holder[0].value!s}" if holder else ""
    return Verdict("valide", f"Signature vérifiée : {named}{signer}, {store.source}.", True)
