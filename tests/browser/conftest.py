"""Real-browser tests: Debian's Chromium driven by Playwright against pytest-django's live_server.

Run them with ``CI=true .venv/bin/pytest tests/browser -q``. Set ``DRAAGVLAK_SCREENSHOT_DIR`` to a
directory (outside the repository, e.g. /tmp/shots) to keep screenshots of some pages.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext, override

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Locator, Page
    from pytest_django.live_server_helper import LiveServer

# Playwright's sync API runs an event loop in the test thread; Django would otherwise refuse
# ORM calls from the test (factories, assertions on the database) as "async unsafe".
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORT = {"width": 1280, "height": 900}
TIMEOUT_MS = 5_000


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "browser: drives a real browser against live_server")


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix: None) -> None:
    """Give a browser-only run its own SQLite file, so it does not clash with a parallel run of
    the rest of the suite on var/test.sqlite3."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    name = str((database.get("TEST") or {}).get("NAME") or "")
    if database["ENGINE"].endswith("sqlite3") and name.endswith(".sqlite3"):
        database["TEST"]["NAME"] = name.removesuffix(".sqlite3") + "_browser.sqlite3"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing; install it with scripts/ensure-chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def new_context(
    browser: Browser, live_server: LiveServer, *, language: str = "nl", **options: object
) -> BrowserContext:
    """A fresh browser context whose language cookie is already set, so the first page is in
    the wanted language (the app reads ``draagvlak_language``)."""
    context = browser.new_context(locale=language, viewport=VIEWPORT, **options)
    context.set_default_timeout(TIMEOUT_MS)
    context.add_cookies([{"name": "draagvlak_language", "value": language, "url": live_server.url}])
    return context


@pytest.fixture
def language() -> str:
    return "nl"


@pytest.fixture
def page(browser: Browser, live_server: LiveServer, language: str) -> Iterator[Page]:
    context = new_context(browser, live_server, language=language)
    page = context.new_page()
    yield page
    context.close()


def screenshot(page: Page, name: str) -> None:
    """Keep a full-page screenshot when DRAAGVLAK_SCREENSHOT_DIR is set (never in the repo)."""
    directory = os.environ.get("DRAAGVLAK_SCREENSHOT_DIR")
    if directory:
        Path(directory).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(directory) / f"{name}.png"), full_page=True)


# Texts are looked up through Django's gettext, so one test checks every language.


def tr(language: str, message: str) -> str:
    with override(language):
        return gettext(message)


def label(language: str, message: str) -> str:
    """A form label as Django renders it: the translated verbose name with a capital."""
    return capfirst(tr(language, message))


def exactly(text: str) -> re.Pattern[str]:
    """The whole accessible name, allowing Django's label suffix (":") after it."""
    return re.compile(rf"^\s*{re.escape(text)}\s*:?\s*$")


def party_count(language: str, count: int) -> str:
    with override(language):
        singular, plural = "%(counter)s party", "%(counter)s parties"
        return ngettext(singular, plural, count) % {"counter": count}


def field(page: Page | Locator, language: str, message: str) -> Locator:
    return page.get_by_label(exactly(label(language, message)))


def button(page: Page | Locator, language: str, message: str) -> Locator:
    return page.get_by_role("button", name=tr(language, message), exact=True)


def fits(page: Page, shots: Path, name: str, errors: list[str] | None = None) -> None:
    """Screenshots at both widths; at 390 px nothing scrolls sideways; no console error so far."""
    shots.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= page.evaluate("innerWidth"), (name, width, scroll_width)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not errors, (name, errors)


def signed_in_state(
    browser: Browser, live_server: LiveServer, language: str, username: str, password: str
) -> dict:
    """The cookies of a signed-in session, to open many pages without signing in each time."""
    from playwright.sync_api import expect

    context = browser.new_context(locale=language)
    context.add_cookies([{"name": "draagvlak_language", "value": language, "url": live_server.url}])
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    field(page, language, "User name or e-mail address").fill(username)
    field(page, language, "Password").fill(password)
    button(page, language, "Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "My projects"))
    state = context.storage_state()
    context.close()
    return state
