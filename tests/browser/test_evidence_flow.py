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
from django.utils.translation import ngettext, override
from playwright.sync_api import expect

from evidence import services
from evidence.models import EvidenceMark, PolicyDocument, ScanStatus
from tests.browser.conftest import button, exactly, field, tr
from tests.browser.test_register_flow import sign_in
from tests.evidence.pdfs import make_pdf
from tests.factories import make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots" / "evidence"
LANGUAGE = "nl"
TITLE = "Lokaal gezondheidsbeleid Kouterwijk 2026–2031"
# The meta refresh comes every two seconds; leave room for several on a loaded machine.
REFRESH_MS = 20_000

PAGES = [
    "Inleiding. Het college kiest voor een gezonde toekomst voor alle inwoners van Hoogveld.\n"
    "Deze nota beschrijft wat we de komende zes jaar willen bereiken.",
    "Ambitie. We willen de gezondheidsachterstanden in Kouterwijk en de Stationsbuurt\n"
    "verkleinen. Kinderen in gezinnen met weinig geld hebben vaker gaatjes in hun tanden.\n"
    "Daarom werken we samen met de tandartsen en de scholen.",
    "Aanpak. Wij bereiken kwetsbare groepen via het buurtwerk en het consultatiebureau.\n"
    "Ouders die laaggeletterd zijn krijgen uitleg in eenvoudige taal.\n"
    "Financien. Het budget blijft de komende jaren gelijk.",
]
SOURCE = f"{TITLE}, Gemeente Hoogveld, 2026"
MOUSE_NOTE = "Het college belooft de achterstanden te verkleinen"
KEYBOARD_NOTE = "Bereik via het buurtwerk: aansluiten bij de poetsles"


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def _fits(page: Page, name: str, errors: list[str]) -> None:
    """Screenshots at both widths; at 390 px nothing scrolls sideways; no console error so far."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= page.evaluate("innerWidth"), (name, width, scroll_width)
    page.set_viewport_size({"width": 1280, "height": 900})
    assert not errors, (name, errors)


def _upload(page: Page, live_server: LiveServer, project) -> PolicyDocument:
    page.goto(f"{live_server.url}/projects/{project.pk}/evidence/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Policy documents"))
    page.get_by_role("link", name=t("Add a document"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Add a document"))
    field(page, LANGUAGE, "title").fill(TITLE)
    field(page, LANGUAGE, "kind").select_option(label=t("health memorandum"))
    field(page, LANGUAGE, "organisation").fill("Gemeente Hoogveld")
    field(page, LANGUAGE, "year").fill("2026")
    # a plain form field's label keeps the lower case of its msgid
    page.get_by_label(exactly(t("file"))).set_input_files(
        files=[{"name": "gezondheidsnota.pdf", "mimeType": "application/pdf",
                "buffer": make_pdf(PAGES)}]
    )
    button(page, LANGUAGE, "Add and scan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    return PolicyDocument.objects.get()


def _follow_the_scan(page: Page, document: PolicyDocument, errors: list[str]) -> None:
    """The page shows the queued scan, then its progress, then the result, refreshing itself."""
    progress = page.locator(".progress-note")
    expect(progress).to_contain_text(t("Waiting for the scan to start…"))
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(1)
    assert document.status == ScanStatus.QUEUED

    # Half-way, as the worker leaves it after the first page.
    PolicyDocument.objects.filter(pk=document.pk).update(
        status=ScanStatus.SCANNING, pages_total=3, pages_done=1
    )
    with override(LANGUAGE):
        scanning = t("Scanning: page %(done)s of %(total)s.") % {"done": 1, "total": 3}
    expect(progress).to_contain_text(scanning, timeout=REFRESH_MS)
    bar = progress.locator("progress")
    expect(bar).to_have_attribute("max", "3")
    expect(bar).to_have_attribute("value", "1")
    _fits(page, "document-scanning", errors)

    # The worker finishes; the page notices by itself.
    with override(LANGUAGE):
        services.document_scan(document_id=document.pk)
    document.refresh_from_db()
    assert document.status == ScanStatus.DONE and document.pages_done == 3
    with override(LANGUAGE):
        scanned = ngettext("Scanned: %(counter)s page.", "Scanned: %(counter)s pages.", 3) % {
            "counter": 3
        }
    expect(page.get_by_role("status")).to_contain_text(scanned, timeout=REFRESH_MS)
    expect(page.locator(".progress-note")).to_have_count(0)
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)


def test_upload_follow_the_scan_and_mark_passages_as_evidence(
    page: Page, live_server: LiveServer, settings
):
    owner = make_user("lotte", first_name="Lotte")
    project = make_project(owner, title="Mondzorg Kouterwijk")
    # A worker that takes the scan but does not run it yet.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(20_000)  # a loaded machine renders the first pages slowly
    sign_in(page, live_server, LANGUAGE, "lotte")

    document = _upload(page, live_server, project)
    _follow_the_scan(page, document, errors)

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
    achterstand.get_by_label(t("Why it matters (optional)")).fill(MOUSE_NOTE)
    achterstand.get_by_role("button", name=t("Mark as evidence"), exact=True).click()
    expect(page.get_by_role("status").filter(
        has_text=t("The passage has been marked as evidence.")
    )).to_be_visible()
    expect(achterstand).to_contain_text(t("Marked as evidence"))
    expect(achterstand).to_contain_text(MOUSE_NOTE)
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
