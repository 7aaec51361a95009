"""Who may sign a 2D-Doc: the ANTS trust list and the signing certificates we hold.

A 2D-Doc names its signer by (authority id, certificate id). The ANTS trust list
(TSL) names the authorities and holds each one's CA certificate; the signing
certificates themselves are published by each authority, not in the list, so a
production code verifies only when its signing certificate is in the store and
chains to a listed CA. What ships, with its source and date, is described in
``trust/README.md``. Tests and operators build their own ``TrustStore``.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import functools
import logging
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable

from cryptography import x509
from cryptography.x509.oid import NameOID

from paperasse.errors import ConfigurationError

log = logging.getLogger(__name__)

_NS = {"tsl": "http://uri.etsi.org/02231/v2#"}
_GRANTED = ("inaccord", "granted", "undersupervision", "accredited")
SHIPPED_TSL = "ants-tsl-2025-08-25.xml"


@dataclass(frozen=True)
class Authority:
    """A certification authority allowed to issue 2D-Doc signing certificates."""

    id: str
    name: str
    ca_certificates: tuple[x509.Certificate, ...]
    granted: bool = True


@dataclass(frozen=True)
class TrustStore:
    """Authorities by id and signing certificates by (authority id, certificate id).

    ``source`` is the French phrase the status reasons cite (``liste de confiance
    ANTS du 25/08/2025``).
    """

    authorities: Mapping[str, Authority] = field(default_factory=dict)
    certificates: Mapping[tuple[str, str], x509.Certificate] = field(default_factory=dict)
    source: str = "magasin de confiance local"

    def authority(self, authority_id: str) -> Authority | None:
        """The listed authority with this id, if any."""
        return self.authorities.get(authority_id)

    def certificate(self, authority_id: str, certificate_id: str) -> x509.Certificate | None:
        """The signing certificate named in a 2D-Doc header, if we hold it."""
        return self.certificates.get((authority_id, certificate_id))

    def with_certificates(self, certificates: Iterable[x509.Certificate]) -> TrustStore:
        """A copy that also holds these signing certificates (keyed by their names)."""
        merged = dict(self.certificates)
        merged.update(index_certificates(certificates))
        return TrustStore(self.authorities, merged, self.source)


def _common_name(name: x509.Name) -> str | None:
    values = name.get_attributes_for_oid(NameOID.COMMON_NAME)
    return str(values[0].value) if values else None


def index_certificates(
    certificates: Iterable[x509.Certificate],
) -> dict[tuple[str, str], x509.Certificate]:
    """Key signing certificates by (issuer CN, subject CN), e.g. (``FR00``, ``0001``).

    2D-Doc authorities name their CA after their id and each signing certificate
    after its id, as the specification's test certificate shows.
    """
    index: dict[tuple[str, str], x509.Certificate] = {}
    for cert in certificates:
        issuer, subject = _common_name(cert.issuer), _common_name(cert.subject)
        if issuer and subject:
            index[(issuer, subject)] = cert
        else:
            log.warning("2D-Doc certificate without issuer or subject CN ignored")
    return index


def load_certificate(data: bytes) -> x509.Certificate:
    """A certificate from PEM or DER bytes."""
    if data.lstrip().startswith(b"-----BEGIN"):
        return x509.load_pem_x509_certificate(data)
    return x509.load_der_x509_certificate(data)


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path, _NS)
    return (found.text or "").strip() if found is not None else ""


def load_tsl(data: bytes) -> tuple[list[Authority], dt.datetime | None]:
    """The authorities of an ETSI TS 119 612 trust list and its issue date.

    The list's XAdES signature is not checked here: the copy we ship is trusted
    as part of the repository (its digest is in ``trust/README.md``).
    """
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise ConfigurationError(f"Liste de confiance 2D-Doc illisible : {e}") from e
    issued = _text(root, "tsl:SchemeInformation/tsl:ListIssueDateTime")
    authorities = []
    for provider in root.iterfind(".//tsl:TrustServiceProvider", _NS):
        authority_id = _text(provider, ".//tsl:TSPTradeName/tsl:Name")
        if not authority_id:
            continue
        certificates, granted = [], False
        for service in provider.iterfind(".//tsl:ServiceInformation", _NS):
            status = _text(service, "tsl:ServiceStatus").rsplit("/", 1)[-1].lower()
            granted = granted or status in _GRANTED
            for node in service.iterfind(".//tsl:X509Certificate", _NS):
                try:
                    der = base64.b64decode("".join((node.text or "").split()))
                    certificates.append(x509.load_der_x509_certificate(der))
                except (binascii.Error, ValueError):
                    log.warning("unreadable CA certificate of 2D-Doc authority %s", authority_id)
        authorities.append(
            Authority(authority_id, _text(provider, ".//tsl:TSPName/tsl:Name"),
                      tuple(certificates), granted)
        )  # fmt: skip
    return authorities, dt.datetime.fromisoformat(issued) if issued else None


def trust_store_from(directory: Traversable, tsl_name: str = SHIPPED_TSL) -> TrustStore:
    """A store from a folder: its trust list, and signing certificates under ``certificates/``."""
    authorities, issued = load_tsl(directory.joinpath(tsl_name).read_bytes())
    certs = directory.joinpath("certificates")
    files = sorted(certs.iterdir(), key=lambda e: e.name) if certs.is_dir() else []
    signing = [load_certificate(f.read_bytes()) for f in files if f.name.endswith((".pem", ".der"))]
    source = "liste de confiance ANTS" + (f" du {issued:%d/%m/%Y}" if issued else "")
    return TrustStore({a.id: a for a in authorities}, index_certificates(signing), source)


@functools.cache
def default_trust_store() -> TrustStore:
    """The shipped store: the ANTS list of 25/08/2025 and the specification's test certificate."""
    store = trust_store_from(resources.files("paperasse.reading.twoddoc").joinpath("trust"))
    log.debug(
        "2D-Doc trust store: %d authorities, %d signing certificates",
        len(store.authorities), len(store.certificates),
    )  # fmt: skip
    return store
