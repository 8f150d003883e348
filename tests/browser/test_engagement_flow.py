"""Winning support in a real browser, in Dutch: log a one-to-one conversation with a commitment
from a party's page, find it on the to-do list and mark it delivered there, then walk a support
review over three parties (one new assessment, one "unchanged") and finish it.

Labels, buttons and messages are looked up through Django's gettext, so the test holds whether
or not the Dutch texts of this part have been translated yet.
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

import pytest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import override
from playwright.sync_api import expect

from engagement.models import Commitment, ContactMoment, Review
from tests.browser.conftest import button, exactly, field, label, screenshot, tr
from tests.browser.test_register_flow import sign_in
from tests.factories import assess, make_party, make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"
ALDERMAN = "Schepen van welzijn – Griet Moerman"
DENTISTS = "Tandartsenkring Kouterland"
NEIGHBOURHOOD = "Buurtwerk Kouterwijk"
PROMISE = "Folders over gratis tandzorg in de wachtzaal van het OCMW"


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def log_a_conversation(page: Page, live_server: LiveServer, project, party) -> None:
    page.goto(f"{live_server.url}/projects/{project.pk}/parties/{party.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(ALDERMAN)
    form = page.get_by_role("form", name=t("Log a contact"))
    today = timezone.localdate()
    expect(field(form, LANGUAGE, "date")).to_have_value(today.isoformat())
    field(form, LANGUAGE, "kind of contact").select_option(label=t("one-to-one conversation"))
    field(form, LANGUAGE, "what was discussed").fill("De cijfers van het CLB en de aanpak")
    field(form, LANGUAGE, "what was agreed").fill("Nota voor het college")
    field(form, LANGUAGE, "follow up on").fill((today + timedelta(days=3)).isoformat())
    form.get_by_text(t("A commitment was made or asked for")).click()
    field(form, LANGUAGE, "Commitment made").fill(PROMISE)
    field(form, LANGUAGE, "Commitment until").fill((today + timedelta(days=10)).isoformat())
    page.evaluate("window.stillTheSamePage = true")
    button(form, LANGUAGE, "Log the contact").click()

    timeline = page.get_by_role("region", name=t("Contacts and commitments"))
    expect(timeline.get_by_role("status")).to_contain_text(t("The contact has been logged."))
    expect(timeline.locator("li.moment")).to_contain_text("De cijfers van het CLB")
    expect(timeline.get_by_role("row").filter(has_text=PROMISE)).to_have_count(1)
    assert page.evaluate("window.stillTheSamePage") is True  # swapped in place by htmx
    screenshot(page, "engagement-party-timeline")

    moment = ContactMoment.objects.get()
    assert (moment.kind, moment.agreed) == ("one_to_one", "Nota voor het college")
    commitment = Commitment.objects.get()
    assert (commitment.contact_moment, commitment.status) == (moment, "promised")


def deliver_from_the_to_do_list(page: Page) -> None:
    nav = page.get_by_role("navigation", name=t("Project"))
    nav.get_by_role("link", name=t("To do"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("To do"))
    upcoming = page.locator("ul.todo li")
    expect(upcoming).to_have_count(2)
    expect(upcoming.first).to_contain_text(ALDERMAN)  # the follow-up, in three days
    expect(upcoming.nth(1)).to_contain_text(PROMISE)  # the commitment, in ten days
    with override(LANGUAGE):
        due = date_format(timezone.localdate() + timedelta(days=10), "DATE_FORMAT")
    expect(upcoming.nth(1)).to_contain_text(due)
    screenshot(page, "engagement-todo")

    upcoming.nth(1).get_by_role("button", name=re.compile(re.escape(t("Mark delivered")))).click()
    delivered = t("“%(what)s” has been marked delivered.") % {"what": PROMISE}
    expect(page.locator("ul.todo li.done")).to_have_text(re.compile(re.escape(delivered)))
    commitment = Commitment.objects.get()
    assert (commitment.status, commitment.delivered_on) == ("delivered", timezone.localdate())


def review_three_parties(page: Page, parties: dict) -> None:
    nav = page.get_by_role("navigation", name=t("Project"))
    nav.get_by_role("link", name=t("Contacts"), exact=True).click()
    sub = page.get_by_role("navigation", name=t("Winning support"))
    sub.get_by_role("link", name=t("Support reviews"), exact=True).click()
    button(page, LANGUAGE, "Start a support review").click()

    # The party with the most power comes first; the form starts from its last assessment.
    step = page.get_by_role("form", name=t("Are the interests still shared?"))
    expect(page.get_by_role("heading", level=2).filter(has_text=ALDERMAN)).to_be_visible()
    attitude = step.get_by_role("group", name=exactly(label(LANGUAGE, "attitude")))
    expect(attitude.get_by_label(t("neutral or not mobilised"), exact=True)).to_be_checked()
    attitude.get_by_label(t("support"), exact=True).check()
    field(step, LANGUAGE, "note").fill("Steunt de nota sinds het gesprek")
    button(step, LANGUAGE, "Record the new assessment").click()

    expect(page.get_by_role("heading", level=2).filter(has_text=DENTISTS)).to_be_visible()
    button(page, LANGUAGE, "Unchanged").click()

    expect(page.get_by_role("heading", level=2).filter(has_text=NEIGHBOURHOOD)).to_be_visible()
    screenshot(page, "engagement-review-step")
    button(page, LANGUAGE, "Finish the review").click()
    expect(page.get_by_role("status")).to_contain_text(t("The support review has been finished."))
    done = page.get_by_role("region", name=t("Reviewed in this round"))
    expect(done.get_by_role("row")).to_have_count(3)  # a header and two parties

    review = Review.objects.get()
    assert review.finished_at is not None
    steps = [(step.party.name, step.outcome) for step in review.steps.order_by("at", "pk")]
    assert steps == [(ALDERMAN, "assessed"), (DENTISTS, "unchanged")]
    alderman = parties[ALDERMAN]
    alderman.refresh_from_db()
    assert alderman.latest_assessment.attitude == 1
    assert alderman.latest_assessment.note == "Steunt de nota sinds het gesprek"


def test_win_support_and_review_it(page: Page, live_server: LiveServer) -> None:
    user = make_user(language=LANGUAGE)
    project = make_project(user, title="Mondzorg Hoogveld")
    parties = {
        NEIGHBOURHOOD: make_party(project, name=NEIGHBOURHOOD, layer="residents"),
        DENTISTS: make_party(project, name=DENTISTS),
        ALDERMAN: make_party(project, name=ALDERMAN, layer="board"),
    }
    long_ago = timezone.localdate() - timedelta(days=200)
    assess(parties[ALDERMAN], power=5, attitude=0, on=long_ago)
    assess(parties[DENTISTS], power=4, attitude=-1, on=long_ago)
    assess(parties[NEIGHBOURHOOD], power=2, attitude=1, on=long_ago)

    sign_in(page, live_server, LANGUAGE, user.username)
    log_a_conversation(page, live_server, project, parties[ALDERMAN])
    deliver_from_the_to_do_list(page)
    review_three_parties(page, parties)
    print_the_step_plan(page, live_server, project)


def print_the_step_plan(page: Page, live_server: LiveServer, project) -> None:
    """The checklist prints on one or two A4 pages, without the site's navigation."""
    page.goto(f"{live_server.url}/projects/{project.pk}/steps/print/")
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name=t("Project"))).to_be_hidden()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 2, pages
