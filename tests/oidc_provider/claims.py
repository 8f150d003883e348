from __future__ import annotations

from typing import Any

# Members of this group have an address the provider has not confirmed.
UNVERIFIED_GROUP = "unverified-email"


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["given_name"] = user.first_name
    claims["family_name"] = user.last_name
    claims["name"] = user.get_full_name()
    claims["email"] = user.email
    claims["email_verified"] = not user.groups.filter(name=UNVERIFIED_GROUP).exists()
    return claims
