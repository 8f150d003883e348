"""Single sign-on over OpenID Connect, on mozilla-django-oidc (settings: the OIDC block).

The organisation's identity provider (Entra ID, Keycloak, …) checks the person; we match them to an
account by their *verified* e-mail address, or create one in the organisation the provider belongs
to, or refuse with a message, as configured. The authorization code flow runs with PKCE and a nonce;
the ID token's signature, audience and issuer are checked. Signing out here also ends the session
at the provider (RP-initiated logout with id_token_hint).

While settings.OIDC_ENABLED is off the two routes answer 404, the backend is not installed, and the
sign-in and sign-out pages work as they do without single sign-on.
"""

from __future__ import annotations

import hashlib
import logging
import re
from typing import Any
from urllib.parse import urlencode

import jwt
import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import activate
from django.utils.translation import gettext as _
from django.views.generic import View
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from accounts import views as account_views
from accounts.models import User
from projects import services as project_services
from projects.models import Invitation, Organisation

logger = logging.getLogger(__name__)

CALLBACK_ROUTE = "oidc_authentication_callback"
# The invitation a provider sign-in was started from (its token), accepted on the way back.
INVITATION_KEY = "oidc_invitation"
DISCOVERY_SECONDS = 3600
# Where an endpoint named in the settings wins over the provider's discovery document.
_EXPLICIT = {
    "authorization_endpoint": "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "token_endpoint": "OIDC_OP_TOKEN_ENDPOINT",
    "userinfo_endpoint": "OIDC_OP_USER_ENDPOINT",
    "jwks_uri": "OIDC_OP_JWKS_ENDPOINT",
    "end_session_endpoint": "OIDC_OP_END_SESSION_ENDPOINT",
}


class ProviderError(Exception):
    """The provider could not be reached or answered something unusable."""


class SignInRefused(Exception):
    """The provider vouched for someone we will not sign in; the message says why."""


def enabled() -> bool:
    return bool(getattr(settings, "OIDC_ENABLED", False))


def provider_name() -> str:
    return settings.OIDC_ORGANISATION or _("your organisation")


def button_label() -> str:
    if settings.OIDC_BUTTON_LABEL:
        return settings.OIDC_BUTTON_LABEL
    if settings.OIDC_ORGANISATION:
        return _("Sign in with %(organisation)s") % {"organisation": settings.OIDC_ORGANISATION}
    return _("Sign in with your organisation's account")


def invitation_sign_in_url(invitation: Invitation) -> str:
    """Where an invitation's "Sign in with …" button starts: back at the invitation afterwards."""
    back = reverse("invitation_accept", args=[invitation.token])
    return f"{reverse('oidc_authentication_init')}?{urlencode({'next': back})}"


def _invitation_token(next_url: str) -> str | None:
    try:
        match = resolve(next_url.split("?")[0])
    except Resolver404:
        return None
    return match.kwargs.get("token") if match.url_name == "invitation_accept" else None


def throttle_exempt(request: HttpRequest, credentials: dict | None = None) -> bool:
    """django-axes leaves the provider's return alone (settings.AXES_WHITELIST_CALLABLE)."""
    return enabled() and request.path == reverse(CALLBACK_ROUTE)


# Discovery -----------------------------------------------------------------------------------


def provider_metadata() -> dict[str, Any]:
    """The provider's discovery document, kept an hour in the shared cache."""
    issuer = settings.OIDC_ISSUER
    if not issuer:
        return {}
    key = "oidc-discovery:" + hashlib.sha256(issuer.encode()).hexdigest()[:32]
    metadata = cache.get(key)
    if metadata is None:
        url = issuer + "/.well-known/openid-configuration"
        try:
            response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
            response.raise_for_status()
            metadata = response.json()
        except (requests.RequestException, ValueError) as error:
            raise ProviderError(f"discovery at {url} failed: {error}") from error
        # OpenID Connect Discovery 1.0, 4.3: a document for another issuer is not to be used.
        if str(metadata.get("issuer", "")).rstrip("/") != issuer:
            raise ProviderError(f"discovery at {url} names issuer {metadata.get('issuer')!r}")
        cache.set(key, metadata, DISCOVERY_SECONDS)
    return metadata


