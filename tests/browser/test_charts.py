"""Every picture of the demo workspace, in a real browser at a laptop width and a phone width:
no two visible texts of a chart may overlap (their boxes as the browser lays them out), the
page must not scroll sideways, pass axe-core and log nothing to the console with the
Content-Security-Policy on.

A screenshot of each page is kept in var/screenshots/charts/<width>/<page>.png (not committed);
``DRAAGVLAK_CHART_SHOTS`` moves it, e.g. to var/screenshots/charts-after.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from django.conf import settings
from playwright.sync_api import expect

from projects.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_load
from tests.browser.conftest import CHROMIUM, TIMEOUT_MS, signed_in_state

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page
    from pytest_django.live_server_helper import LiveServer

    from projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGE = "nl"
WIDTHS = (1280, 390)
AXE = Path(settings.BASE_DIR) / "build" / "assets" / "axe.min.js"
SHOTS = Path(
    os.environ.get("DRAAGVLAK_CHART_SHOTS")
    or Path(settings.BASE_DIR) / "var" / "screenshots" / "charts"
)
CHARTS = (
    "grid",
    "salience",
    "positions",
    "actors",
    "engagement",
    "feasibility",
    "coverage",
    "support",
)

# Every pair of visible texts inside one chart whose boxes overlap by more than a sliver
# (a pixel of anti-aliasing is allowed). Rotated texts are measured by their screen boxes.
OVERLAPS = """() => {
  const found = [];
  const charts = document.querySelectorAll("svg.chart, figure svg");
  charts.forEach((svg, n) => {
    const boxes = [];
    for (const text of svg.querySelectorAll("text")) {
      const style = getComputedStyle(text);
      if (style.display === "none" || style.visibility === "hidden") continue;
      if (!text.textContent.trim()) continue;
      const box = text.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      boxes.push([text.textContent.trim(), box]);
    }
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, p] = boxes[i], [b, q] = boxes[j];
        const dx = Math.min(p.right, q.right) - Math.max(p.left, q.left);
        const dy = Math.min(p.bottom, q.bottom) - Math.max(p.top, q.top);
        if (dx > 1 && dy > 1) found.push(`chart ${n + 1}: “${a}” overlaps “${b}”`);
      }
    }
  });
  return found;
}"""


def chart_pages(project: Project) -> list[tuple[str, str]]:
    p = f"/projects/{project.pk}"
    return [
        ("analysis", f"{p}/analysis/"),
        ("overview", f"{p}/analysis/overview/"),
        ("network", f"{p}/analysis/network/"),
        ("force-field", f"{p}/analysis/force-field/"),
        *[(name, f"{p}/analysis/{name}/") for name in CHARTS],
    ]


def check(page: Page, name: str, width: int, errors: list[str]) -> list[str]:
    where = f"{name} @ {width}px"
    problems = [f"{where}: console: {error}" for error in errors]
    errors.clear()
    problems += [f"{where}: {overlap}" for overlap in page.evaluate(OVERLAPS)]
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    if scroll_width > page.evaluate("innerWidth"):
        problems.append(f"{where}: scrolls sideways ({scroll_width} px wide)")
    page.evaluate(AXE.read_text(encoding="utf-8"))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    for violation in violations:
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
        problems.append(
            f"{where}: axe {violation['id']}: {violation['help']} "
            f"({len(violation['nodes'])}×: {json.dumps(targets)})"
        )
    shot = SHOTS / str(width) / f"{name}.png"
    shot.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shot), full_page=True)
    return problems


def test_every_chart_is_readable_at_both_widths(browser: Browser, live_server: LiveServer) -> None:
    if not AXE.exists():
        message = f"{AXE} is missing; run make assets (npm ci)"
        if os.environ.get("CI") == "true" or not CHROMIUM.exists():
            pytest.fail(message)
        pytest.skip(message)
    project, _created = demo_load()
    pages = chart_pages(project)
    state = signed_in_state(browser, live_server, LANGUAGE, DEMO_USERNAME, DEMO_PASSWORD)
    problems: list[str] = []
    errors: list[str] = []  # filled by each page's listeners, emptied by check()
    for width in WIDTHS:
        context = browser.new_context(
            locale=LANGUAGE, viewport={"width": width, "height": 900}, storage_state=state
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        for name, url in pages:
            response = page.goto(live_server.url + url)
            if response is None or response.status != 200:
                problems.append(
                    f"{name} @ {width}px: {url} answered {response and response.status}"
                )
                continue
            page.wait_for_load_state("load")
            problems += check(page, name, width, errors)
        context.close()
    assert not problems, "\n".join(problems)


CROWDED_NAMES = (
    "Huisartsenpraktijk De Linde",
    "Gemeente Hoogveld, dienst welzijn en gezondheid",
    "Buurtvereniging Zonnewijk",
    "Jeugdhuis 't Pleintje",
    "Vrijwilligersnetwerk Samen Sterk",
    "Apotheek Centrum",
    "Wijkteam Kouterland",
)


def crowd(project: Project, count: int = 42) -> None:
    """Forty-odd more parties, most of them in a few cells and rings, as a large region has."""
    from parties.models import Party
    from tests.factories import assess, make_party

    roles = [choice for choice, _label in Party._meta.get_field("role").choices]
    rings = [choice for choice, _label in Party._meta.get_field("ring").choices]
    for k in range(count):
        party = make_party(
            project,
            name=f"{CROWDED_NAMES[k % len(CROWDED_NAMES)]} {k + 1}",
            role=roles[k % 2],
            ring=rings[k % 3 + 1],
        )
        power, interest = (5, 5) if k % 3 else (k % 5 + 1, k // 5 % 5 + 1)
        assess(party, power=power, interest=interest, attitude=k % 5 - 2)


def test_crowded_grid_and_actor_map_show_numbers_that_lead_to_the_table(
    browser: Browser, live_server: LiveServer
) -> None:
    if not AXE.exists():
        pytest.skip(f"{AXE} is missing; run make assets (npm ci)")
    project, _created = demo_load()
    crowd(project)
    state = signed_in_state(browser, live_server, LANGUAGE, DEMO_USERNAME, DEMO_PASSWORD)
    problems: list[str] = []
    errors: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(
            locale=LANGUAGE, viewport={"width": width, "height": 900}, storage_state=state
        )
        context.set_default_timeout(TIMEOUT_MS)
        page = context.new_page()
        page.on("console", lambda message: message.type == "error" and errors.append(message.text))
        page.on("pageerror", lambda error: errors.append(str(error)))
        for name in ("grid", "actors"):
            page.goto(f"{live_server.url}/projects/{project.pk}/analysis/{name}/")
            page.wait_for_load_state("load")
            problems += check(page, f"{name}-crowded", width, errors)
            numbers = page.locator('svg.chart a[href^="#party-"]')
            assert numbers.count() > 10, f"{name} @ {width}px shows few numbers"
            # A number is a link in the keyboard's path; following it shows the party's row.
            first = numbers.first
            first.focus()
            expect(first).to_be_focused()
            href = first.get_attribute("href") or ""
            number = first.locator("text").last.text_content()
            page.keyboard.press("Enter")
            row = page.locator(f"tr{href}")
            expect(row).to_be_in_viewport()
            expect(row.locator("td").first).to_have_text(number or "")
        context.close()
    assert not problems, "\n".join(problems)
