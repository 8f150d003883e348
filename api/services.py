"""Writes for the API: personal access tokens, and the project and segment writes that have no
service of their own elsewhere yet (they would move to projects/services.py)."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from api.models import ApiToken

TOKEN_PREFIX = "dv_"
# Writing last_used_at on every request would take SQLite's write lock for every read.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_hash(plain: str) -> str:
    return hashlib.sha256(plain.encode("utf-8", "surrogatepass")).hexdigest()


@transaction.atomic
def token_create(*, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; the plain token is returned here and never stored."""
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Give the token a name.")})
    if ApiToken.objects.active().filter(user=user, name=name).exists():
        raise ValidationError({"name": _("You already have a token with this name.")})
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name, prefix=plain[:8], hashed_key=token_hash(plain))
    token.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            token.save()
    except IntegrityError as error:  # a second request with the same name won the race
        raise ValidationError({"name": _("You already have a token with this name.")}) from error
    return token, plain


@transaction.atomic
def token_revoke(*, token: ApiToken) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def token_authenticate(*, plain: str) -> User | None:
    """The active user behind an active token, or None; notes when the token was last used."""
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(hashed_key=token_hash(plain), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