def endpoint(name: str, *, required: bool = True) -> str:
    url = getattr(settings, _EXPLICIT[name], "") or provider_metadata().get(name, "")
    if required and not url:
        raise ProviderError(f"the provider names no {name}")
    return url


# Who signs in --------------------------------------------------------------------------------


def _is_true(value: Any) -> bool:
    # Some providers send the flag as the string "true".
    return value is True or (isinstance(value, str) and value.strip().lower() == "true")


def _email_verified(claims: dict[str, Any]) -> bool:
    if "email_verified" in claims:
        return _is_true(claims["email_verified"])
    # Entra ID sends no email_verified for work accounts; where allowed, its xms_edov ("the
    # tenant owns this address's domain") stands in, and only when the flag is absent.
    return settings.OIDC_ENTRA_DOMAIN_VERIFIED and claims.get("xms_edov") is True


def _free_username(email: str) -> str:
    base = re.sub(r"[^\w.@+-]", "", email.split("@")[0].lower())[:140] or "user"
    users = get_user_model()._default_manager
    taken = {name.lower() for name in users.filter(username__istartswith=base).values_list(
        "username", flat=True
    )}
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def _organisation() -> Organisation | None:
    name = settings.OIDC_ORGANISATION
    if not name:
        return None
    found = Organisation.objects.filter(name__iexact=name).first()
    return found or Organisation.objects.create(name=name)


@transaction.atomic
def user_for_claims(claims: dict[str, Any], invitation: Invitation | None = None) -> User:
    """The account of whoever the provider vouched for, matched by verified e-mail address.

    Raises SignInRefused (with a message for the person) for no or an unverified address, an
    unknown address when accounts are not created, and a switched-off account. With the
    invitation the sign-in was started from, the address must be the invited one; it then makes
    an account even where accounts are otherwise not created, as a colleague asked for it.
    """
    email = str(claims.get("email") or "").strip()
    provider = provider_name()
    if not email:
        raise SignInRefused(
            _("We did not get your e-mail address from %(provider)s, so we cannot find your "
              "account.")
            % {"provider": provider}
        )
    if not _email_verified(claims):
        # An address the provider has not checked could be anyone's: never match it.
        raise SignInRefused(
            _(
                "Your e-mail address %(email)s has not been confirmed by %(provider)s, so it "
                "cannot be matched to an account here. Ask your IT department to confirm it."
            )
            % {"provider": provider, "email": email}
        )
    if invitation is not None and email.casefold() != invitation.email.strip().casefold():
        raise SignInRefused(
            _(
                "This invitation was sent to %(invited)s, but %(provider)s signed you in as "
                "%(email)s. Sign in with the account for %(invited)s, or ask for an invitation "
                "to %(email)s."
            )
            % {"invited": invitation.email, "provider": provider, "email": email}
        )
    users = get_user_model()._default_manager
    user = users.filter(email__iexact=email).first()
    if user is None:
        if not settings.OIDC_CREATE_USER and invitation is None:
            raise SignInRefused(
                _(
                    "There is no account here for %(email)s. Ask a colleague who uses Draagvlak "
                    "to invite you."
                )
                % {"email": email}
            )
        user = users.create_user(
            _free_username(email),
            email=email,
            first_name=str(claims.get("given_name") or "")[:150],
            last_name=str(claims.get("family_name") or "")[:150],
        )
    elif not user.is_active:
        raise SignInRefused(_("Your account here has been switched off."))
    organisation = _organisation()
    if organisation is not None:
        # The provider belongs to this organisation: whoever it vouches for works there.
        organisation.members.add(user)
    return user


