"""An argument brief in a real browser, in Dutch: write a draft from a project with a marked
passage, rewrite the ask, preview, issue, and download the Word file and the PDF through the
browser; both quote the passage with its document and page. Every brief page fits a 390 px
screen without a console error under the Content-Security-Policy. Screenshots at 1280 and
390 px go to var/screenshots/brief/ (outside version control)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from playwright.sync_api import expect

from evidence.models import ArgumentBrief, IssuedBrief
from tests.browser import evidence_steps as steps
from tests.browser.conftest import button, field, tr
from tests.browser.test_register_flow import sign_in
from tests.evidence.brief_data import brief_project
from tests.factories import make_project, make_user

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "brief"
LANGUAGE = "nl"
ASK = "Wij vragen tienduizend euro per jaar voor poetsles op de basisscholen in Kouterwijk."


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def _fits(page: Page, name: str, errors: list[str]) -> None:
    steps.fits(page, SHOTS, name, errors)


def test_write_issue_and_download_a_brief_that_quotes_a_passage(
    page: Page, live_server: LiveServer
):
    owner = make_user("lotte", first_name="Lotte")
    project = make_project(owner, title="Mondzorg Kouterwijk")
    mark = brief_project(project, user=owner)
    passage = mark.passage
    document = passage.document
    errors = steps.watch_errors(page)
    page.set_default_timeout(30_000)  # WeasyPrint renders the PDF while the test waits
    sign_in(page, live_server, LANGUAGE, "lotte")

    page.goto(f"{live_server.url}/projects/{project.pk}/evidence/briefs/")
    _fits(page, "list-empty", errors)
    steps.write_a_draft(page, LANGUAGE, "management")
    draft = ArgumentBrief.objects.get()
    quoted = page.get_by_role("checkbox", name=document.title)
    expect(quoted).to_be_checked()
    _fits(page, "edit", errors)
    field(page, LANGUAGE, "the ask").fill(ASK)
    button(page, LANGUAGE, "Save and preview").click()

    preview = page.locator(".report-preview")
    expect(preview).to_contain_text(ASK)
    expect(preview.locator("blockquote.citation")).to_contain_text(steps.flat(passage.text))
    _fits(page, "preview", errors)
    assert not IssuedBrief.objects.exists()
    steps.issue(page, LANGUAGE)

    issued = IssuedBrief.objects.get()
    assert issued.brief_id == draft.pk
    row = page.locator(f"#issued-{issued.pk}")
    expect(row).to_contain_text(issued.title)
    _fits(page, "list-issued", errors)
    source = tr(LANGUAGE, "%(source)s, page %(page)s") % {
        "source": f"{document.title}, Gemeente Hoogveld, 2026", "page": passage.page,
    }
    files = steps.download_texts(page, row, issued.title)
    assert files["docx"][0] == bytes(issued.docx) and files["pdf"][0] == bytes(issued.pdf)
    for _body, text in files.values():
        assert steps.flat(passage.text) in text
        assert source in text and ASK in text
    assert not errors, errors
