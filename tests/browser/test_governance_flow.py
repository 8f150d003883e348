"""The decision calendar in a real browser, in Dutch: add a decision moment, find it on the
dashboard with its paper deadline, then make a calendar address and read the iCalendar it
answers back."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from governance.models import DecisionMoment
from tests.browser.conftest import button, field, tr
from tests.browser.test_register_flow import sign_in
from tests.factories import make_party, make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"
TITLE = "Begrotingsraad: budget voor de gezonde school"


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def test_decision_moment_reaches_the_dashboard_and_the_calendar_feed(
    page: Page, live_server: LiveServer
):
    owner = make_user("lotte", first_name="Lotte")
    project = make_project(owner, title="Mondzorg Kouterwijk")
    make_party(project, name="Gemeenteraad Hoogveld", layer="board")
    today = timezone.localdate()
    page.set_default_timeout(30_000)  # the first page of a live server on a busy machine
    sign_in(page, live_server, LANGUAGE, "lotte")

    page.goto(f"{live_server.url}/projects/{project.pk}/decisions/")
    page.get_by_role("link", name=t("Add a decision moment")).click()
    field(page, LANGUAGE, "title").fill(TITLE)
    field(page, LANGUAGE, "date").fill((today + timedelta(days=30)).isoformat())
    field(page, LANGUAGE, "papers due").fill((today + timedelta(days=12)).isoformat())
    field(page, LANGUAGE, "deciding body").select_option(label="Gemeenteraad Hoogveld")
    field(page, LANGUAGE, "what the project asks").fill("Structureel budget voor drie jaar")
    button(page, LANGUAGE, "Save").click()
    expect(page.get_by_text(t("The decision moment has been added."))).to_be_visible()
    assert DecisionMoment.objects.get().title == TITLE

    page.goto(f"{live_server.url}/projects/{project.pk}/")
    line = page.locator("#next-decision")
    expect(line).to_contain_text(TITLE)
    expect(line).to_contain_text("12")

    page.goto(f"{live_server.url}/projects/{project.pk}/calendar-feed/")
    button(page, LANGUAGE, "Make my calendar address").click()
    address = page.get_by_label(t("Your calendar address")).input_value()
    assert address.startswith(live_server.url) and address.endswith(".ics")
    answer = page.request.get(address)
    assert answer.status == 200
    calendar = Calendar.from_ical(answer.body())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert any(TITLE in summary for summary in summaries)
    assert any(summary.startswith(t("Papers due: %(name)s") % {"name": TITLE})
               for summary in summaries)

    button(page, LANGUAGE, "Revoke the address").click()
    assert page.request.get(address).status == 404


def test_board_pages_fit_a_phone(browser, live_server: LiveServer):
    """At 390 px the calendar, the board list, a profile and the feed page do not scroll
    sideways: the board table scrolls in its own box, the calendar is a list of cards."""
    from parties.models import Party
    from projects.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_load
    from tests.browser.conftest import new_context

    project, _created = demo_load()
    schepen = Party.objects.get(project=project, name__startswith="Schepen van welzijn")
    context = new_context(browser, live_server, language=LANGUAGE)
    context.set_default_timeout(30_000)
    page = context.new_page()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/accounts/login/")
    field(page, LANGUAGE, "User name or e-mail address").fill(DEMO_USERNAME)
    field(page, LANGUAGE, "Password").fill(DEMO_PASSWORD)
    button(page, LANGUAGE, "Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("My projects"))
    p = f"{live_server.url}/projects/{project.pk}"
    for url in (f"{p}/decisions/?past=all", f"{p}/board/", f"{p}/parties/{schepen.pk}/",
                f"{p}/board/{schepen.pk}/profile/", f"{p}/calendar-feed/",
                f"{p}/decisions/import/", f"{p}/"):
        page.goto(url)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= page.evaluate("innerWidth"), (url, wide)
    page.goto(f"{p}/decisions/")
    expect(page.get_by_text("schepencollege").first).to_be_visible()
    context.close()
