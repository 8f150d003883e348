"""From a policy document to an issued brief in one browser session, in Dutch, as a user goes:
upload a three-page PDF made here, follow its scan to the end, mark two passages as evidence
(one with a note), go to the argument briefs, start a draft, choose the passage with the note
and leave the other out, preview, issue, and download the Word file and the PDF through the
browser. Both quote the chosen passage with its document title and page, and not the other.

The scan runs as in test_evidence_flow: held back by the task backend, then run by the test as
the worker would. Every page checked fits a 390 px screen without a console error under the
Content-Security-Policy. Screenshots at 1280 and 390 px go to var/screenshots/evidence-to-brief/
(outside version control)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings as django_settings
from playwright.sync_api import expect

from evidence.models import ArgumentBrief, EvidenceMark, IssuedBrief
from tests.browser import evidence_steps as steps
from tests.browser.conftest import button, tr
from tests.browser.evidence_steps import SOURCE, TITLE

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots" / "evidence-to-brief"
LANGUAGE = "nl"
NOTE = "Het college belooft de achterstanden te verkleinen"


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def _choice(page: Page, page_number: int) -> Locator:
    """The checkbox of the marked passage on that page of the memorandum."""
    start = t("%(document)s, page %(page)s: %(quote)s") % {
        "document": TITLE, "page": page_number, "quote": ""}
    return page.get_by_role("checkbox", name=re.compile("^" + re.escape(start)))


def test_upload_scan_mark_and_cite_the_passage_in_a_downloaded_brief(
    page: Page, live_server: LiveServer, settings
):
    errors = steps.watch_errors(page)
    project = steps.sign_in_to_a_project(page, live_server, LANGUAGE, settings)
    page.set_default_timeout(30_000)  # WeasyPrint renders the PDF while the test waits

    document = steps.upload(page, live_server, LANGUAGE, project)
    steps.follow_the_scan(page, LANGUAGE, document, SHOTS, errors)

    passages = page.locator("ol.passages > li")
    chosen = passages.filter(has_text="gezondheidsachterstanden")
    left_out = passages.filter(has_text="kwetsbare groepen")
    steps.mark(page, LANGUAGE, chosen, NOTE)
    left_out.get_by_role("button", name=t("Mark as evidence"), exact=True).click()
    expect(left_out).to_contain_text(t("Marked as evidence"))
    marks = {m.passage.page: m for m in EvidenceMark.objects.select_related("passage")}
    assert sorted(marks) == [2, 3] and marks[2].note == NOTE
    quote, other_quote = steps.flat(marks[2].passage.text), steps.flat(marks[3].passage.text)

    # To the briefs as a user goes there: the policy documents, then their sub-navigation.
    page.get_by_role("link", name=t("Policy documents"), exact=True).first.click()
    page.get_by_role("navigation", name=t("Evidence")).get_by_role(
        "link", name=t("Argument briefs"), exact=True
    ).click()
    steps.write_a_draft(page, LANGUAGE, "the alderman")

    # A new draft quotes every marked passage; keep the one with the note.
    expect(_choice(page, 2)).to_be_checked()
    expect(_choice(page, 3)).to_be_checked()
    _choice(page, 3).uncheck()
    steps.fits(page, SHOTS, "edit", errors)
    button(page, LANGUAGE, "Save and preview").click()

    citations = page.locator(".report-preview blockquote.citation")
    expect(citations).to_have_count(1)
    expect(citations).to_contain_text(quote)
    source = t("%(source)s, page %(page)s") % {"source": SOURCE, "page": 2}
    expect(citations).to_contain_text(source)
    steps.fits(page, SHOTS, "preview", errors)
    draft = ArgumentBrief.objects.get()
    assert list(draft.cited_marks.all()) == [marks[2]]
    steps.issue(page, LANGUAGE)

    issued = IssuedBrief.objects.get()
    files = steps.download_texts(page, page.locator(f"#issued-{issued.pk}"), issued.title)
    assert files["docx"][0] == bytes(issued.docx) and files["pdf"][0] == bytes(issued.pdf)
    for kind, (_body, text) in files.items():
        assert quote in text, kind
        assert source in text, kind  # the document's title and the passage's page
        assert other_quote not in text, kind
    assert not errors, errors
