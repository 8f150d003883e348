"""CBS open data in a real browser, in Dutch: an editor goes from the local figures to the CBS
page, finds the place's region codes filled in, asks for a table and sees what was stored; the
figures then name CBS as their source. CBS answers from recordings (a server on 127.0.0.1,
read through cbsodata as on a real server), and the worker runs at once (the test settings'
immediate task backend). Both widths fit a 390 px screen without a console error. Screenshots
go to var/screenshots/evidence/ (outside version control)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings as django_settings
from django.utils.translation import ngettext, override
from playwright.sync_api import expect

from evidence.figures.models import CbsRun
from projects.models import Place, Role
from tests.browser.conftest import button, fits, tr
from tests.browser.test_register_flow import sign_in
from tests.evidence.test_figures_cbs import RecordedStatLine
from tests.factories import add_member, make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots" / "evidence"
LANGUAGE = "nl"


def t(message: str) -> str:
    return tr(LANGUAGE, message)


@pytest.fixture
def statline(settings):
    with RecordedStatLine() as server:
        settings.CBS_ODATA_URL = server.url
        yield server


def test_an_editor_fetches_a_cbs_table(page: Page, live_server: LiveServer,
                                       statline: RecordedStatLine):
    owner = make_user("olga")
    editor = make_user("eddy")
    project = make_project(owner, title="Gezond Amsterdam-Centrum")
    add_member(project, editor, Role.EDITOR)
    project.places.add(
        Place.objects.create(name="Amsterdam", country="NL", code="GM0363"),
        Place.objects.create(name="Centrum", country="NL", kind="district", code="WK036300"),
    )
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server, LANGUAGE, "eddy")

    page.goto(f"{live_server.url}/projects/{project.pk}/evidence/figures/")
    page.get_by_role("link", name=t("CBS open data"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("CBS open data"))
    codes = page.get_by_label(t("Region codes"))
    expect(codes).to_have_value("GM0363 WK036300 NL01")
    page.get_by_label(t("CBS table")).fill("85012ned")

    statline.record_health_table()
    button(page, LANGUAGE, "Fetch from CBS").click()
    with override(LANGUAGE):
        stored = ngettext("%(counter)s figure stored (%(indicators)s new indicators).",
                          "%(counter)s figures stored (%(indicators)s new indicators).",
                          5) % {"counter": 5, "indicators": 2}
    expect(page.locator("ul.citations")).to_contain_text(stored)
    assert {request.route for request in statline.seen} == set(statline.routes)
    assert CbsRun.objects.get(project=project).state == "done"
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)
    fits(page, SHOTS, "cbs-done", errors)

    page.get_by_role("link", name=t("See the figures")).click()
    expect(page.get_by_role("table")).to_contain_text("CBS StatLine, table 85012NED")


def test_without_the_connector_the_page_says_so_and_shows_past_fetches(
    page: Page, live_server: LiveServer, settings
):
    settings.CBS_ODATA_URL = ""
    owner = make_user("olga")
    viewer = make_user("vera")
    project = make_project(owner, title="Gezond Amsterdam-Centrum")
    add_member(project, viewer, Role.VIEWER)
    CbsRun.objects.create(
        project=project, table_id="85012NED", region_codes=["GM0363", "NL01"],
        state=CbsRun.State.FAILED, requested_by=owner,
        message="CBS open data was niet bereikbaar; er is niets veranderd. Probeer het later "
                "opnieuw.",
    )
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    sign_in(page, live_server, LANGUAGE, "vera")
    page.goto(f"{live_server.url}/projects/{project.pk}/evidence/figures/cbs/")
    expect(page.get_by_role("heading", level=2, name=t("Not configured"))).to_be_visible()
    expect(page.locator("form.stacked")).to_have_count(0)
    expect(page.locator("ul.citations .error")).to_contain_text("niet bereikbaar")
    fits(page, SHOTS, "cbs-off", errors)
