"""The client's address, derived once per request, for every limit that counts by address.

``X-Forwarded-For`` is written by whoever sends the request, so it is believed only as far as
the proxies named in ``ALLIAGE_TRUSTED_PROXIES`` (addresses or CIDR networks; none by
default): when the peer (``REMOTE_ADDR``) is one of them, the header is read from the right,
skipping the trusted proxies, and the first other address is the client. Anything to its left
was written by the client and is ignored. Without a trusted peer, the peer is the client.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Iterable
from functools import lru_cache

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


@lru_cache(maxsize=8)
def networks_of(entries: tuple[str, ...], *, setting: str) -> tuple[Network, ...]:
    """The addresses and networks a setting lists; a wrong entry stops the start, naming the
    setting."""
    networks = []
    for entry in entries:
        try:
            networks.append(ipaddress.ip_network(entry.strip(), strict=False))
        except ValueError as error:
            raise ImproperlyConfigured(
                f"{setting}: {entry!r} is not an address or a network."
            ) from error
    return tuple(networks)


def trusted_networks() -> tuple[Network, ...]:
    return networks_of(
        tuple(getattr(settings, "ALLIAGE_TRUSTED_PROXIES", ())), setting="ALLIAGE_TRUSTED_PROXIES"
    )


def _parse(value: str) -> Address | None:
    """An address as a peer or a proxy writes it: bare, ``[v6]:port`` or ``v4:port``."""
    value = value.strip()
    if value.startswith("["):
        value = value[1:].partition("]")[0]
    elif value.count(":") == 1:
        value = value.partition(":")[0]
    try:
        address = ipaddress.ip_address(value)
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, networks: Iterable[Network]) -> bool:
    return any(address.version == net.version and address in net for net in networks)


def client_address_of(meta: dict[str, str]) -> str:
    """The client's address from a request's ``META``; see the module's docstring."""
    remote = meta.get("REMOTE_ADDR", "") or ""
    peer = _parse(remote)
    if peer is None:
        return remote.strip() or "unknown"
    networks = trusted_networks()
    if not _is_trusted(peer, networks):
        return str(peer)
    client = peer
    for hop in reversed(meta.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        address = _parse(hop)
        if address is None:
            # A trusted proxy always writes a valid address; this was not written by one.
            break
        client = address
        if not _is_trusted(address, networks):
            break
    return str(client)


def client_address(request: HttpRequest) -> str:
    """The address every limit counts by: the one the middleware set, or derived now (and
    kept) for a request that did not pass through it."""
    address = getattr(request, "client_address", None)
    if address is None:
        address = client_address_of(request.META)
        request.client_address = address  # type: ignore[attr-defined]
    return address


def axes_client_address(request: HttpRequest) -> str | None:
    """``AXES_CLIENT_IP_CALLABLE``: the same address, or None when the request has none (a
    test's ``force_login``), which axes stores as unknown (an address column refuses text)."""
    address = client_address(request)
    return address if _parse(address) is not None else None


class ClientAddressMiddleware:
    """Sets ``request.client_address`` before anything else reads the request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.client_address = client_address_of(request.META)  # type: ignore[attr-defined]
        return self.get_response(request)
