"""What a user does on the evidence pages, shared by the browser tests of policy documents and
argument briefs: upload a health memorandum made here as a three-page PDF, follow its scan to
the end, check a page fits both widths, write a draft brief, issue it and download its files.

The scan is held back (a task backend that queues without running) so the page can be seen
before it ends; `follow_the_scan` then runs it itself, as the worker would."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from django.utils.translation import ngettext, override
from playwright.sync_api import expect

from evidence import services
from evidence.models import PolicyDocument, ScanStatus
from tests.browser.conftest import button, exactly, field, fits, tr
from tests.browser.test_register_flow import sign_in
from tests.evidence.pdfs import make_pdf
from tests.factories import make_project, make_user
from tests.reports.reading import docx_text, pdf_text

if TYPE_CHECKING:
    from playwright.sync_api import Locator, Page
    from pytest_django.live_server_helper import LiveServer

TITLE = "Lokaal gezondheidsbeleid Kouterwijk 2026–2031"
ORGANISATION = "Gemeente Hoogveld"
SOURCE = f"{TITLE}, {ORGANISATION}, 2026"
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
# The meta refresh comes every two seconds; leave room for several on a loaded machine.
REFRESH_MS = 20_000


def flat(text: str) -> str:
    return " ".join(text.split())


def watch_errors(page: Page) -> list[str]:
    """Console errors and uncaught exceptions of the page, as they come (CSP refusals too)."""
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def sign_in_to_a_project(page: Page, live_server: LiveServer, language: str, settings):
    """Lotte, owner of a project, signed in, with the scan worker held back; the project."""
    owner = make_user("lotte", first_name="Lotte")
    project = make_project(owner, title="Mondzorg Kouterwijk")
    # A worker that takes the scan but does not run it yet.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    page.set_default_timeout(20_000)  # a loaded machine renders the first pages slowly
    sign_in(page, live_server, language, "lotte")
    return project


def upload(page: Page, live_server: LiveServer, language: str, project) -> PolicyDocument:
    """From the project's policy documents, add the memorandum as a PDF; the scan is queued."""
    page.goto(f"{live_server.url}/projects/{project.pk}/evidence/")
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "Policy documents"))
    page.get_by_role("link", name=tr(language, "Add a document"), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "Add a document"))
    field(page, language, "title").fill(TITLE)
    field(page, language, "kind").select_option(label=tr(language, "health memorandum"))
    field(page, language, "organisation").fill(ORGANISATION)
    field(page, language, "year").fill("2026")
    # a plain form field's label keeps the lower case of its msgid
    page.get_by_label(exactly(tr(language, "file"))).set_input_files(
        files=[{"name": "gezondheidsnota.pdf", "mimeType": "application/pdf",
                "buffer": make_pdf(PAGES)}]
    )
    button(page, language, "Add and scan").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    return PolicyDocument.objects.get(title=TITLE)


def follow_the_scan(
    page: Page, language: str, document: PolicyDocument, shots: Path, errors: list[str]
) -> None:
    """The page shows the queued scan, then its progress, then the result, refreshing itself."""
    progress = page.locator(".progress-note")
    expect(progress).to_contain_text(tr(language, "Waiting for the scan to start…"))
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(1)
    assert document.status == ScanStatus.QUEUED

    # Half-way, as the worker leaves it after the first page.
    PolicyDocument.objects.filter(pk=document.pk).update(
        status=ScanStatus.SCANNING, pages_total=3, pages_done=1
    )
    scanning = tr(language, "Scanning: page %(done)s of %(total)s.") % {"done": 1, "total": 3}
    expect(progress).to_contain_text(scanning, timeout=REFRESH_MS)
    bar = progress.locator("progress")
    expect(bar).to_have_attribute("max", "3")
    expect(bar).to_have_attribute("value", "1")
    fits(page, shots, "document-scanning", errors)

    # The worker finishes; the page notices by itself.
    with override(language):
        services.document_scan(document_id=document.pk)
        scanned = ngettext("Scanned: %(counter)s page.", "Scanned: %(counter)s pages.", 3) % {
            "counter": 3
        }
    document.refresh_from_db()
    assert document.status == ScanStatus.DONE and document.pages_done == 3
    expect(page.get_by_role("status")).to_contain_text(scanned, timeout=REFRESH_MS)
    expect(page.locator(".progress-note")).to_have_count(0)
    expect(page.locator('meta[http-equiv="refresh"]')).to_have_count(0)


def mark(page: Page, language: str, passage: Locator, note: str) -> None:
    """Mark a listed passage as evidence with a note, with the mouse."""
    passage.get_by_label(tr(language, "Why it matters (optional)")).fill(note)
    passage.get_by_role("button", name=tr(language, "Mark as evidence"), exact=True).click()
    expect(page.get_by_role("status").filter(
        has_text=tr(language, "The passage has been marked as evidence.")
    )).to_be_visible()
    expect(passage).to_contain_text(tr(language, "Marked as evidence"))
    expect(passage).to_contain_text(note)


def write_a_draft(page: Page, language: str, audience: str) -> None:
    """On the list of briefs, start a draft for the audience; its edit page opens."""
    expect(page.get_by_role("heading", level=1)).to_have_text(tr(language, "Argument briefs"))
    # a plain form's label keeps the lower case of its msgid
    page.get_by_label(exactly(tr(language, "for"))).select_option(label=tr(language, audience))
    button(page, language, "Write a draft").click()
    written = tr(language, "The draft is written from the project's data; edit it.")
    expect(page.get_by_text(written)).to_be_visible()


def issue(page: Page, language: str) -> None:
    """From the preview, issue the brief; the list of briefs says so."""
    button(page, language, "Issue this brief").click()
    issued = tr(language, "The brief has been issued and kept as it is.")
    expect(page.get_by_text(issued)).to_be_visible()


def download_texts(page: Page, row: Locator, title: str) -> dict[str, tuple[bytes, str]]:
    """Both files of an issued brief, downloaded through its links, with their text read back."""
    files = {}
    for kind, link, read in (("docx", "Word", docx_text), ("pdf", "PDF", pdf_text)):
        with page.expect_download() as download:
            row.get_by_role("link", name=f"{link} {title}").click()
        assert download.value.suggested_filename.endswith(f".{kind}")
        body = Path(download.value.path()).read_bytes()
        files[kind] = (body, read(body))
    return files
