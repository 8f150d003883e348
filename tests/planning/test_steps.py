"""The step plan: ticked in place, its progress on the dashboard, and its printable page."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse
from django.utils import timezone

from history.services import versions_of
from planning import services
from planning.models import Phase, StepTick
from planning.selectors import step_plan
from planning.steps import ITEMS, STEPS, TOTAL_ITEMS
from tests.planning.conftest import HTMX, count_queries

pytestmark = pytest.mark.django_db


def _url(name: str, project, *args) -> str:
    return reverse(f"planning:{name}", args=[project.pk, *args])


def test_the_steps_follow_the_method():
    assert [step.key for step in STEPS] == list(Phase.values)
    assert [step.number for step in STEPS] == list(range(1, 9))
    assert all(3 <= len(step.items) <= 6 for step in STEPS)
    assert len(ITEMS) == TOTAL_ITEMS == sum(len(step.items) for step in STEPS)
    for step in STEPS:
        for item in step.items:
            if item.link:
                reverse(item.link, args=[1])  # every link names a real page


def test_tick_in_place_returns_the_item_and_the_progress(client, team):
    client.force_login(team.contributor)
    response = client.post(_url("step_tick", team.project, "core-partners"),
                           {"expected_version": 0}, headers={**HTMX, "accept-language": "en"})
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith('<li id="item-core-partners" class="item ticked">')
    assert '<span id="step-progress-core_group" class="step-progress" hx-swap-oob="true">' \
        "1 of 5 done</span>" in body
    assert f"1 of {TOTAL_ITEMS} items done" in body and 'id="plan-progress"' in body
    tick = StepTick.objects.get()
    assert (tick.ticked_on, tick.ticked_by) == (timezone.localdate(), team.contributor)
    assert versions_of(tick).first().action == "create"


def test_untick_in_place_keeps_the_evidence(client, team):
    services.step_tick(project=team.project, item_key="vision-theme", user=team.owner,
                       evidence_text="Visietekst goedgekeurd")
    client.force_login(team.contributor)
    response = client.post(_url("step_untick", team.project, "vision-theme"),
                           {"expected_version": 1}, headers=HTMX)
    assert 'class="item"' in response.content.decode()
    tick = StepTick.objects.get()
    assert (tick.ticked_on, tick.evidence_text, tick.version) == (
        None, "Visietekst goedgekeurd", 2)
    # ticking again starts from what was written
    opened = client.get(_url("step_tick", team.project, "vision-theme"), headers=HTMX)
    assert "Visietekst goedgekeurd" in opened.content.decode()


def test_tick_with_evidence_without_javascript(client, team):
    client.force_login(team.contributor)
    url = _url("step_tick", team.project, "parties-coverage")
    page = client.get(url)
    assert page.status_code == 200 and '<label for="id_evidence_url"' in page.content.decode()
    response = client.post(url, {"evidence_text": "Dekkingsmatrix besproken",
                                 "evidence_url": "https://example.org/coverage",
                                 "expected_version": 0})
    assert response["Location"].endswith("/steps/#item-parties-coverage")
    tick = StepTick.objects.get()
    assert tick.evidence_url == "https://example.org/coverage"
    response = client.post(url, {"evidence_url": "geen adres", "expected_version": 1})
    assert response.status_code == 400


def test_two_people_ticking_at_once_get_a_conflict_not_an_overwrite(client, team):
    client.force_login(team.contributor)
    url = _url("step_tick", team.project, "core-partners")
    client.post(url, {"evidence_text": "Carla's", "expected_version": 0})
    client.force_login(team.editor)
    response = client.post(url, {"evidence_text": "Bob's", "expected_version": 0},
                           headers={**HTMX, "accept-language": "en"})
    assert "Someone else changed this item in the meantime" in response.content.decode()
    assert StepTick.objects.get().evidence_text == "Carla's"
    untick = client.post(_url("step_untick", team.project, "core-partners"),
                         {"expected_version": 5})
    assert untick.status_code == 302 and StepTick.objects.get().is_ticked


def test_unknown_item_is_404_and_roles_are_checked(client, team):
    client.force_login(team.contributor)
    assert client.post(_url("step_tick", team.project, "no-such-item")).status_code == 404
    client.force_login(team.viewer)
    assert client.get(_url("steps", team.project)).status_code == 200
    assert client.post(_url("step_tick", team.project, "core-partners")).status_code == 403
    assert client.post(_url("step_untick", team.project, "core-partners")).status_code == 403
    client.force_login(team.outsider)
    assert client.get(_url("steps", team.project)).status_code == 404
    assert client.get(_url("steps_print", team.project)).status_code == 404
    assert client.post(_url("step_tick", team.project, "core-partners")).status_code == 404
    assert not StepTick.objects.exists()


def test_progress_per_step_and_on_the_dashboard(client, team):
    today = timezone.localdate()
    for key in ("core-partners", "core-expertise", "vision-theme"):
        services.step_tick(project=team.project, item_key=key, user=team.owner,
                           ticked_on=today - timedelta(days=3))
    services.step_tick(project=team.project, item_key="review-keep", user=team.owner)
    services.step_untick(project=team.project, item_key="review-keep", user=team.owner)
    plan = step_plan(project=team.project)
    assert [(s.step.key, s.done, s.total) for s in plan.steps][:2] == [
        ("core_group", 2, 5), ("vision", 1, 5)]
    assert (plan.done, plan.total) == (3, TOTAL_ITEMS)
    client.force_login(team.viewer)
    html = client.get(reverse("projects:dashboard", args=[team.project.pk]),
                      headers={"accept-language": "en"}).content.decode()
    assert f"3 of {TOTAL_ITEMS} items of the step plan done" in html
    assert "2 / 5" in html and "1 / 5" in html


def test_the_dashboard_panel_has_fixed_queries(client, team):
    from django.template import Context, Template

    template = Template("{% load planning %}{% planning_panel project membership %}")
    membership = team.project.memberships.get(user=team.owner)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def render() -> int:
        with CaptureQueriesContext(connection) as captured:
            template.render(Context({"project": team.project, "membership": membership}))
        return len(captured)

    few = render()
    for item in list(ITEMS)[:30]:
        services.step_tick(project=team.project, item_key=item, user=team.owner)
    assert render() == few == 1


def test_the_print_page_renders_every_item_with_boxes_and_dates(client, team):
    services.step_tick(project=team.project, item_key="core-partners", user=team.owner,
                       ticked_on=date(2026, 1, 12), evidence_text="Startvergadering")
    client.force_login(team.viewer)
    response = client.get(_url("steps_print", team.project), headers={"accept-language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count("☑") == 1 and html.count("☐") == TOTAL_ITEMS - 1
    assert "Jan. 12, 2026" in html and "Startvergadering" in html
    assert "project-nav" not in html and "site-header" not in html
    assert "css/planning.css" in html and 'style="' not in html and "<script>" not in html
    for step in STEPS:
        assert f"Step {step.number}: {step.title}" in html


def test_the_print_css_makes_a4_pages():
    css = Path(finders.find("css/planning.css")).read_text(encoding="utf-8")
    print_rules = css.split("@media print", 1)[1]
    assert "@page" in print_rules and "size: A4" in print_rules
    assert ".item-actions" in print_rules  # the buttons stay off the paper


def test_steps_page_queries_do_not_grow(client, team):
    client.force_login(team.viewer)
    few = count_queries(client, _url("steps", team.project))
    for item in ITEMS:
        services.step_tick(project=team.project, item_key=item, user=team.editor,
                           evidence_text="x")
    assert count_queries(client, _url("steps", team.project)) == few
    assert count_queries(client, _url("steps_print", team.project)) <= few
