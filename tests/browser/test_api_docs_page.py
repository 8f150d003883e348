"""The API documentation in a real browser: Swagger UI, served by the app, runs under the
Content-Security-Policy without a console error, shows the operations folded in the page's
language, and fits a phone. Screenshots go to var/screenshots/api-docs/ (not committed)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from playwright.sync_api import expect

from tests.browser.conftest import new_context, tr

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "api-docs"
# Swagger UI is 1.7 MB of script, served by the test server on a busy machine.
SLOW_MS = 30_000
VIEWER = Path(settings.BASE_DIR) / "static" / "vendor" / "swagger-ui" / "swagger-ui-bundle.js"


def open_docs(browser: Browser, live_server: LiveServer, language: str, width: int):
    if not VIEWER.exists():
        pytest.fail(f"{VIEWER} is missing; run make assets (npm ci)")
    context = new_context(browser, live_server, language=language)
    context.set_default_timeout(SLOW_MS)
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 900})
    errors: list[str] = []
    hosts: set[str] = set()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    response = page.goto(live_server.url + "/api/v1/docs")
    assert response is not None and response.status == 200
    return context, page, errors, hosts


def folded_viewer(page: Page, language: str) -> None:
    """Swagger UI drew one folded group per tag; opening one shows its operations folded, their
    summaries in the page's language."""
    groups = page.locator(".swagger-ui .opblock-tag-section")
    expect(groups.first).to_be_visible()
    assert groups.count() >= 15
    assert page.locator(".swagger-ui .opblock").count() == 0
    expect(page.locator("#api-docs-plain")).to_be_hidden()
    page.locator(".swagger-ui h3.opblock-tag").first.click()
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert page.locator(".swagger-ui .opblock.is-open").count() == 0
    expect(page.locator(".swagger-ui .opblock-summary-description").first).to_have_text(
        tr(language, "List your projects")
    )


@pytest.mark.parametrize(("language", "width"), [("nl", 1280), ("nl", 390), ("en", 1280)])
def test_swagger_ui_runs_folded_under_the_policy(
    browser: Browser, live_server: LiveServer, language: str, width: int
) -> None:
    context, page, errors, hosts = open_docs(browser, live_server, language, width)
    try:
        folded_viewer(page, language)
        page.wait_for_load_state("networkidle")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{language}-{width}.png"), full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= page.evaluate("innerWidth"), f"{scroll_width} px wide"
        assert hosts == {urlsplit(live_server.url).netloc}
        assert not errors, errors
    finally:
        context.close()


def test_an_operation_opens_and_fits_a_phone(browser: Browser, live_server: LiveServer) -> None:
    context, page, errors, _hosts = open_docs(browser, live_server, "nl", 390)
    try:
        folded_viewer(page, "nl")
        page.locator(".swagger-ui .opblock-summary-control").nth(1).click()
        expect(page.locator(".swagger-ui .opblock.is-open")).to_have_count(1)
        expect(page.locator(".swagger-ui .opblock.is-open .responses-table")).to_be_visible()
        page.screenshot(path=str(SHOTS / "nl-390-open.png"), full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= page.evaluate("innerWidth"), f"{scroll_width} px wide"
        assert not errors, errors
    finally:
        context.close()


def test_without_javascript_the_routes_are_listed_folded(
    browser: Browser, live_server: LiveServer
) -> None:
    context = new_context(browser, live_server, language="nl", java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(live_server.url + "/api/v1/docs")
        groups = page.locator("#api-docs-plain details.api-docs-tag")
        assert groups.count() >= 15
        assert page.locator("#api-docs-plain details[open]").count() == 0
        page.locator("#api-docs-plain summary").first.click()
        expect(page.get_by_text("GET /api/v1/projects", exact=True)).to_be_visible()
        page.set_viewport_size({"width": 390, "height": 900})
        page.screenshot(path=str(SHOTS / "nl-390-no-javascript.png"), full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= page.evaluate("innerWidth"), f"{scroll_width} px wide"
    finally:
        context.close()