class OIDCBackend(OIDCAuthenticationBackend):
    """mozilla-django-oidc's backend with the endpoints discovered when needed, the ID token's
    audience and issuer checked, and our rules for matching the person to an account."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Django builds a backend on every request that reads a session: no network, no checks.
        self.UserModel = get_user_model()

    @property
    def OIDC_OP_TOKEN_ENDPOINT(self) -> str:
        return endpoint("token_endpoint")

    @property
    def OIDC_OP_USER_ENDPOINT(self) -> str:
        return endpoint("userinfo_endpoint")

    @property
    def OIDC_OP_JWKS_ENDPOINT(self) -> str:
        return endpoint("jwks_uri")

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:
        return settings.OIDC_RP_CLIENT_ID

    @property
    def OIDC_RP_CLIENT_SECRET(self) -> str:
        return settings.OIDC_RP_CLIENT_SECRET

    @property
    def OIDC_RP_SIGN_ALGO(self) -> str:
        return settings.OIDC_RP_SIGN_ALGO

    OIDC_RP_IDP_SIGN_KEY = None

    def authenticate(self, request: HttpRequest | None, **kwargs: Any) -> User | None:
        # Only the callback view passes a PKCE verifier; a password sign-in is none of ours.
        if request is None or not enabled() or "code_verifier" not in kwargs:
            return None
        return super().authenticate(request, **kwargs)

    def _verify_jws(self, payload: str, key: Any) -> dict[str, Any]:
        header = jwt.get_unverified_header(payload)
        if header.get("alg") != self.OIDC_RP_SIGN_ALGO:
            raise SuspiciousOperation(f"token signed with {header.get('alg')!r}")
        try:
            return jwt.decode(
                payload,
                key,
                algorithms=[self.OIDC_RP_SIGN_ALGO],
                audience=self.OIDC_RP_CLIENT_ID,
                issuer=settings.OIDC_ISSUER or None,
                options={"require": ["exp", "iat", "sub"]},
            )
        except jwt.InvalidTokenError as error:
            raise SuspiciousOperation(f"ID token refused: {error}") from error

    def get_or_create_user(
        self, access_token: str, id_token: str, payload: dict[str, Any]
    ) -> User | None:
        userinfo = self.get_userinfo(access_token, id_token, payload)
        if userinfo.get("sub") != payload.get("sub"):
            raise SuspiciousOperation("userinfo is about someone else than the ID token")
        try:
            return user_for_claims(
                {**payload, **userinfo}, getattr(self.request, "oidc_invitation", None)
            )
        except SignInRefused as refusal:
            self.request.oidc_refusal = str(refusal)
            return None


# Views ---------------------------------------------------------------------------------------


def _back_to_sign_in(request: HttpRequest, message: str) -> HttpResponse:
    messages.error(request, message)
    return redirect(settings.LOGIN_URL)


def _unreachable(request: HttpRequest, error: Exception) -> HttpResponse:
    logger.warning("Single sign-on failed: %s", error)
    return _back_to_sign_in(
        request,
        _("Signing in with %(provider)s did not work just now. Try again in a moment.")
        % {"provider": provider_name()},
    )


class AuthenticateView(OIDCAuthenticationRequestView):
    """Sends the browser to the provider (with state, nonce and a PKCE challenge)."""

    def __init__(self, **kwargs: Any) -> None:
        View.__init__(self, **kwargs)  # the endpoint is looked up per request, not at start-up

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        try:
            self.OIDC_OP_AUTH_ENDPOINT = endpoint("authorization_endpoint")
        except ProviderError as error:
            return _unreachable(request, error)
        self.OIDC_RP_CLIENT_ID = settings.OIDC_RP_CLIENT_ID
        # Started from an invitation: accept it on the way back (CallbackView).
        token = _invitation_token(request.GET.get("next", ""))
        if token:
            request.session[INVITATION_KEY] = token
        else:
            request.session.pop(INVITATION_KEY, None)
        return super().get(request)


class CallbackView(OIDCAuthenticationCallbackView):
    """Where the provider sends the browser back: signs in, or says why not."""

    def get(self, request: HttpRequest) -> HttpResponse:
        if not enabled():
            raise Http404
        # Used once, whatever the outcome: a later plain sign-in accepts nothing.
        token = request.session.pop(INVITATION_KEY, None)
        request.oidc_invitation = (
            Invitation.objects.select_related("project")
            .filter(token=token, accepted_at__isnull=True)
            .first()
            if token
            else None
        )
        try:
            return super().get(request)
        except (ProviderError, requests.RequestException) as error:
            return _unreachable(request, error)
        except SuspiciousOperation as error:
            # A stale or replayed return (back button, second tab) or a token we do not trust.
            logger.warning("Single sign-on refused: %s", error)
            return _back_to_sign_in(request, _("That sign-in could not be completed. Try again."))

    def login_failure(self) -> HttpResponse:
        refusal = getattr(self.request, "oidc_refusal", None) or _(
            "Signing in with %(provider)s was cancelled or refused."
        ) % {"provider": provider_name()}
        invitation = getattr(self.request, "oidc_invitation", None)
        if invitation is not None:
            # Back to the invitation, which still offers both ways to accept it.
            messages.error(self.request, refusal)
            return redirect("invitation_accept", invitation.token)
        return _back_to_sign_in(self.request, refusal)

    def login_success(self) -> HttpResponse:
        response = super().login_success()
        user = self.user
        # As on the password form: a language chosen before signing in becomes the user's own.
        chosen = self.request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if chosen in dict(settings.LANGUAGES) and chosen != user.language:
            user.language = chosen
            user.save(update_fields=["language"])
        activate(user.language)
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            user.language,
            max_age=365 * 24 * 3600,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
        invitation = getattr(self.request, "oidc_invitation", None)
        if invitation is None:
            return response
        try:
            project_services.invitation_accept(invitation=invitation, user=user)
        except ValidationError as error:
            # Used meanwhile (another tab): signed in all the same, with the reason.
            messages.error(self.request, error.messages[0])
            return response
        messages.success(self.request, _("Welcome to the project."))
        response["Location"] = reverse("projects:dashboard", args=[invitation.project_id])
        return response


class SignInView(account_views.SignInView):
    """The sign-in page with the provider's button; without the password form when only the
    provider may sign people in."""

    def password_allowed(self) -> bool:
        return not (enabled() and settings.OIDC_ONLY)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not self.password_allowed():
            return self.http_method_not_allowed(request, *args, **kwargs)
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        if enabled():
            start = reverse("oidc_authentication_init")
            next_url = context.get("next")
            context["single_sign_on"] = {
                "label": button_label(),
                "url": f"{start}?{urlencode({'next': next_url})}" if next_url else start,
            }
        context["password_hidden"] = not self.password_allowed()
        return context


class SignOutView(auth_views.LogoutView):
    """Signs out here and, after a provider sign-in, at the provider too."""

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        id_token = request.session.get("oidc_id_token")
        response = super().post(request, *args, **kwargs)
        if not (enabled() and id_token):
            return response
        try:
            end_session = endpoint("end_session_endpoint", required=False)
        except ProviderError as error:
            logger.warning("Provider logout skipped: %s", error)
            return response
        if not end_session:
            return response
        back = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
        query = urlencode(
            {
                "id_token_hint": id_token,
                "post_logout_redirect_uri": back,
                "client_id": settings.OIDC_RP_CLIENT_ID,
            }
        )
        separator = "&" if "?" in end_session else "?"
        # A page, not a redirect: the sign-out form's own page allows forms to post only to
        # this site (Content-Security-Policy form-action), and browsers hold redirects to that.
        return render(
            request,
            "accounts/oidc_signed_out.html",
            {"provider_logout_url": end_session + separator + query, "provider": provider_name()},
        )
