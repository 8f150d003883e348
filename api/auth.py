"""Bearer-token authentication: `Authorization: Bearer dv_…` with a personal access token.

Only tokens are accepted, no session cookie, so a browser page elsewhere cannot make a signed-in
user's browser write through the API (no CSRF to worry about).
"""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.translation import gettext_lazy
from ninja.security import HttpBearer

from accounts.models import User
from api.services import token_authenticate


class TokenAuth(HttpBearer):
    openapi_description = gettext_lazy(
        "A personal access token, created on the settings page (Settings → API tokens) or with "
        "`draagvlak token create USERNAME --name NAME`, sent as `Authorization: Bearer TOKEN`."
    )

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        if not token or len(token) > 200:
            return None
        return token_authenticate(plain=token)
