"""Sign-in throttling on django-axes.

Failures count per user name and client address together (settings.AXES_LOCKOUT_PARAMETERS), and
an attempt is counted *before* its password is checked, in one conditional UPDATE: parallel guesses
cannot all pass a check that none of them has been counted in yet. A successful sign-in clears the
count again (AXES_RESET_ON_SUCCESS).
"""

from __future__ import annotations

from typing import Any

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.db.models import F
from django.http import HttpRequest, HttpResponse


def attempt_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """One key per account, whether the name or the e-mail address was typed, in any case."""
    typed = ((credentials or {}).get("username") or request.POST.get("username") or "").strip()
    field = "email__iexact" if "@" in typed else "username__iexact"
    users = get_user_model()._default_manager
    username = users.filter(**{field: typed}).values_list("username", flat=True).first()
    return (username or typed).lower()[:255]


class AtomicDatabaseHandler(AxesDatabaseHandler):
    def is_allowed(self, request: HttpRequest, credentials: dict | None = None) -> bool:
        if self.is_blacklisted(request, credentials):
            return False
        if self.is_whitelisted(request, credentials):
            return True
        return self._count_attempt(request, credentials)

    def _count_attempt(self, request: HttpRequest, credentials: dict | None) -> bool:
        self.clean_expired_user_attempts(request, credentials)
        key = {
            "username": get_client_username(request, credentials),
            "ip_address": request.axes_ip_address,
            "user_agent": "",  # not part of the key: a changed browser string must not reset it
        }
        defaults = {"failures_since_start": 0, "attempt_time": request.axes_attempt_time}
        AccessAttempt.objects.get_or_create(**key, defaults=defaults)
        counted = AccessAttempt.objects.filter(
            **key, failures_since_start__lt=get_failure_limit(request, credentials)
        ).update(
            failures_since_start=F("failures_since_start") + 1,
            attempt_time=request.axes_attempt_time,
        )
        request.axes_attempt_counted = bool(counted)
        return bool(counted)

    def user_login_failed(self, sender, credentials: dict, request=None, **kwargs) -> None:
        if request is None or not getattr(request, "axes_attempt_counted", False):
            # Refused before the password was checked; axes notes the lock-out.
            super().user_login_failed(sender, credentials, request, **kwargs)
            return
        failures = self.get_failures(request, credentials)
        request.axes_failures_since_start = failures
        if failures >= get_failure_limit(request, credentials):
            request.axes_locked_out = True
            request.axes_credentials = credentials
            user_locked_out.send(
                "axes",
                request=request,
                username=get_client_username(request, credentials),
                ip_address=request.axes_ip_address,
            )


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: dict | None
) -> HttpResponse:
    """The sign-in page itself already says why (in the user's language); it only gets the
    status that tells scripts to back off."""
    if original_response is None:
        return HttpResponse(status=429)
    original_response.status_code = 429
    return original_response
