"""The main path through the app in a real browser, once in Dutch and once in English:
sign in, start a project, add a party, assess it, find it again in the list and edit it in place.

Every label, button and message is looked up through Django's own gettext for the language under
test, so the same steps check both translations.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from parties.models import Party
from projects.models import Project
from tests.browser.conftest import button, exactly, field, label, party_count, screenshot, tr
from tests.factories import assess, make_party, make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PROJECT = "Mondzorg Hoogveld"
PARTY = "Tandartsenkring Hoogveld"
OTHER_PARTY = "College van burgemeester en schepenen"


def sign_in(page: Page, live_server: LiveServer, language: str, username: str) -> None:
    page.goto(live_server.url + "/accounts/login/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    field(page, language, "User name or e-mail address").fill(username)
    field(page, language, "Password").fill("password")
    button(page, language, "Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "My projects"))


def create_project(page: Page, language: str) -> Project:
    page.get_by_role("link", name=tr(language, "New project"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "New project"))
    field(page, language, "title").fill(PROJECT)
    field(page, language, "Name of the new organisation").fill("GGD Hoogveld")
    field(page, language, "health theme").select_option(label=tr(language, "oral health"))
    field(page, language, "Places").fill("Hoogveld; 46099")
    button(page, language, "Save").click()

    expect(page).to_have_url(re.compile(r"/projects/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    expect(page.get_by_role("status")).to_contain_text(
        tr(language, "The project has been created.")
    )
    project = Project.objects.get(title=PROJECT)
    assert [(p.name, p.code) for p in project.places.all()] == [("Hoogveld", "46099")]
    return project


def add_party(page: Page, language: str) -> None:
    project_nav = page.get_by_role("navigation", name=tr(language, "Project"))
    project_nav.get_by_role("link", name=tr(language, "Parties"), exact=True).click()
    page.get_by_role("link", name=tr(language, "Add a party"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "Add a party"))

    field(page, language, "name").fill(PARTY)
    field(page, language, "kind").select_option(label=tr(language, "organisation"))
    field(page, language, "layer").select_option(label=tr(language, "management"))
    field(page, language, "sector").select_option(label=tr(language, "health care"))
    field(page, language, "role towards the project").select_option(
        label=tr(language, "carries out")
    )
    field(page, language, "ring of involvement").select_option(label=tr(language, "thinks along"))
    field(page, language, "goals").fill("Elk kind een gezond gebit.")
    field(page, language, "works with socially vulnerable groups").check()
    button(page, language, "Save").click()

    expect(page.get_by_role("heading", level=1)).to_have_text(PARTY)
    message = tr(language, "%(name)s has been added to the register.") % {"name": PARTY}
    expect(page.get_by_role("status")).to_contain_text(message)


def record_assessment(page: Page, language: str) -> None:
    form = page.get_by_role("region", name=tr(language, "Record a new assessment"))
    expect(field(form, language, "date")).to_have_value(timezone.localdate().isoformat())
    for name, score in [("power", "4"), ("interest", "5"), ("legitimacy", "3"), ("urgency", "2")]:
        group = form.get_by_role("group", name=exactly(label(language, name)))
        group.get_by_label(score, exact=True).check()
    attitude = form.get_by_role("group", name=exactly(label(language, "attitude")))
    attitude.get_by_label(tr(language, "support"), exact=True).check()
    field(form, language, "current engagement").select_option(label=tr(language, "neutral"))
    field(form, language, "desired engagement").select_option(label=tr(language, "leading"))
    field(form, language, "note").fill("Eerste gesprek met de voorzitter")
    button(form, language, "Record assessment").click()

    expect(page.get_by_role("status")).to_contain_text(
        tr(language, "The assessment has been recorded.")
    )
    history = page.get_by_role("region", name=tr(language, "Assessment history"))
    row = history.get_by_role("row").filter(has_text="Eerste gesprek met de voorzitter")
    expect(row).to_have_count(1)
    expect(row).to_contain_text(tr(language, "support"))
    scores = row.get_by_role("cell")
    expect(scores.nth(0)).to_have_text("4")
    expect(scores.nth(1)).to_have_text("5")
    expect(scores.nth(2)).to_have_text("3")
    expect(scores.nth(3)).to_have_text("2")


def open_party_list(page: Page, language: str) -> Locator:
    page.get_by_role("link", name=tr(language, "Parties"), exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "Parties"))
    return page.locator("#results .count")


def filter_the_list(page: Page, language: str) -> None:
    results = page.locator("#results")
    count = results.locator(".count")
    expect(count).to_have_text(party_count(language, 2))
    screenshot(page, f"party-list-{language}")
    filters = page.get_by_role("search", name=tr(language, "Filter the parties"))

    # Changing a select refreshes the results through htmx and keeps the filter in the address.
    field(filters, language, "Layer").select_option(label=tr(language, "management"))
    expect(count).to_have_text(party_count(language, 1))
    expect(page).to_have_url(re.compile(r"[?&]layer=management"))
    expect(results.get_by_role("link", name=PARTY, exact=True)).to_be_visible()
    expect(results.get_by_role("link", name=OTHER_PARTY)).to_have_count(0)

    field(filters, language, "Attitude").select_option(label=tr(language, "opposition"))
    expect(count).to_have_text(party_count(language, 0))
    expect(results).to_contain_text(tr(language, "No party matches these filters."))
    field(filters, language, "Attitude").select_option(label=tr(language, "support"))
    expect(count).to_have_text(party_count(language, 1))
    expect(page).to_have_url(re.compile(r"[?&]attitude=1"))
    expect(results.get_by_role("link", name=PARTY, exact=True)).to_be_visible()


def edit_row_in_place(page: Page, language: str, project: Project) -> None:
    url = page.url
    page.evaluate("window.stillTheSamePage = true")
    row = page.locator("tr", has=page.get_by_role("link", name=PARTY, exact=True))
    edit = tr(language, "Edit")
    page.get_by_role("link", name=f"{edit} {PARTY}", exact=True).click()

    editing = page.locator("tr.editing")
    expect(editing).to_contain_text(PARTY)
    field(editing, language, "ring of involvement").select_option(label=tr(language, "co-decides"))
    button(editing, language, "Save").click()

    expect(editing).to_have_count(0)
    expect(row.get_by_role("cell").nth(3)).to_have_text(tr(language, "co-decides"))
    assert page.url == url
    assert page.evaluate("window.stillTheSamePage") is True
    assert Party.objects.get(project=project, name=PARTY).ring == Party.Ring.CO_DECIDES


def clear_and_search(page: Page, language: str) -> None:
    # Clearing is a plain link; searching runs as the user types.
    results = page.locator("#results")
    count = results.locator(".count")
    page.get_by_role("link", name=tr(language, "Clear filters"), exact=True).click()
    expect(count).to_have_text(party_count(language, 2))
    search = page.get_by_role("searchbox", name=label(language, "Search"))
    search.fill("tandarts")
    expect(count).to_have_text(party_count(language, 1))
    expect(page).to_have_url(re.compile(r"[?&]q=tandarts"))
    row = results.locator("tr", has=page.get_by_role("link", name=PARTY, exact=True))
    expect(row.get_by_role("cell").nth(3)).to_have_text(tr(language, "co-decides"))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_register_a_party_assess_it_and_find_it(
    page: Page, live_server: LiveServer, language: str
) -> None:
    user = make_user(language=language)
    sign_in(page, live_server, language, user.username)
    project = create_project(page, language)

    # A second party in another layer, opposed, so the filters have something to leave out.
    other = make_party(project, name=OTHER_PARTY, layer="board")
    assess(other, power=5, interest=2, attitude=-1)

    add_party(page, language)
    record_assessment(page, language)
    open_party_list(page, language)
    filter_the_list(page, language)
    edit_row_in_place(page, language, project)
    clear_and_search(page, language)

    page.get_by_role("link", name=tr(language, "Dashboard"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PROJECT)
    screenshot(page, f"dashboard-{language}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    if language == "nl":
        parties = tr("nl", "Parties")
        assert parties != "Parties", "no Dutch translation for “Parties” (locale/nl missing?)"
        nav = page.get_by_role("navigation", name=tr("nl", "Project"))
        expect(nav.get_by_role("link", name=parties, exact=True)).to_be_visible()


@pytest.mark.parametrize("language", ["en"])
def test_editing_a_row_right_after_searching_keeps_the_row_open(
    page: Page, live_server: LiveServer, language: str
) -> None:
    user = make_user(language=language)
    project = make_project(user, title=PROJECT)
    make_party(project, name=PARTY)
    make_party(project, name=OTHER_PARTY)
    sign_in(page, live_server, language, user.username)
    page.goto(f"{live_server.url}/projects/{project.pk}/parties/")
    count = page.locator("#results .count")
    page.get_by_role("searchbox", name="Search").fill("tandarts")
    expect(count).to_have_text(party_count(language, 1))

    with page.expect_response(lambda response: "edit=1" in response.url):
        page.get_by_role("link", name=f"Edit {PARTY}", exact=True).click()
    page.wait_for_load_state("networkidle")
    assert page.locator("tr.editing").count() == 1
