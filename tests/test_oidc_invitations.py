"""Invitations accepted through the organisation's identity provider: the invitation page offers
its sign-in, the invited address must be the verified one, and with provider-only sign-in no
password account is offered."""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.cache import cache
from django.utils.translation import override

from accounts.models import User
from projects.models import Invitation, Membership, Role
from tests.factories import make_user
from tests.oidc_provider import (
    ANN,
    NEW,
    UNVERIFIED,
    Provider,
    configure,
    provider_for,
)
from tests.test_oidc import APP, sign_in_at_provider

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def provider(tmp_path_factory) -> Iterator[Provider]:
    with provider_for(APP, tmp_path_factory.mktemp("oidc-provider")) as running:
        yield running


@pytest.fixture
def sso(settings, provider) -> Provider:
    configure(settings, issuer=provider.issuer)
    cache.clear()
    return provider


def _invitation(team, email: str) -> Invitation:
    return team.project.invitations.create(
        email=email, role=Role.EDITOR, invited_by=team.owner
    )


def _link(invitation: Invitation) -> str:
    return f"/invitations/{invitation.token}/"


def _said(page) -> list[str]:
    return [str(message) for message in page.context["messages"]]


def test_the_invitation_page_offers_the_organisation_beside_passwords(client, team, settings):
    configure(settings)
    invitation = _invitation(team, "nora@hoogveld.example")
    with override("en"):
        page = client.get(_link(invitation), HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    assert page.context["single_sign_on"]["url"] == (
        f"/oidc/authenticate/?next=%2Finvitations%2F{invitation.token}%2F"
    )
    assert "Sign in with Stad Hoogveld" in page.content.decode()
    assert b'name="password1"' in page.content


def test_without_single_sign_on_the_invitation_page_is_unchanged(client, team):
    page = client.get(_link(_invitation(team, "nora@hoogveld.example")))
    assert page.context["single_sign_on"] is None
    assert b'name="password1"' in page.content
    assert b"/oidc/" not in page.content


def test_provider_only_offers_no_password_account(client, team, settings):
    configure(settings)
    settings.OIDC_ONLY = True
    invitation = _invitation(team, "nora@hoogveld.example")
    page = client.get(_link(invitation))
    assert page.status_code == 200
    assert b'name="password1"' not in page.content
    assert page.context["single_sign_on"]
    data = {"username": "nora", "password1": "lang-genoeg-1", "password2": "lang-genoeg-1"}
    assert client.post(_link(invitation), data).status_code == 405
    assert not User.objects.filter(username="nora").exists()


def test_known_person_accepts_through_the_provider(client, team, sso):
    ann = make_user("ann.p", email=ANN.email.lower())
    invitation = _invitation(team, ANN.email.upper())
    page, _ = sign_in_at_provider(client, ANN, next_url=_link(invitation))
    assert page.wsgi_request.user == ann
    assert page.redirect_chain[-1][0] == f"/projects/{team.project.pk}/"
    assert Membership.objects.get(project=team.project, user=ann).role == Role.EDITOR
    invitation.refresh_from_db()
    assert invitation.accepted_at is not None
    assert len(_said(page)) == 1


def test_new_person_gets_an_account_through_the_invitation_even_when_none_are_made(
    client, team, sso, settings
):
    settings.OIDC_CREATE_USER = False
    settings.OIDC_ONLY = True
    invitation = _invitation(team, NEW.email)
    page, _ = sign_in_at_provider(client, NEW, next_url=_link(invitation))
    user = User.objects.get(email__iexact=NEW.email)
    assert page.wsgi_request.user == user
    assert not user.has_usable_password()
    assert Membership.objects.filter(project=team.project, user=user).exists()


def test_another_address_is_refused_with_the_reason(client, team, sso, settings):
    settings.OIDC_CREATE_USER = False
    make_user("ann.p", email=ANN.email)
    invitation = _invitation(team, "someone.else@hoogveld.example")
    page, _ = sign_in_at_provider(client, ANN, next_url=_link(invitation))
    assert not page.wsgi_request.user.is_authenticated
    assert page.redirect_chain[-1][0] == _link(invitation)
    said = _said(page)
    assert len(said) == 1
    assert "someone.else@hoogveld.example" in said[0] and ANN.email.lower() in said[0].lower()
    assert not Membership.objects.filter(project=team.project, user__username="ann.p").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_another_address_makes_no_account(client, team, sso):
    invitation = _invitation(team, "someone.else@hoogveld.example")
    page, _ = sign_in_at_provider(client, NEW, next_url=_link(invitation))
    assert not page.wsgi_request.user.is_authenticated
    assert not User.objects.filter(email__iexact=NEW.email).exists()


def test_an_unverified_address_accepts_nothing(client, team, sso):
    invitation = _invitation(team, UNVERIFIED.email)
    page, _ = sign_in_at_provider(client, UNVERIFIED, next_url=_link(invitation))
    assert not page.wsgi_request.user.is_authenticated
    assert UNVERIFIED.email in _said(page)[0]
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_later_plain_sign_in_accepts_nothing(client, team, sso):
    make_user("ann.p", email=ANN.email)
    invitation = _invitation(team, ANN.email)
    client.get("/oidc/authenticate/?next=" + _link(invitation))
    page, _ = sign_in_at_provider(client, ANN, next_url="/accounts/settings/")
    assert page.wsgi_request.user.is_authenticated
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_an_invitation_used_meanwhile_still_signs_in_and_says_so(client, team, sso):
    ann = make_user("ann.p", email=ANN.email)
    invitation = _invitation(team, ANN.email)
    start = client.get("/oidc/authenticate/?next=" + _link(invitation))
    assert start.status_code == 302
    Invitation.objects.filter(pk=invitation.pk).update(accepted_at="2026-01-01T00:00:00Z")
    page, _ = sign_in_at_provider(client, ANN, next_url=_link(invitation))
    assert page.wsgi_request.user == ann
    assert not Membership.objects.filter(project=team.project, user=ann).exists()


def test_cancelling_at_the_provider_returns_to_the_invitation(client, team, sso):
    invitation = _invitation(team, ANN.email)
    start = client.get("/oidc/authenticate/?next=" + _link(invitation))
    state = parse_qs(urlsplit(start["Location"]).query)["state"][0]
    page = client.get(f"/oidc/callback/?error=access_denied&state={state}", follow=True)
    assert page.redirect_chain[-1][0] == _link(invitation)
    assert len(_said(page)) == 1
    assert page.context["single_sign_on"]


@pytest.mark.parametrize("others", [0, 5])
def test_the_invitation_page_asks_a_fixed_number_of_queries(
    client, team, settings, others, django_assert_max_num_queries
):
    configure(settings)
    for number in range(others):
        _invitation(team, f"other{number}@hoogveld.example")
    invitation = _invitation(team, "nora@hoogveld.example")
    with django_assert_max_num_queries(4):
        assert client.get(_link(invitation)).status_code == 200
