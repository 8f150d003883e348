"""Fetching a policy document from a web address, in the worker.

Only http and https; every address a host name resolves to, at the first request and at every
redirect, must be a public one (`public_only`), so a document address cannot reach the machine
itself or the private network behind it. Redirects are followed here, one checked hop at a time
(httpx follows none by itself), at most MAX_REDIRECTS; the answer is read in pieces and
abandoned past MAX_BYTES or DEADLINE seconds.

The guard is a parameter so a test can allow loopback for a local server.

The name is resolved once per connection, by the transport itself (`PinnedBackend`): the
addresses found are checked and the connection goes to a checked address, never to a second
answer of the resolver. So a name that answers a public address to the check and a private one
a moment later (DNS rebinding) still reaches only the public one. TLS keeps checking the
certificate against the host name, as the connection pool passes it to the handshake.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx
from django.utils.translation import gettext as _

from evidence.extract import MAX_BYTES, Refused, too_large

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Guard = Callable[[Address], bool]

MAX_REDIRECTS = 5
DEADLINE = 60.0
TIMEOUT = httpx.Timeout(10.0, connect=5.0)
USER_AGENT = "Draagvlak document fetcher"


def public_only(address: Address) -> bool:
    return address.is_global and not address.is_multicast


def check_url(url: str) -> str:
    """The address if its form is acceptable (http or https, a host); else Refused."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise Refused(_("Only web addresses starting with http:// or https:// can be fetched."))
    if parts.username or parts.password:
        raise Refused(_("A web address with a user name or password is not fetched."))
    return url


def resolve(host: str, port: int, guard: Guard) -> list[str]:
    """The addresses a host name stands for, every one of them allowed by the guard; else
    Refused naming the host."""
    try:
        infos = socket.getaddrinfo(host, port, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as error:
        raise Refused(_("The web address %(host)s is not known.") % {"host": host}) from error
    addresses: list[str] = []
    for info in infos:
        address = ipaddress.ip_address(info[4][0].split("%")[0])
        if not guard(address):
            raise Refused(
                _("The web address %(host)s leads to a private or local network; it is not "
                  "fetched.") % {"host": host}
            )
        if str(address) not in addresses:
            addresses.append(str(address))
    return addresses


def check_host(url: str, guard: Guard) -> None:
    parts = urlsplit(url)
    resolve(parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80), guard)


class PinnedBackend(httpcore.SyncBackend):
    """Opens each connection to an address it has just resolved and checked itself, so no
    later answer of the resolver is ever used."""

    def __init__(self, guard: Guard) -> None:
        self.guard = guard

    def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                    local_address: str | None = None, socket_options=None
                    ) -> httpcore.NetworkStream:
        error: Exception | None = None
        for address in resolve(host, port, self.guard):
            try:
                return super().connect_tcp(address, port, timeout=timeout,
                                           local_address=local_address,
                                           socket_options=socket_options)
            except httpcore.ConnectError as failed:  # the next address may answer
                error = failed
        raise error or httpcore.ConnectError(f"no address for {host}")


class PinnedTransport(httpx.HTTPTransport):
    """httpx's own transport, with a connection pool that connects through `PinnedBackend`."""

    def __init__(self, guard: Guard) -> None:
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(trust_env=False),
            network_backend=PinnedBackend(guard),
        )


def fetch(url: str, *, guard: Guard = public_only, client: httpx.Client | None = None) -> bytes:
    """The content at the address, or Refused saying why not."""
    started = time.monotonic()
    own = client is None
    client = client or httpx.Client(
        timeout=TIMEOUT, follow_redirects=False, trust_env=False,
        headers={"User-Agent": USER_AGENT}, transport=PinnedTransport(guard),
    )
    try:
        for _hop in range(MAX_REDIRECTS + 1):
            check_url(url)
            if not own:  # a client of the caller's connects on its own; check beforehand
                check_host(url, guard)
            try:
                with client.stream("GET", url) as response:
                    if response.is_redirect and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code != 200:
                        raise Refused(
                            _("The web address answered with error %(code)s.")
                            % {"code": response.status_code}
                        )
                    return _read(response, started)
            except httpx.HTTPError as error:
                raise Refused(
                    _("The web address could not be reached (%(error)s).")
                    % {"error": type(error).__name__}
                ) from error
        raise Refused(_("The web address redirects too often."))
    finally:
        if own:
            client.close()


def _read(response: httpx.Response, started: float) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise too_large()
    content = bytearray()
    for piece in response.iter_bytes(64 * 1024):
        content.extend(piece)
        if len(content) > MAX_BYTES:
            raise too_large()
        if time.monotonic() - started > DEADLINE:
            raise Refused(_("The web address took too long to answer."))
    return bytes(content)
