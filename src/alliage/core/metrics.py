"""``/metrics``: the Prometheus metrics of django-prometheus, for the monitoring only.

The page shows request counts per view, latencies and database errors: not secret, but a map of
the site's traffic that nobody outside needs. It answers 404, as if it did not exist, unless
the client's address (``core.client_address``) is in ``ALLIAGE_METRICS_ALLOW`` (addresses or
CIDR networks; loopback by default) or the request carries ``Authorization: Bearer
<ALLIAGE_METRICS_TOKEN>``. A request that came through a proxy the site does not trust
(``X-Forwarded-For`` or ``Forwarded`` from a peer outside ``ALLIAGE_TRUSTED_PROXIES``) is not
let in by its address: behind a reverse proxy on the same machine every peer is 127.0.0.1.
"""

from __future__ import annotations

import hmac
import ipaddress

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_prometheus.exports import ExportToDjangoView

from alliage.core.client_address import (
    client_address,
    client_address_of,
    networks_of,
    trusted_networks,
)


def _through_untrusted_proxy(request: HttpRequest) -> bool:
    if "HTTP_X_FORWARDED_FOR" not in request.META and "HTTP_FORWARDED" not in request.META:
        return False
    # The peer is trusted exactly when the derived address may differ from it.
    peer = client_address_of({"REMOTE_ADDR": request.META.get("REMOTE_ADDR", "")})
    try:
        address = ipaddress.ip_address(peer)
    except ValueError:
        return True
    return not any(address.version == net.version and address in net for net in trusted_networks())


def _address_allowed(request: HttpRequest) -> bool:
    if _through_untrusted_proxy(request):
        return False
    try:
        address = ipaddress.ip_address(client_address(request))
    except ValueError:
        return False
    networks = networks_of(tuple(settings.ALLIAGE_METRICS_ALLOW), setting="ALLIAGE_METRICS_ALLOW")
    return any(address.version == net.version and address in net for net in networks)


def _token_allowed(request: HttpRequest) -> bool:
    expected = settings.ALLIAGE_METRICS_TOKEN
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if not expected or scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(given.strip().encode(), expected.encode())


def metrics_allowed(request: HttpRequest) -> bool:
    """Whether this request may read the metrics; see the module's docstring."""
    return _token_allowed(request) or _address_allowed(request)


@never_cache
@require_GET
def metrics(request: HttpRequest) -> HttpResponse:
    """The metrics in Prometheus' text format: of every worker of this server when
    ``PROMETHEUS_MULTIPROC_DIR`` is set (``alliage serve`` sets it), else of this process."""
    if not metrics_allowed(request):
        raise Http404
    return ExportToDjangoView(request)
