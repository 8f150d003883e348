"""Choosing parties and people on the contact-moment form, on a phone: type part of a name in
the filter box, Enter ticks the first match, the people list narrows to the chosen party; and
without JavaScript the plain checkboxes still log the contact."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from engagement.models import ContactMoment
from tests.browser.conftest import TIMEOUT_MS, button, field, label
from tests.browser.test_register_flow import sign_in
from tests.factories import make_contact, make_party, make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"
PHONE = {"width": 390, "height": 844}
SAVED = re.compile(r"/contact-moments/\d+/$")


def _project_with_many_parties():
    user = make_user(language=LANGUAGE)
    project = make_project(user, title="Mondzorg Hoogveld")
    for number in range(12):
        party = make_party(project, name=f"Basisschool {number:02d}")
        make_contact(party, name=f"Juf {number:02d}")
    dentists = make_party(project, name="Tandartsenkring Kouterland")
    dentist = make_contact(dentists, name="Pieter Lambrecht")
    make_contact(dentists, name="Griet Claes")
    return user, project, dentists, dentist


def _phone_page(browser: Browser, live_server: LiveServer, *, javascript: bool) -> Page:
    context = browser.new_context(locale=LANGUAGE, viewport=PHONE, java_script_enabled=javascript)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(4 * TIMEOUT_MS)  # a busy machine's first page
    context.add_cookies([{"name": "draagvlak_language", "value": LANGUAGE, "url": live_server.url}])
    return context.new_page()


def test_parties_and_people_are_found_by_typing(browser: Browser, live_server: LiveServer) -> None:
    user, project, dentists, dentist = _project_with_many_parties()
    page = _phone_page(browser, live_server, javascript=True)
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    sign_in(page, live_server, LANGUAGE, user.username)
    page.goto(f"{live_server.url}/projects/{project.pk}/contact-moments/new/")

    parties = page.get_by_role("group", name=label(LANGUAGE, "parties"))
    search = parties.get_by_role("searchbox")
    search.fill("tandarts")
    expect(parties.get_by_role("checkbox")).to_have_count(1)  # of 14, the others out of view
    search.press("Enter")  # ticks the only match and does not send the form
    expect(parties.get_by_label("Tandartsenkring Kouterland", exact=True)).to_be_checked()
    assert page.url.endswith("/contact-moments/new/")

    people = page.get_by_role("group", name=label(LANGUAGE, "contact persons"))
    expect(people.get_by_role("checkbox")).to_have_count(2)  # only the dentists' people
    people.get_by_role("searchbox").fill("piet")
    people.get_by_role("searchbox").press("ArrowDown")
    pieter = people.get_by_label("Pieter Lambrecht (Tandartsenkring Kouterland)", exact=True)
    expect(pieter).to_be_focused()
    page.keyboard.press("Space")

    field(page, LANGUAGE, "what was discussed").fill("Folders in de wachtzaal")
    button(page, LANGUAGE, "Save").click()
    expect(page).to_have_url(SAVED)
    moment = ContactMoment.objects.get()
    assert list(moment.parties.all()) == [dentists]
    assert list(moment.contact_persons.all()) == [dentist]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert errors == []
    page.context.close()


def test_without_javascript_the_checkboxes_still_work(
    browser: Browser, live_server: LiveServer
) -> None:
    user, project, dentists, dentist = _project_with_many_parties()
    page = _phone_page(browser, live_server, javascript=False)
    sign_in(page, live_server, LANGUAGE, user.username)
    page.goto(f"{live_server.url}/projects/{project.pk}/contact-moments/new/")
    expect(page.get_by_role("searchbox")).to_have_count(0)
    page.get_by_label("Tandartsenkring Kouterland", exact=True).check()
    page.get_by_label("Pieter Lambrecht (Tandartsenkring Kouterland)", exact=True).check()
    field(page, LANGUAGE, "what was discussed").fill("Folders in de wachtzaal")
    button(page, LANGUAGE, "Save").click()
    expect(page).to_have_url(SAVED)
    moment = ContactMoment.objects.get()
    assert list(moment.contact_persons.all()) == [dentist]
    page.context.close()
