from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from accounts.models import LoginFailure, User


def login_is_blocked(*, identifier: str, address: str | None) -> bool:
    """Too many recent failures for this name or from this address."""
    since = timezone.now() - timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)
    match = Q(identifier=identifier.strip().lower())
    if address:
        match |= Q(address=address)
    return LoginFailure.objects.filter(match, at__gte=since).count() >= settings.LOGIN_MAX_FAILURES


def login_failure_record(*, identifier: str, address: str | None) -> None:
    LoginFailure.objects.create(identifier=identifier.strip().lower()[:254], address=address)
    old = timezone.now() - timedelta(days=1)
    LoginFailure.objects.filter(at__lt=old).delete()


def login_failures_clear(*, identifier: str) -> None:
    LoginFailure.objects.filter(identifier=identifier.strip().lower()).delete()


def user_create(
    *,
    username: str,
    email: str,
    password: str,
    first_name: str = "",
    last_name: str = "",
    language: str = "nl",
) -> User:
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        language=language,
    )
    user.set_password(password)
    user.full_clean()
    user.save()
    return user
