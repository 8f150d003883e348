"""The one way a connector talks to a source: explicit time-outs, a pace per source that keeps
under its rate limit, a 429 honoured by waiting its `Retry-After` (or stopping when the wait is
too long), and every failure turned into one translated message."""

from __future__ import annotations

import threading
import time
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from django.utils import timezone
from django.utils.translation import gettext as _

# The sources ask to be told who is calling.
USER_AGENT = "Draagvlak council-data connector"
# Connect fast or not at all; a slow search may take a while to answer.
TIMEOUT = httpx.Timeout(20.0, connect=5.0)
# A worker waits this long at most for a source that asks to slow down; longer and it stops.
MAX_RETRY_AFTER = 60
MAX_RETRIES = 3
# Far above any answer the connectors ask for; a larger one is not what was asked.
MAX_BYTES = 20 * 1024 * 1024

# The tests replace both with a clock of their own, to see the waits without spending them.
_sleep = time.sleep
_monotonic = time.monotonic


class SourceError(Exception):
    """The source could not give what was asked; the message says why, for the page."""


class _Pace:
    """At most one request per `interval` seconds to one source, across the worker's threads."""

    def __init__(self, interval: float) -> None:
        self.interval = interval
        self.lock = threading.Lock()
        self.next_at = 0.0

    def wait(self) -> None:
        with self.lock:
            now = _monotonic()
            if self.next_at > now:
                _sleep(self.next_at - now)
                now = _monotonic()
            self.next_at = max(now, self.next_at) + self.interval


_paces: dict[str, _Pace] = {}
_paces_lock = threading.Lock()


def pace_for(source: str, interval: float) -> _Pace:
    with _paces_lock:
        pace = _paces.get(source)
        if pace is None or pace.interval != interval:
            pace = _paces[source] = _Pace(interval)
        return pace


def retry_after_seconds(value: str | None) -> int | None:
    """`Retry-After` as seconds: a number, or an HTTP date (RFC 9110 allows both)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return int(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if moment is None or timezone.is_naive(moment):
        return None
    return max(0, int((moment - timezone.now()).total_seconds()) + 1)


class Client:
    """A small JSON client for one source. `label` names the source in messages."""

    def __init__(
        self, *, source: str, label: str, base_url: str, interval: float,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.label = label
        self.pace = pace_for(source, interval)
        self.http = httpx.Client(
            base_url=base_url, timeout=TIMEOUT, transport=transport, follow_redirects=False,
            headers={"User-Agent": USER_AGENT},
        )

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.http.close()

    def get_json(self, path: str, *, params: dict | None = None, accept: str = "application/json"
                 ) -> Any:
        response = self._get(path, params=params, accept=accept)
        try:
            return response.json()
        except ValueError as error:
            raise SourceError(
                _("%(source)s answered with something that is not JSON; nothing was changed.")
                % {"source": self.label}
            ) from error

    def _get(self, path: str, *, params: dict | None, accept: str) -> httpx.Response:
        for _attempt in range(MAX_RETRIES + 1):
            self.pace.wait()
            try:
                response = self.http.get(path, params=params, headers={"Accept": accept})
            except httpx.TimeoutException as error:
                raise SourceError(
                    _("%(source)s did not answer in time; nothing was changed. Try again later.")
                    % {"source": self.label}
                ) from error
            except httpx.HTTPError as error:
                raise SourceError(
                    _("%(source)s could not be reached; nothing was changed. Try again later.")
                    % {"source": self.label}
                ) from error
            if response.status_code == 429:
                wait = retry_after_seconds(response.headers.get("Retry-After"))
                if wait is None or wait > MAX_RETRY_AFTER:
                    raise SourceError(
                        _("%(source)s asks to wait before the next request; nothing was "
                          "changed. Try again in a few minutes.") % {"source": self.label}
                    )
                _sleep(wait)
                continue
            if response.status_code >= 500:
                raise SourceError(
                    _("%(source)s has a fault of its own (HTTP %(status)d); nothing was "
                      "changed. Try again later.")
                    % {"source": self.label, "status": response.status_code}
                )
            if response.status_code != 200:
                raise SourceError(
                    _("%(source)s refused the request (HTTP %(status)d); nothing was changed.")
                    % {"source": self.label, "status": response.status_code}
                )
            if len(response.content) > MAX_BYTES:
                raise SourceError(
                    _("%(source)s answered with more data than expected; nothing was changed.")
                    % {"source": self.label}
                )
            return response
        raise SourceError(
            _("%(source)s kept asking to wait; nothing was changed. Try again in a few minutes.")
            % {"source": self.label}
        )


def malformed(label: str) -> SourceError:
    return SourceError(
        _("%(source)s answered in a form this app cannot read; nothing was changed.")
        % {"source": label}
    )
