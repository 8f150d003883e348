"""Every main page of the demo workspace, in a real browser at a laptop width and a phone width:
the page must not scroll sideways, log nothing to the console (Content-Security-Policy
violations included, also after an htmx swap) and pass axe-core's accessibility rules.

A full-page screenshot of each page is kept in var/screenshots/<width>/<page>.png (not committed;
``DRAAGVLAK_SCREENSHOT_DIR`` moves it) so a layout that fits but looks broken can be seen.

axe-core comes from npm (``make assets``, see package.json) and is copied to build/assets/.
It is loaded through the DevTools protocol (an init script) rather than added as a <script>:
the app's Content-Security-Policy refuses inline scripts, and must stay on during the audit.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from django.conf import settings
from playwright.sync_api import expect

from api.services import token_create
from engagement.models import ContactMoment, Review
from parties.models import Party
from parties.services import party_create, party_delete
from projects.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_load
from tests.browser.conftest import CHROMIUM, TIMEOUT_MS, button, field, signed_in_state, tr

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

    from projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"
WIDTHS = (1280, 390)
AXE = Path(settings.BASE_DIR) / "build" / "assets" / "axe.min.js"
SHOTS = Path(
    os.environ.get("DRAAGVLAK_SCREENSHOT_DIR") or Path(settings.BASE_DIR) / "var" / "screenshots"
)


# The elements that stick out past the right edge, to name in a failure.
WIDEST = """() => {
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const box = el.getBoundingClientRect();
    if (box.right <= innerWidth + 1 || box.width === 0) continue;
    let parent = el.parentElement, clipped = false;
    for (; parent; parent = parent.parentElement) {
      if (getComputedStyle(parent).overflowX !== "visible") { clipped = true; break; }
    }
    const name = `${el.tagName.toLowerCase()}.${el.className}`;
    if (!clipped) out.push(`${name} (${Math.round(box.right)} px)`);
  }
  return out.slice(-3);
}"""


def main_pages(project: Project) -> list[tuple[str, str]]:
    p = f"/projects/{project.pk}"
    party = max(Party.objects.filter(project=project), key=lambda party: party.contacts.count())
    contact = party.contacts.first()
    moment = ContactMoment.objects.filter(project=project).order_by("-date").first()
    review = Review.objects.filter(project=project).first()
    pages = [
        ("projects", "/"),
        ("dashboard", f"{p}/"),
        ("register", f"{p}/parties/"),
        ("duplicates", f"{p}/parties/duplicates/"),
        ("party", f"{p}/parties/{party.pk}/"),
        ("party-edit", f"{p}/parties/{party.pk}/edit/"),
        ("party-history", f"{p}/parties/{party.pk}/history/"),
        ("contact-person", f"{p}/parties/{party.pk}/contacts/{contact.pk}/"),
        ("contact-erase", f"{p}/parties/{party.pk}/contacts/{contact.pk}/erase/"),
        ("timeline", f"{p}/contact-moments/"),
        ("contact-moment", f"{p}/contact-moments/{moment.pk}/"),
        ("contact-moment-form", f"{p}/contact-moments/new/"),
        ("contact-moment-edit", f"{p}/contact-moments/{moment.pk}/edit/"),
        ("commitments", f"{p}/commitments/"),
        ("todo", f"{p}/todo/"),
        ("reviews", f"{p}/reviews/"),
        ("plan", f"{p}/plan/"),
        ("participation", f"{p}/participation/"),
        ("successes", f"{p}/successes/"),
        ("steps", f"{p}/steps/"),
        ("force-field", f"{p}/analysis/force-field/"),
        ("analysis", f"{p}/analysis/"),
        ("analysis-overview", f"{p}/analysis/overview/"),
        ("analysis-network", f"{p}/analysis/network/"),
        *[
            (f"analysis-{name}", f"{p}/analysis/{name}/")
            for name in (
                "grid", "salience", "positions", "actors", "engagement", "feasibility",
                "coverage", "support",
            )
        ],
        ("about", f"{p}/about/"),
        ("project-settings", f"{p}/edit/"),
        ("segments", f"{p}/segments/"),
        ("members", f"{p}/members/"),
        ("bin", f"{p}/bin/"),
        ("retention", f"{p}/retention/"),
        ("import", f"{p}/transfer/"),
        ("helpers", "/helpers/"),
        ("api-tokens", "/accounts/tokens/"),
        ("settings", "/accounts/settings/"),
        ("new-project", "/projects/new/"),
    ]
    if review is not None:
        pages.append(("review", f"{p}/reviews/{review.pk}/"))
    return pages


def audit(page: Page, name: str, width: int, errors: list[str]) -> list[str]:
    problems = [f"{name} @ {width}px: console: {error}" for error in errors]
    errors.clear()
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > page.evaluate("innerWidth"):
        widest = ", ".join(page.evaluate(WIDEST))
        problems.append(f"{name} @ {width}px: scrolls sideways ({scroll_width} px wide: {widest})")
    options: dict[str, Any] = {"resultTypes": ["violations"]}
    if width != WIDTHS[0]:
        # Colours do not change with the width (no media query sets one), and contrast is
        # axe's slowest rule: checked once, at the first width.
        options["rules"] = {"color-contrast": {"enabled": False}}
    violations = page.evaluate(
        "async (options) => (await axe.run(document, options)).violations", options
    )
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        problems.append(
            f"{name} @ {width}px: axe {violation['id']}: {violation['help']} "
            f"({len(violation['nodes'])}×: {json.dumps(targets)})"
        )
    shot = SHOTS / str(width) / f"{name}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    return problems


def log_a_contact_in_place(page: Page, live_server: LiveServer, party_url: str) -> None:
    """Saving a contact swaps the party's timeline in with htmx; the swapped fragment must
    keep the Content-Security-Policy too."""
    page.goto(live_server.url + party_url)
    form = page.get_by_role("form", name=tr(LANGUAGE, "Log a contact"))
    field(form, LANGUAGE, "what was discussed").fill("Afspraken over de folders")
    button(form, LANGUAGE, "Log the contact").click()
    timeline = page.get_by_role("region", name=tr(LANGUAGE, "Contacts and commitments"))
    expect(timeline.get_by_role("status")).to_contain_text(
        tr(LANGUAGE, "The contact has been logged.")
    )


def deliver_on_the_to_do_list(page: Page, live_server: LiveServer, todo_url: str) -> None:
    """Marking a commitment delivered swaps its line in place with htmx."""
    page.goto(live_server.url + todo_url)
    deliver = re.compile(re.escape(tr(LANGUAGE, "Mark delivered")))
    page.locator("ul.todo li").get_by_role("button", name=deliver).first.click()
    expect(page.locator("ul.todo li.done")).to_have_count(1)


def test_every_main_page_fits_and_passes_the_audit(
    browser: Browser, live_server: LiveServer
) -> None:
    if not AXE.exists():
        message = f"{AXE} is missing; run make assets (npm ci)"
        if os.environ.get("CI") == "true" or not CHROMIUM.exists():
            pytest.fail(message)
        pytest.skip(message)
    project, _created = demo_load()
    owner = project.memberships.get(user__username=DEMO_USERNAME).user
    # Something in the bin, a token and a likely duplicate, so those pages show their lists.
    party_delete(party=Party.objects.filter(project=project).last(), user=owner)
    token_create(user=owner, name="Rapportage")
    twin = Party.objects.filter(project=project).first()
    party_create(project=project, data={"name": twin.name.upper()}, segments=[])
    pages = main_pages(project)
    state = signed_in_state(browser, live_server, LANGUAGE, DEMO_USERNAME, DEMO_PASSWORD)

    problems: list[str] = []
    for width in WIDTHS:
        problems += audit_at_width(browser, live_server, state, width, pages)
    assert not problems, "\n".join(problems)


def audit_at_width(
    browser: Browser,
    live_server: LiveServer,
    state: dict[str, Any],
    width: int,
    pages: list[tuple[str, str]],
) -> list[str]:
    context = browser.new_context(
        locale=LANGUAGE, viewport={"width": width, "height": 900}, storage_state=state
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(4 * TIMEOUT_MS)  # charts take a while on a busy machine
    # axe is loaded into every page once, through the DevTools protocol: a <script> tag would
    # be refused by the Content-Security-Policy, which must stay on while the pages are audited.
    context.add_init_script(path=AXE)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    problems: list[str] = []
    for name, url in pages:
        response = page.goto(live_server.url + url)
        status = response.status if response else None
        if status != 200:
            problems.append(f"{name} @ {width}px: {url} answered {status}")
            continue
        problems += audit(page, name, width, errors)
    log_a_contact_in_place(page, live_server, dict(pages)["party"])
    problems += audit(page, "party-after-logging-a-contact", width, errors)
    deliver_on_the_to_do_list(page, live_server, dict(pages)["todo"])
    problems += audit(page, "todo-after-delivering", width, errors)
    context.close()
    return problems
