"""Single sign-on in a real browser: the app beside a real OpenID Connect provider process. The
person clicks "Sign in with <organisation>", signs in at the provider's own form, consents, lands
signed in; signing out ends the session at the provider too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.models import User
from tests.browser.conftest import new_context, screenshot, tr
from tests.oidc_provider import (
    ANN,
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
    configure(settings, issuer=provider.issuer, organisation=ORGANISATION)
    cache.clear()
    return provider


def test_sign_in_and_out_through_the_provider(
    browser: Browser, live_server: LiveServer, sso: Provider
) -> None:
    context = new_context(browser, live_server, language=LANGUAGE)
    page = context.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    screenshot(page, "oidc-sign-in-1280")
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    screenshot(page, "oidc-sign-in-390")

    label = tr(LANGUAGE, "Sign in with %(organisation)s") % {"organisation": ORGANISATION}
    page.get_by_role("link", name=label).click()
    page.get_by_label("Provider user name").fill(ANN.username)
    page.get_by_label("Provider password").fill(PROVIDER_PASSWORD)
    page.get_by_role("button", name="Log in at the provider").click()
    page.get_by_role("button", name="Authorize").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(tr(LANGUAGE, "My projects"))
    user = User.objects.get(email__iexact=ANN.email)
    assert user.organisations.get().name == ORGANISATION

    whoami = context.new_page()
    whoami.goto(sso.url + "/whoami/")
    expect(whoami.locator("body")).to_contain_text(f"provider: {ANN.username}")

    page.get_by_role("button", name=tr(LANGUAGE, "Sign out")).click()
    expect(page).to_have_url(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("link", name=label)).to_be_visible()
    whoami.reload()
    expect(whoami.locator("body")).to_contain_text("provider: nobody")

    # Signed out at the provider: signing in again asks for the password there.
    page.get_by_role("link", name=label).click()
    expect(page.get_by_label("Provider password")).to_be_visible()
    context.close()
