"""An invitation accepted in a real browser through the organisation's provider, where only the
provider signs people in: the invitation page offers its button and no password form; the new
person signs in at the provider and lands in the project."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.models import User
from projects.models import Membership, Role
from tests.browser.conftest import fits, new_context, tr
from tests.factories import make_project, make_user
from tests.oidc_provider import (
    NEW,
    PROVIDER_PASSWORD,
    Provider,
    configure,
    provider_for,
)

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"
ORGANISATION = "Stad Hoogveld"


@pytest.fixture(scope="module")
def provider(live_server: LiveServer, tmp_path_factory) -> Iterator[Provider]:
    with provider_for(live_server.url, tmp_path_factory.mktemp("oidc-provider")) as running:
        yield running


@pytest.fixture
def sso(settings, provider: Provider) -> Provider:
    configure(
        settings, issuer=provider.issuer, organisation=ORGANISATION, create_users=False, only=True
    )
    cache.clear()
    return provider


def test_invitation_accepted_through_the_provider(
    browser: Browser, live_server: LiveServer, sso: Provider, tmp_path: Path
) -> None:
    owner = make_user("alice", first_name="Alice")
    project = make_project(owner, title="Mondzorg Hoogveld")
    invitation = project.invitations.create(email=NEW.email, role=Role.EDITOR, invited_by=owner)
    context = new_context(browser, live_server, language=LANGUAGE)
    page = context.new_page()
    page.goto(f"{live_server.url}/invitations/{invitation.token}/")
    expect(page.locator("input[type=password]")).to_have_count(0)
    shots = Path(os.environ.get("DRAAGVLAK_SCREENSHOT_DIR") or tmp_path)
    fits(page, shots, "oidc-invitation")

    label = tr(LANGUAGE, "Sign in with %(organisation)s") % {"organisation": ORGANISATION}
    page.get_by_role("link", name=label).click()
    page.get_by_label("Provider user name").fill(NEW.username)
    page.get_by_label("Provider password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Log in at the provider").click()
    page.get_by_role("button", name="Authorize").click()

    expect(page).to_have_url(f"{live_server.url}/projects/{project.pk}/")
    expect(page.get_by_role("status").or_(page.locator(".messages"))).to_contain_text(
        tr(LANGUAGE, "Welcome to the project.")
    )
    user = User.objects.get(email__iexact=NEW.email)
    assert Membership.objects.get(project=project, user=user).role == Role.EDITOR
    context.close()
