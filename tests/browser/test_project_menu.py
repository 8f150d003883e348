"""The project menu: one button on a phone that opens the list of sections, a row of links on a
laptop; the same with and without JavaScript."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import TIMEOUT_MS, tr
from tests.browser.test_register_flow import sign_in
from tests.factories import make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Browser
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"


@pytest.mark.parametrize("javascript", [True, False], ids=["script", "no-script"])
def test_the_project_menu_folds_on_a_phone(
    browser: Browser, live_server: LiveServer, javascript: bool
) -> None:
    user = make_user(language=LANGUAGE)
    project = make_project(user, title="Mondzorg Hoogveld")
    context = browser.new_context(
        locale=LANGUAGE, viewport={"width": 390, "height": 844}, java_script_enabled=javascript
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(4 * TIMEOUT_MS)
    context.add_cookies([{"name": "draagvlak_language", "value": LANGUAGE, "url": live_server.url}])
    page = context.new_page()
    sign_in(page, live_server, LANGUAGE, user.username)
    page.goto(f"{live_server.url}/projects/{project.pk}/")

    nav = page.get_by_role("navigation", name=tr(LANGUAGE, "Project"))
    parties = nav.get_by_role("link", name=tr(LANGUAGE, "Parties"), exact=True)
    expect(parties).to_be_hidden()
    nav.get_by_text(tr(LANGUAGE, "Project menu")).click()
    expect(parties).to_be_visible()
    parties.click()
    expect(page).to_have_url(f"{live_server.url}/projects/{project.pk}/parties/")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.reload()
    expect(nav.get_by_text(tr(LANGUAGE, "Project menu"))).to_be_hidden()
    expect(nav.get_by_role("link", name=tr(LANGUAGE, "Members"), exact=True)).to_be_visible()
    context.close()
