"""Likely duplicates in a real browser, in Dutch: from the party list to the pairs, mark one
pair as not the same and see it gone while the other stays; the page fits a phone."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from parties.models import DuplicateDismissal
from projects.models import Role
from tests.browser.conftest import screenshot, tr
from tests.browser.test_register_flow import sign_in
from tests.factories import add_member, make_contact, make_party, make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def test_a_pair_marked_not_the_same_is_gone(page: Page, live_server: LiveServer):
    owner = make_user("lotte", first_name="Lotte")
    project = make_project(owner, title="Mondzorg Kouterwijk")
    add_member(project, make_user("bram", first_name="Bram"), Role.EDITOR)
    oost = make_party(project, name="CAW Oost")
    make_party(project, name="CAW Oost-Vlaanderen")
    ggd = make_party(project, name="GGD Holands Noorden")
    make_party(project, name="GGD Hollands Noorden")
    make_contact(oost, email="info@caw-oost.be")
    make_contact(ggd, email="Info@CAW-oost.be")
    make_party(project, name="Basisschool De Regenboog")

    sign_in(page, live_server, LANGUAGE, "bram")
    page.goto(f"{live_server.url}/projects/{project.pk}/parties/")
    page.get_by_role("link", name=t("Find duplicates")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Likely duplicates"))
    pairs = page.locator("ul.duplicates > li")
    expect(pairs).to_have_count(3)
    # strongest first: the same names but for a letter, then a shared address, then a part
    expect(pairs.nth(0)).to_contain_text("GGD Hollands Noorden")
    expect(pairs.nth(2)).to_contain_text(t("one name is part of the other"))
    screenshot(page, "duplicates-1280")

    caw = pairs.filter(has_text="CAW Oost-Vlaanderen")
    caw.get_by_role("button", name=t("Not the same")).click()
    expect(page.get_by_role("status")).to_contain_text(
        t("The pair is marked as not the same and is no longer listed.")
    )
    expect(pairs).to_have_count(2)
    expect(page.get_by_text("CAW Oost-Vlaanderen")).to_have_count(0)
    assert DuplicateDismissal.objects.filter(project=project).count() == 1

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    expect(pairs).to_have_count(2)
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= page.evaluate("innerWidth"), wide
    screenshot(page, "duplicates-390")
