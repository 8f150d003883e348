"""A new project's first hour in a real browser: the dashboard says where to start, three usual
parties are added with one click each, the bulk table is filled in with the keyboard only, and the
step plan shows what the data proves. Screenshots at 1280 and 390 px go to
var/screenshots/first-hour/ (outside version control)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from playwright.sync_api import expect

from parties.models import Party
from projects.models import Place
from tests.browser.conftest import new_context, tr
from tests.factories import make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "first-hour"
LANGUAGE = "nl"


def _shoot(page: Page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        # nothing on the page scrolls sideways; the bulk table scrolls in its own box or stacks
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 1, (name, width, overflow)
    page.set_viewport_size({"width": 1280, "height": 900})


def test_a_new_project_through_its_first_steps(browser: Browser, live_server: LiveServer):
    owner = make_user("alice", first_name="Alice")
    project = make_project(owner, title="Mondzorg Hoogveld")
    project.places.add(Place.objects.create(name="Hoogveld", country="NL"))
    context = new_context(browser, live_server, language=LANGUAGE)
    context.set_default_timeout(20_000)  # two shared cores: the first pages are slow to build
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.locator("#id_username").fill("alice")
    page.locator("#id_password").fill("password")
    page.locator("#id_password").press("Enter")
    page.goto(f"{live_server.url}/projects/{project.pk}/")

    next_step = page.locator("#next-step")
    expect(next_step.get_by_role("heading", level=2)).to_have_text(tr(LANGUAGE, "Start here"))
    expect(next_step).to_contain_text(tr(LANGUAGE, "Name the core group"))
    _shoot(page, "1-new-project")

    for name in ("Tandartsen", "GGD", "Huisartsen"):
        page.get_by_role("button", name=tr(LANGUAGE, "Add %(name)s to the register")
                         % {"name": name}).click()
        expect(page.get_by_role("status")).to_contain_text(name)
    assert sorted(Party.objects.filter(project=project).values_list("name", flat=True)) == [
        "GGD", "Huisartsen", "Tandartsen"]
    _shoot(page, "2-three-parties")

    page.get_by_role("link", name=tr(LANGUAGE, "Assess them"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        tr(LANGUAGE, "Assess several parties"))
    first = page.locator("input.score").first
    first.focus()
    # Three rows of four scores and an attitude, typed without the mouse.
    for _row in range(3):
        for score in ("4", "3", "4", "2"):
            page.keyboard.type(score)
            page.keyboard.press("Tab")
        page.keyboard.press("ArrowDown")  # the attitude select: "neutral" → "support"
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")
        for _ in range(4):  # past the engagement selects and the next party's link
            page.keyboard.press("Tab")
    _shoot(page, "3-bulk-table")
    page.locator("input.score").last.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("3")
    assert all(p.latest_assessment_id for p in Party.objects.filter(project=project))
    assert {p.latest_assessment.power for p in Party.objects.filter(project=project)} == {4}

    page.goto(f"{live_server.url}/projects/{project.pk}/steps/")
    register = page.locator("#item-parties-register")
    expect(register).to_contain_text(tr(LANGUAGE, "Shown by the data:"))
    expect(page.locator("#item-parties-assess")).to_contain_text("3")
    expect(page.locator("#item-parties-assess .proof.proven")).to_be_visible()
    _shoot(page, "4-step-plan")
    context.close()
