"""The caller's address, believing ``X-Forwarded-For`` only from configured proxies.

The address is what the login throttle counts and what the audit trail records,
so a caller must not be able to choose it: the header is read only when the
connection comes from a proxy listed in ``PAPERASSE_AUTH__TRUSTED_PROXIES``, and
then from the right, up to the first hop that is not such a proxy (the left part
of the header is whatever the client sent and proves nothing).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Sequence

from starlette.requests import HTTPConnection

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
MAX_HOPS = 16


def client_address(peer: str, forwarded_for: Iterable[str], trusted: Sequence[Network]) -> str:
    """The client's address from the TCP ``peer`` and the ``X-Forwarded-For`` values."""
    address = peer
    hops = [hop.strip() for value in forwarded_for for hop in value.split(",")]
    for hop in reversed(hops[-MAX_HOPS:]):
        if not _trusted(address, trusted) or _parse(hop) is None:
            break
        address = hop
    return address


def connection_client(connection: HTTPConnection, trusted: Sequence[Network]) -> str:
    """:func:`client_address` of a Starlette request."""
    peer = connection.client.host if connection.client else ""
    return client_address(peer, connection.headers.getlist("x-forwarded-for"), trusted)


def _parse(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _trusted(address: str, trusted: Sequence[Network]) -> bool:
    ip = _parse(address)
    return ip is not None and any(ip in network for network in trusted)
