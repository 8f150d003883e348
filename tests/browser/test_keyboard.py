"""Without a mouse and without JavaScript: signing in by keyboard alone, and filtering the party
list with the form's own "Filter" button when htmx cannot run."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import field, label, new_context, party_count, tr
from tests.factories import assess, make_party, make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_sign_in_by_keyboard_and_filter_without_javascript(
    browser: Browser, page: Page, live_server: LiveServer, language: str
) -> None:
    user = make_user(language=language)
    project = make_project(user, title="Mondzorg Hoogveld")
    board = make_party(project, name="Schepencollege Hoogveld", layer="board")
    assess(board, attitude=1)
    make_party(project, name="Wijkgezondheidscentrum De Brug", layer="staff")

    # Keyboard only: the user name field has the focus, Tab moves on, Enter submits.
    page.goto(live_server.url + "/accounts/login/")
    expect(field(page, language, "User name or e-mail address")).to_be_focused()
    page.keyboard.type(user.username)
    page.keyboard.press("Tab")
    expect(field(page, language, "Password")).to_be_focused()
    page.keyboard.type("password")
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "My projects"))

    # The same session in a browser that runs no scripts at all.
    context = new_context(browser, live_server, language=language, java_script_enabled=False)
    context.add_cookies(page.context.cookies())
    plain = context.new_page()
    plain.goto(f"{live_server.url}/projects/{project.pk}/parties/")
    count = plain.locator("#results .count")
    expect(count).to_have_text(party_count(language, 2))

    filters = plain.get_by_role("search", name=tr(language, "Filter the parties"))
    field(filters, language, "Layer").select_option(label=tr(language, "board"))
    expect(count).to_have_text(party_count(language, 2))  # nothing happens before the button
    filters.get_by_role("button", name=tr(language, "Filter"), exact=True).click()

    expect(plain).to_have_url(re.compile(r"[?&]layer=board"))
    expect(count).to_have_text(party_count(language, 1))
    results = plain.locator("#results")
    expect(results.get_by_role("link", name="Schepencollege Hoogveld", exact=True)).to_be_visible()
    expect(results.get_by_role("link", name="Wijkgezondheidscentrum De Brug")).to_have_count(0)
    expect(field(filters, language, "Layer")).to_have_value("board")

    # Searching works the same way: type, then press Enter to submit the form.
    search = filters.get_by_role("searchbox", name=label(language, "Search"))
    search.fill("brug")
    search.press("Enter")
    expect(plain).to_have_url(re.compile(r"[?&]q=brug"))
    expect(count).to_have_text(party_count(language, 0))  # still limited to the board layer
    context.close()
