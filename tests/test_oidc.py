"""Single sign-on over OpenID Connect: who is let in (verified e-mail only), who is created or
refused, which organisation they join, and the whole flow against a real provider process."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from html.parser import HTMLParser
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric import rsa
from django.core.cache import cache
from django.core.exceptions import SuspiciousOperation
from django.test import Client
from django.utils.translation import override

from accounts import oidc
from accounts.models import User
from projects.models import Organisation
from tests.factories import make_user
from tests.oidc_provider import (
    ANN,
    CLIENT_ID,
    CLIENT_SECRET,
    NEW,
    PROVIDER_PASSWORD,
    UNVERIFIED,
    Person,
    Provider,
    configure,
    provider_for,
)

pytestmark = pytest.mark.django_db

APP = "http://testserver"
ORGANISATION = "Stad Hoogveld"


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[Provider]:
    with provider_for(APP, tmp_path_factory.mktemp("oidc-provider")) as running:
        yield running


@pytest.fixture
def sso(settings, provider) -> Provider:
    configure(settings, issuer=provider.issuer)
    cache.clear()
    return provider


def claims(email: str = "an@hoogveld.example", **extra) -> dict:
    return {"sub": "1", "email": email, "email_verified": True, **extra}


# Matching the person to an account --------------------------------------------------------


def test_verified_address_matches_an_account_whatever_its_case(settings):
    configure(settings)
    an = make_user("an", email="an@hoogveld.example")
    assert oidc.user_for_claims(claims("An@Hoogveld.EXAMPLE")) == an
    assert User.objects.count() == 1


@pytest.mark.parametrize("flag", [False, None, "false", "yes", 1])
def test_unverified_address_never_matches(settings, flag):
    configure(settings)
    make_user("an", email="an@hoogveld.example")
    payload = claims()
    payload["email_verified"] = flag
    with override("en"), pytest.raises(oidc.SignInRefused, match="has not been confirmed"):
        oidc.user_for_claims(payload)
    assert User.objects.count() == 1


def test_missing_verification_flag_is_refused(settings):
    configure(settings)
    payload = claims()
    del payload["email_verified"]
    with pytest.raises(oidc.SignInRefused):
        oidc.user_for_claims(payload)
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("allowed", "payload", "matches"),
    [
        (True, {"xms_edov": True}, True),
        (False, {"xms_edov": True}, False),
        (True, {"xms_edov": "true"}, False),
        (True, {"xms_edov": True, "email_verified": False}, False),
    ],
    ids=["allowed", "not-allowed", "text", "flag-wins"],
)
def test_entra_domain_verification_only_where_allowed(settings, allowed, payload, matches):
    configure(settings)
    settings.OIDC_ENTRA_DOMAIN_VERIFIED = allowed
    an = make_user("an", email="an@hoogveld.example")
    given = {"sub": "1", "email": "an@hoogveld.example", **payload}
    if matches:
        assert oidc.user_for_claims(given) == an
    else:
        with pytest.raises(oidc.SignInRefused):
            oidc.user_for_claims(given)


def test_verified_as_text_true_is_accepted(settings):
    configure(settings)
    an = make_user("an", email="an@hoogveld.example")
    assert oidc.user_for_claims(claims(email_verified="true")) == an


def test_no_address_is_refused(settings):
    configure(settings)
    with override("en"), pytest.raises(oidc.SignInRefused, match="did not get your e-mail"):
        oidc.user_for_claims(claims(email=""))


def test_new_person_gets_an_account_in_the_organisation(settings):
    configure(settings)
    user = oidc.user_for_claims(claims(given_name="An", family_name="Peeters"))
    assert (user.username, user.first_name, user.last_name) == ("an", "An", "Peeters")
    assert not user.has_usable_password()
    assert list(user.organisations.values_list("name", flat=True)) == [ORGANISATION]


def test_new_account_takes_a_free_user_name(settings):
    configure(settings)
    make_user("an", email="an@elders.example")
    make_user("AN-2", email="an2@elders.example")
    assert oidc.user_for_claims(claims()).username == "an-3"


def test_unknown_person_refused_when_accounts_are_not_created(settings):
    configure(settings)
    settings.OIDC_CREATE_USER = False
    with override("en"), pytest.raises(oidc.SignInRefused, match="no account here"):
        oidc.user_for_claims(claims())
    assert not User.objects.exists()
    assert not Organisation.objects.exists()


def test_existing_organisation_is_joined_not_doubled(settings):
    configure(settings)
    organisation = Organisation.objects.create(name="stad hoogveld")
    an = make_user("an", email="an@hoogveld.example")
    oidc.user_for_claims(claims())
    oidc.user_for_claims(claims())
    assert list(an.organisations.all()) == [organisation]
    assert Organisation.objects.count() == 1


def test_without_an_organisation_nobody_joins_one(settings):
    configure(settings)
    settings.OIDC_ORGANISATION = ""
    user = oidc.user_for_claims(claims())
    assert not user.organisations.exists()


def test_switched_off_account_is_refused(settings):
    configure(settings)
    make_user("an", email="an@hoogveld.example", is_active=False)
    with pytest.raises(oidc.SignInRefused):
        oidc.user_for_claims(claims())


# The ID token -----------------------------------------------------------------------------


def _signed(key, **payload) -> str:
    now = int(time.time())
    body = {"iss": "https://id.hoogveld.example/realms/stad", "aud": CLIENT_ID, "sub": "1",
            "iat": now, "exp": now + 60, **payload}
    return jwt.encode(body, key, algorithm="RS256")


@pytest.mark.parametrize(
    "payload",
    [{"aud": "another-app"}, {"iss": "https://elders.example"}, {"exp": 1}],
    ids=["audience", "issuer", "expired"],
)
def test_id_token_for_another_app_issuer_or_time_is_refused(settings, payload):
    configure(settings)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    backend = oidc.OIDCBackend()
    assert backend._verify_jws(_signed(key), key.public_key())["sub"] == "1"
    with pytest.raises(SuspiciousOperation):
        backend._verify_jws(_signed(key, **payload), key.public_key())


def test_id_token_with_another_algorithm_is_refused(settings):
    configure(settings)
    token = jwt.encode({"sub": "1"}, CLIENT_SECRET * 2, algorithm="HS256")
    with pytest.raises(SuspiciousOperation):
        oidc.OIDCBackend()._verify_jws(token, CLIENT_SECRET * 2)


# Settings -----------------------------------------------------------------------------------


def _settings_in_new_process(env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("DRAAGVLAK_")}
    code = "from django.conf import settings; print(settings.AUTHENTICATION_BACKENDS[-1])"
    return subprocess.run(
        [sys.executable, "-c", code],
        env={**clean, "DJANGO_SETTINGS_MODULE": "draagvlak.settings", "DRAAGVLAK_DEBUG": "1",
             **env},
        capture_output=True, text=True, check=False,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"DRAAGVLAK_OIDC_CLIENT_ID": "draagvlak", "DRAAGVLAK_OIDC_CLIENT_SECRET": "s"},
        {"DRAAGVLAK_OIDC_CLIENT_ID": "draagvlak", "DRAAGVLAK_OIDC_ISSUER": "https://id.example"},
        {"DRAAGVLAK_OIDC_ONLY": "1"},
    ],
    ids=["no-issuer", "no-secret", "only-without-client"],
)
def test_incomplete_configuration_stops_start_up(env):
    started = _settings_in_new_process(env)
    assert started.returncode != 0
    assert "ImproperlyConfigured" in started.stderr


def test_configuration_from_the_environment_installs_the_backend():
    started = _settings_in_new_process({
        "DRAAGVLAK_OIDC_CLIENT_ID": "draagvlak",
        "DRAAGVLAK_OIDC_CLIENT_SECRET": "s",
        "DRAAGVLAK_OIDC_ISSUER": "https://id.example/realms/stad/",
    })
    assert started.stdout.strip() == "accounts.oidc.OIDCBackend", started.stderr
    assert _settings_in_new_process({}).stdout.strip() == "accounts.backends.UsernameOrEmailBackend"


# Off by default ---------------------------------------------------------------------------


def test_off_unless_configured(client):
    assert client.get("/oidc/authenticate/").status_code == 404
    assert client.get("/oidc/callback/?code=x&state=y").status_code == 404
    page = client.get("/accounts/login/")
    assert "single_sign_on" not in page.context
    assert b'name="password"' in page.content


# The real flow, against the provider process ----------------------------------------------


class _Forms(HTMLParser):
    """The forms of a page: action and the inputs' names and values, submit buttons apart."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        attributes = dict(attrs)
        if tag == "form":
            self.forms.append({"action": attributes.get("action") or "", "fields": {}})
        elif self._named_input(tag, attributes):
            self.forms[-1]["fields"][attributes["name"]] = attributes.get("value") or ""

    def _named_input(self, tag: str, attributes: dict) -> bool:
        return tag == "input" and bool(self.forms and attributes.get("name")) and (
            attributes.get("type") != "submit"
        )


