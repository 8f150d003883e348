"""The client's address, for throttling: taken from the proxy header only as far as the proxies
are trusted."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest
from ipware import get_client_ip


def _valid(value: str | None) -> str | None:
    try:
        return str(ipaddress.ip_address((value or "").strip()))
    except ValueError:
        return None


def client_address(request: HttpRequest) -> str | None:
    """REMOTE_ADDR, or with DRAAGVLAK_TRUSTED_PROXY_COUNT = n the address the outermost trusted
    proxy saw: the n-th entry of X-Forwarded-For counted from the right. Entries further left
    come from the client and can be anything."""
    count = settings.TRUSTED_PROXY_COUNT
    if count > 0 and request.META.get("HTTP_X_FORWARDED_FOR"):
        # ipware counts the proxies listed in the header; the nearest proxy is not listed there
        # (it is REMOTE_ADDR), hence count - 1.
        address, _routable = get_client_ip(
            request,
            proxy_count=count - 1,
            request_header_order=["HTTP_X_FORWARDED_FOR"],
            strict=False,
        )
        if address:
            return _valid(address)
        # A header shorter than the proxy chain did not come through all proxies.
    return _valid(request.META.get("REMOTE_ADDR"))
