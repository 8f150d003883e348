"""Policy documents in a real browser, in Dutch: upload a three-page PDF made here, follow the
scan on the document's page (it refreshes by itself, without JavaScript, from "waiting" through
"page 1 of 3" to the finished scan), see the terms highlighted, mark one passage with the mouse
and one with the keyboard, each with a note, find both listed as evidence and edit a note.

The worker is held back (a task backend that queues without running) so the page can be seen
while the scan has not finished; the test then runs the scan itself, as the worker would.
Every page fits a 390 px screen without a console error under the Content-Security-Policy.
Screenshots at 1280 and 390 px go to var/screenshots/evidence/ (outside version control)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from evidence.models import EvidenceMark
from tests.browser import evidence_steps as steps
from tests.browser.conftest import button, field, tr
from tests.browser.evidence_steps import SOURCE, TITLE

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots" / "evidence"
LANGUAGE = "nl"
MOUSE_NOTE = "Het college belooft de achterstanden te verkleinen"
KEYBOARD_NOTE = "Bereik via het buurtwerk: aansluiten bij de poetsles"


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def _fits(page: Page, name: str, errors: list[str]) -> None:
    steps.fits(page, SHOTS, name, errors)


def test_upload_follow_the_scan_and_mark_passages_as_evidence(
    page: Page, live_server: LiveServer, settings
):
    errors = steps.watch_errors(page)
    project = steps.sign_in_to_a_project(page, live_server, LANGUAGE, settings)

    document = steps.upload(page, live_server, LANGUAGE, project)
    steps.follow_the_scan(page, LANGUAGE, document, SHOTS, errors)

    # The passages, their terms highlighted, grouped by family.
    passages = page.locator("ol.passages > li")
    achterstand = passages.filter(has_text="gezondheidsachterstanden")
    groups = passages.filter(has_text="kwetsbare groepen")
    expect(achterstand).to_have_count(1)
    expect(groups).to_have_count(1)
    expect(achterstand.locator("mark").first).to_have_text("gezondheidsachterstanden")
    expect(groups.locator("mark", has_text="kwetsbare groepen")).to_have_count(1)
    expect(achterstand).to_contain_text(t("Page %(page)s") % {"page": 2})
    expect(groups).to_contain_text(t("Page %(page)s") % {"page": 3})
    chips = page.locator("ul.chips")
    family_chip = chips.get_by_role("link", name=re.compile(r"^Kwetsbare groepen \(\d+\)$"))
    expect(family_chip).to_be_visible()
    _fits(page, "document-passages", errors)

    # Only one family: the chip filters the passages.
    family_chip.click()
    expect(chips.locator('[aria-current="true"]')).to_contain_text("Kwetsbare groepen")
    expect(passages.filter(has_text="kwetsbare groepen")).to_have_count(1)
    expect(passages.filter(has_text="gezondheidsachterstanden")).to_have_count(0)
    chips.get_by_role("link", name=t("All"), exact=True).click()
    expect(achterstand).to_have_count(1)

    # With the mouse.
    steps.mark(page, LANGUAGE, achterstand, MOUSE_NOTE)
    expect(achterstand.get_by_role("button", name=t("Mark as evidence"))).to_have_count(0)

    # With the keyboard: type the note, tab to the button, press Enter.
    note = groups.get_by_label(t("Why it matters (optional)"))
    note.focus()
    page.keyboard.type(KEYBOARD_NOTE)
    page.keyboard.press("Tab")
    mark_button = groups.get_by_role("button", name=t("Mark as evidence"), exact=True)
    expect(mark_button).to_be_focused()
    page.keyboard.press("Enter")
    expect(groups).to_contain_text(KEYBOARD_NOTE)
    expect(page).to_have_url(re.compile(r"#passage-\d+$"))

    marks = EvidenceMark.objects.select_related("passage").order_by("pk")
    assert [(m.passage.page, m.note) for m in marks] == [(2, MOUSE_NOTE), (3, KEYBOARD_NOTE)]

    # Both are listed as evidence, with document and page.
    page.get_by_role("link", name=t("Policy documents"), exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Policy documents"))
    row = page.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(t("scanned"))
    citations = page.locator("ul.citations > li")
    expect(citations).to_have_count(2)
    for text, quote, number in (
        (MOUSE_NOTE, "gezondheidsachterstanden", 2), (KEYBOARD_NOTE, "kwetsbare groepen", 3)
    ):
        citation = citations.filter(has_text=text)
        expect(citation.locator("blockquote")).to_contain_text(quote)
        expect(citation).to_contain_text(
            t("%(source)s, page %(page)s") % {"source": SOURCE, "page": number}
        )
    _fits(page, "index", errors)

    # The mark form: change a note.
    citations.filter(has_text=MOUSE_NOTE).get_by_role(
        "link", name=t("Edit the note"), exact=True
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Edit the note"))
    expect(page.locator("blockquote")).to_contain_text("gezondheidsachterstanden")
    _fits(page, "mark-form", errors)
    field(page, LANGUAGE, "note").fill("Harde belofte in de ambitie")
    button(page, LANGUAGE, "Save").click()
    expect(page.get_by_role("status")).to_contain_text(t("The note has been saved."))
    expect(page.locator("ul.citations > li").filter(
        has_text="Harde belofte in de ambitie"
    )).to_have_count(1)
    assert EvidenceMark.objects.get(pk=marks[0].pk).note == "Harde belofte in de ambitie"
    assert not errors, errors