def _form(response: requests.Response) -> tuple[str, dict]:
    parser = _Forms()
    parser.feed(response.text)
    form = parser.forms[0]
    return urljoin(response.url, form["action"]), form["fields"]


def sign_in_at_provider(client: Client, person: Person, *, next_url: str = "") -> tuple:
    """Starts at the app, signs in at the provider's form, consents, and returns the app's
    answer to the provider's callback, with the browser's session at the provider."""
    start = client.get("/oidc/authenticate/" + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    browser = requests.Session()
    login_page = browser.get(start["Location"])
    action, fields = _form(login_page)
    fields |= {"username": person.username, "password": PROVIDER_PASSWORD}
    signed_in = browser.post(action, data=fields, allow_redirects=False)
    back = browser.get(urljoin(action, signed_in.headers["Location"]), allow_redirects=False)
    if back.status_code == 200:  # consent, asked once per person and client
        action, fields = _form(back)
        back = browser.post(action, data={**fields, "allow": "Authorize"}, allow_redirects=False)
    callback = urlsplit(back.headers["Location"])
    assert f"{callback.scheme}://{callback.netloc}{callback.path}" == f"{APP}/oidc/callback/"
    return client.get(f"{callback.path}?{callback.query}", follow=True), browser


def test_sign_in_asks_the_provider_with_pkce(client, sso):
    start = client.get("/oidc/authenticate/")
    query = parse_qs(urlsplit(start["Location"]).query)
    assert start["Location"].startswith(sso.issuer + "/authorize")
    assert query["code_challenge_method"] == ["S256"]
    assert len(query["code_challenge"][0]) >= 43
    assert query["redirect_uri"] == [f"{APP}/oidc/callback/"]
    assert query["client_id"] == [CLIENT_ID]
    assert "nonce" in query and "state" in query


def test_known_person_signs_in_through_the_provider(client, sso):
    ann = make_user("ann.p", email=ANN.email.lower())
    page, _ = sign_in_at_provider(client, ANN, next_url="/accounts/settings/")
    assert page.wsgi_request.user == ann
    assert page.redirect_chain[-1][0] == "/accounts/settings/"
    assert User.objects.count() == 1
    assert list(ann.organisations.values_list("name", flat=True)) == [ORGANISATION]


def test_new_person_is_created_at_first_sign_in(client, sso):
    page, _ = sign_in_at_provider(client, NEW)
    user = User.objects.get(email__iexact=NEW.email)
    assert page.wsgi_request.user == user
    assert (user.first_name, user.last_name) == (NEW.first_name, NEW.last_name)
    assert user.organisations.get().name == ORGANISATION


def test_new_person_is_refused_when_accounts_are_not_created(client, sso, settings):
    settings.OIDC_CREATE_USER = False
    page, _ = sign_in_at_provider(client, NEW)
    assert not page.wsgi_request.user.is_authenticated
    assert page.redirect_chain[-1][0] == "/accounts/login/"
    messages = [str(message) for message in page.context["messages"]]
    assert len(messages) == 1 and NEW.email in messages[0]
    assert not User.objects.filter(email__iexact=NEW.email).exists()


def test_unverified_address_at_the_provider_is_refused(client, sso):
    make_user("otto", email=UNVERIFIED.email)
    page, _ = sign_in_at_provider(client, UNVERIFIED)
    assert not page.wsgi_request.user.is_authenticated
    messages = [str(message) for message in page.context["messages"]]
    assert len(messages) == 1 and UNVERIFIED.email in messages[0]


def test_signing_out_ends_the_provider_session(client, sso):
    make_user("ann.p", email=ANN.email)
    _, browser = sign_in_at_provider(client, ANN)
    assert browser.get(sso.url + "/whoami/").text.endswith(ANN.username)
    page = client.post("/accounts/logout/")
    assert page.status_code == 200
    assert "_auth_user_id" not in client.session
    logout_url = page.context["provider_logout_url"]
    query = parse_qs(urlsplit(logout_url).query)
    assert logout_url.startswith(sso.issuer + "/end-session")
    assert query["post_logout_redirect_uri"] == [f"{APP}/accounts/login/"]
    assert query["id_token_hint"]
    back = browser.get(logout_url, allow_redirects=False)
    assert back.headers["Location"] == f"{APP}/accounts/login/"
    assert browser.get(sso.url + "/whoami/").text.endswith("nobody")


def test_password_sign_out_stays_here(client, sso):
    client.force_login(make_user("an"))
    page = client.post("/accounts/logout/")
    assert page.status_code == 302 and page["Location"] == "/accounts/login/"


def test_a_replayed_callback_is_refused_with_a_message(client, sso):
    make_user("ann.p", email=ANN.email)
    start = client.get("/oidc/authenticate/")
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    page = client.get(f"/oidc/callback/?code=made-up&state={state}", follow=True)
    assert not page.wsgi_request.user.is_authenticated
    assert len(list(page.context["messages"])) == 1


def test_unreachable_provider_is_a_message_not_an_error(client, settings):
    configure(settings, issuer="http://127.0.0.1:9/openid")
    cache.clear()
    page = client.get("/oidc/authenticate/", follow=True)
    assert page.redirect_chain[-1][0] == "/accounts/login/"
    assert len(list(page.context["messages"])) == 1


# The sign-in page and the password throttle -----------------------------------------------


def test_sign_in_page_offers_the_organisation(client, settings):
    configure(settings)
    with override("en"):
        page = client.get("/accounts/login/?next=/accounts/settings/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.context["single_sign_on"]["url"] == (
        "/oidc/authenticate/?next=%2Faccounts%2Fsettings%2F"
    )
    assert b'name="password"' in page.content


def test_button_label_can_be_set(client, settings):
    configure(settings)
    settings.OIDC_BUTTON_LABEL = "Inloggen met Hoogveld-ID"
    assert "Inloggen met Hoogveld-ID" in client.get("/accounts/login/").content.decode()


def test_provider_only_hides_and_refuses_passwords(client, settings):
    configure(settings)
    settings.OIDC_ONLY = True
    make_user("an")
    page = client.get("/accounts/login/")
    assert b'name="password"' not in page.content
    assert page.context["single_sign_on"]
    response = client.post(
        "/accounts/login/", {"username": "an", "password": "password"}
    )
    assert response.status_code == 405
    assert "_auth_user_id" not in client.session


def test_password_throttle_still_counts_with_single_sign_on(client, settings):
    configure(settings)
    settings.AXES_FAILURE_LIMIT = 2
    make_user("an")
    for _ in range(2):
        client.post("/accounts/login/", {"username": "an", "password": "wrong"})
    locked = client.post("/accounts/login/", {"username": "an", "password": "password"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_provider_return_is_not_counted_by_the_throttle(client, sso, settings):
    settings.AXES_FAILURE_LIMIT = 1
    make_user("ann.p", email=ANN.email)
    for _ in range(2):
        start = client.get("/oidc/authenticate/")
        state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
        client.get(f"/oidc/callback/?error=access_denied&state={state}")
    page, _ = sign_in_at_provider(client, ANN)
    assert page.wsgi_request.user.is_authenticated
