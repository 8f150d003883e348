from __future__ import annotations

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


class ThrottleBackend(AxesStandaloneBackend):
    """Refuses a sign-in over the attempt limit before any password is checked (django-axes).

    Calls without a request come from code on the server (management commands), not from a
    client that could guess; they are not counted.
    """

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)


class UsernameOrEmailBackend(ModelBackend):
    """Sign in with the user name or the e-mail address, both case-insensitive."""

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ):
        if not username or password is None:
            return None
        user_model = get_user_model()
        field = "email__iexact" if "@" in username else "username__iexact"
        user = user_model._default_manager.filter(**{field: username.strip()}).first()
        if user is None:
            user_model().set_password(password)  # equal time for unknown names
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
