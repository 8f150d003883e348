"""A report to the board in a real browser, in Dutch: preview it, issue it, find it in the list
and open the PDF it was issued with."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import expect

from reports.models import BoardReport
from tests.browser.conftest import button, tr
from tests.browser.test_register_flow import sign_in
from tests.factories import make_project, make_user
from tests.reports.factories import fill_project
from tests.reports.reading import pdf_text

if TYPE_CHECKING:
    from playwright.sync_api import Page
    from pytest_django.live_server_helper import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"


def t(message: str) -> str:
    return tr(LANGUAGE, message)


def test_issue_a_board_report_and_open_its_pdf(page: Page, live_server: LiveServer):
    owner = make_user("lotte", first_name="Lotte")
    project = make_project(owner, title="Mondzorg Kouterwijk")
    fill_project(project)
    page.set_default_timeout(30_000)  # the first page of a live server on a busy machine
    sign_in(page, live_server, LANGUAGE, "lotte")

    page.goto(f"{live_server.url}/projects/{project.pk}/")
    page.get_by_role("link", name=t("Reports"), exact=True).first.click()
    page.get_by_role("link", name=t("Issue a report")).click()
    button(page, LANGUAGE, "Preview").click()
    preview = page.locator(".report-preview")
    expect(preview).to_contain_text("Structureel budget voor preventieve mondzorg")
    assert not BoardReport.objects.exists()
    button(page, LANGUAGE, "Issue this report").click()
    expect(page.get_by_text(t("The report has been issued and kept."))).to_be_visible()

    report = BoardReport.objects.get()
    row = page.locator(f"#report-{report.pk}")
    expect(row).to_contain_text(report.title)
    with page.expect_download() as download:
        row.get_by_role("link", name=f"PDF {report.title}").click()
    body = Path(download.value.path()).read_bytes()
    assert body == bytes(report.pdf)
    text = pdf_text(body)
    assert "Wethouder Jansen" in text and "Aan" in text
