"""Merging two parties in a real browser: from the party's page pick its double by name, choose
which values stay, merge, see the result, and undo the merge from the history."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from parties.models import Party
from tests.browser.conftest import button, fits, tr
from tests.browser.test_register_flow import sign_in
from tests.factories import assess, make_contact, make_party, make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "en"
SHOTS = Path(os.environ.get("DRAAGVLAK_SCREENSHOT_DIR", "/tmp/draagvlak-shots"))
LONG_GOALS = (
    "Every child in Kouterwijk sees a dentist twice a year; parents learn about healthy "
    "drinks at the consultation office and in the neighbourhood centre."
)


@pytest.fixture
def language() -> str:
    return LANGUAGE


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def test_merge_two_parties_and_undo_it_from_the_history(page: Page, live_server: LiveServer):
    owner = make_user("lotte", first_name="Lotte")
    project = make_project(owner, title="Mondzorg Kouterwijk")
    survivor = make_party(project, name="Buurtteam Kouterwijk", sector="welfare")
    double = make_party(
        project, name="Buurtteam Wijk Kouterwijk", goals=LONG_GOALS, sector="health_care"
    )
    make_contact(double, name="An Peeters", email="an@buurtteam.example")
    assess(double, power=4)
    page.set_default_timeout(30_000)  # the first page of a live server on a busy machine
    sign_in(page, live_server, LANGUAGE, "lotte")

    page.goto(f"{live_server.url}/projects/{project.pk}/parties/{survivor.pk}/")
    page.get_by_role("link", name=t("Merge with…")).click()
    page.get_by_label(t("Merge with")).fill("Buurtteam Wijk")
    button(page, LANGUAGE, "Compare").click()
    page.get_by_role("link", name="Buurtteam Wijk Kouterwijk").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Merge parties"))

    goals = page.get_by_role("group", name="Goals")
    expect(goals.get_by_role("radio", name=LONG_GOALS, exact=False)).to_be_checked()
    sector = page.get_by_role("group", name="Sector")
    sector.get_by_text("health care").click()
    fits(page, SHOTS, "merge-page")

    button(page, LANGUAGE, "Merge").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Buurtteam Kouterwijk")
    expect(page.get_by_role("heading", name="An Peeters")).to_be_visible()
    kept = Party.objects.get(pk=survivor.pk)
    assert (kept.goals, kept.sector) == (LONG_GOALS, "health_care")
    assert Party.everything.get(pk=double.pk).deleted_at is not None

    page.get_by_role("link", name=t("History"), exact=True).click()
    fits(page, SHOTS, "merge-history")
    button(page, LANGUAGE, "Undo this merge").click()
    expect(page.get_by_text(t("This merge has been undone."))).to_be_visible()
    assert Party.objects.get(pk=double.pk).contacts.count() == 1
    assert Party.objects.get(pk=survivor.pk).sector == "welfare"
