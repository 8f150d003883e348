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
from tests.browser.conftest import button, exactly, field, tr
from tests.browser.test_register_flow import sign_in
from tests.evidence.brief_data import brief_project
from tests.factories import make_project, make_user
from tests.reports.reading import docx_text, pdf_text

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "brief"
LANGUAGE = "nl"
ASK = "Wij vragen tienduizend euro per jaar voor poetsles op de basisscholen in Kouterwijk."


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def _flat(text: str) -> str:
    return " ".join(text.split())


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


def test_write_issue_and_download_a_brief_that_quotes_a_passage(
    page: Page, live_server: LiveServer
):
    owner = make_user("lotte", first_name="Lotte")
    project = make_project(owner, title="Mondzorg Kouterwijk")
    mark = brief_project(project, user=owner)
    passage = mark.passage
    document = passage.document
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_default_timeout(30_000)  # WeasyPrint renders the PDF while the test waits
    sign_in(page, live_server, LANGUAGE, "lotte")

    page.goto(f"{live_server.url}/projects/{project.pk}/evidence/briefs/")
    expect(page.get_by_role("heading", level=1)).to_have_text(t("Argument briefs"))
    _fits(page, "list-empty", errors)
    # a plain form's label keeps the lower case of its msgid
    page.get_by_label(exactly(t("for"))).select_option(label=t("management"))
    button(page, LANGUAGE, "Write a draft").click()

    written = t("The draft is written from the project's data; edit it.")
    expect(page.get_by_text(written)).to_be_visible()
    draft = ArgumentBrief.objects.get()
    quoted = page.get_by_role("checkbox", name=document.title)
    expect(quoted).to_be_checked()
    _fits(page, "edit", errors)
    field(page, LANGUAGE, "the ask").fill(ASK)
    button(page, LANGUAGE, "Save and preview").click()

    preview = page.locator(".report-preview")
    expect(preview).to_contain_text(ASK)
    expect(preview.locator("blockquote.citation")).to_contain_text(_flat(passage.text))
    _fits(page, "preview", errors)
    assert not IssuedBrief.objects.exists()
    button(page, LANGUAGE, "Issue this brief").click()
    expect(page.get_by_text(t("The brief has been issued and kept as it is."))).to_be_visible()

    issued = IssuedBrief.objects.get()
    assert issued.brief_id == draft.pk
    row = page.locator(f"#issued-{issued.pk}")
    expect(row).to_contain_text(issued.title)
    _fits(page, "list-issued", errors)
    source = tr(LANGUAGE, "%(source)s, page %(page)s") % {
        "source": f"{document.title}, Gemeente Hoogveld, 2026", "page": passage.page,
    }
    files = {}
    for kind, link in (("docx", f"Word {issued.title}"), ("pdf", f"PDF {issued.title}")):
        with page.expect_download() as download:
            row.get_by_role("link", name=link).click()
        assert download.value.suggested_filename.endswith(f".{kind}")
        files[kind] = Path(download.value.path()).read_bytes()
    assert files["docx"] == bytes(issued.docx) and files["pdf"] == bytes(issued.pdf)
    for text in (docx_text(files["docx"]), pdf_text(files["pdf"])):
        assert _flat(passage.text) in text
        assert source in text and ASK in text
    assert not errors, errors
