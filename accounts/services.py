from __future__ import annotations

import hashlib
from datetime import timedelta

from django.db.models import F
from django.utils import timezone

from accounts.models import RequestCount, User
from api.models import ApiToken


def rate_limit_take(*, key: str, limit: int, window: timedelta) -> bool:
    """Count one request under `key`; False when `limit` requests were already counted in the
    current window. The count and the check are one conditional UPDATE, so parallel requests
    cannot all slip under the limit."""
    key = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()  # no addresses stored
    now = timezone.now()
    RequestCount.objects.filter(window_start__lt=now - max(window, timedelta(days=1))).delete()
    RequestCount.objects.filter(key=key, window_start__lte=now - window).update(
        count=0, window_start=now
    )
    RequestCount.objects.get_or_create(key=key, defaults={"window_start": now})
    taken = RequestCount.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1)
    return taken == 1


def password_changed(*, user: User, keep_api_tokens: bool = False) -> int:
    """After a new password: the user's API tokens stop working unless they chose to keep
    them, since whoever knew the old password may have made one. Returns how many ended."""
    if keep_api_tokens:
        return 0
    return ApiToken.objects.filter(user=user).revoke()


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
