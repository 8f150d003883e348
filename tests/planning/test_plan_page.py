"""The shared plan: grouped by party or phase, edited in place with htmx and without it."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from django.urls import reverse

from history import bin as history_bin
from history.services import versions_of
from planning.models import Contribution, Phase, PlanAction, Precondition
from planning.services import contribution_create
from tests.factories import make_party
from tests.planning.conftest import HTMX, count_queries, make_action, make_precondition

pytestmark = pytest.mark.django_db


def _url(name: str, project, *ids: int) -> str:
    return reverse(f"planning:{name}", args=[project.pk, *ids])


def _action_form(action: PlanAction, **changes) -> dict:
    data = {
        "title": action.title,
        "phase": action.phase,
        "status": action.status,
        "party": action.party_id or "",
        "member": action.member_id or "",
        "role": action.role,
        "starts_on": action.starts_on or "",
        "ends_on": action.ends_on or "",
        "description": action.description,
        "expected_version": action.version,
    }
    data.update(changes)
    return {f"action{action.pk}-{key}": value for key, value in data.items()}


@pytest.fixture
def plan(team):
    school = make_party(team.project, name="Basisschool De Regenboog")
    logo = make_party(team.project, name="Logo Kouterland")
    first = make_action(team.project, title="Poetsen in de klas", party=school,
                        phase=Phase.PLAN, role="poetst dagelijks")
    make_precondition(first, kind="hours", amount=Decimal("10"), from_party=school)
    make_precondition(first, kind="money", amount=Decimal("600"), from_text="Serviceclub")
    second = make_action(team.project, title="Visiesessie", party=logo, phase=Phase.VISION,
                         member=team.editor)
    contribution_create(project=team.project, data={"party": logo, "contributes": "Begeleiding",
                                                    "gains": "Een sterk lokaal netwerk"})
    return first, second


def test_viewer_reads_the_plan_grouped_by_party(client, team, plan):
    client.force_login(team.viewer)
    response = client.get(_url("plan", team.project), headers={"accept-language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    groups = response.context["plan"].groups
    assert [g.title for g in groups] == ["Basisschool De Regenboog", "Logo Kouterland"]
    assert groups[0].means.hours == Decimal("10") and groups[0].means.money == Decimal("600")
    assert "Begeleiding" in html and "Een sterk lokaal netwerk" in html
    assert "Serviceclub" in html
    assert "hx-get" not in html.split('id="plan-groups"')[1].split("</nav>", 1)[1]  # no edit links
    assert 'style="' not in html and "<script>" not in html


def test_the_same_page_groups_by_phase(client, team, plan):
    client.force_login(team.viewer)
    response = client.get(_url("plan", team.project) + "?by=phase")
    groups = response.context["plan"].groups
    assert [g.phase for g in groups] == list(Phase.values)
    by_phase = {g.phase: [a.title for a in g.actions] for g in groups}
    assert by_phase[Phase.PLAN] == ["Poetsen in de klas"]
    assert by_phase[Phase.VISION] == ["Visiesessie"]
    assert 'id="contributions"' in response.content.decode()
    fragment = client.get(_url("plan", team.project) + "?by=phase", headers=HTMX)
    assert fragment.content.decode().lstrip().startswith('<div id="plan-groups">')


def test_actions_without_a_party_are_grouped_by_member_or_open(client, team):
    make_action(team.project, title="Evaluatie", member=team.owner)
    make_action(team.project, title="Nog niemand")
    client.force_login(team.viewer)
    groups = client.get(_url("plan", team.project)).context["plan"].groups
    assert [(g.key, [a.title for a in g.actions]) for g in groups] == [
        ("members", ["Evaluatie"]),
        ("unassigned", ["Nog niemand"]),
    ]


def test_outsider_gets_404_and_viewer_cannot_write(client, team, plan):
    action, _second = plan
    client.force_login(team.outsider)
    assert client.get(_url("plan", team.project)).status_code == 404
    assert client.post(_url("plan_action", team.project, action.pk),
                       _action_form(action, title="X")).status_code == 404
    client.force_login(team.viewer)
    posts = [
        (_url("plan_action_create", team.project), {"title": "Nieuw", "phase": "plan",
                                                    "status": "planned"}),
        (_url("plan_action", team.project, action.pk), _action_form(action, title="X")),
        (_url("plan_action_delete", team.project, action.pk), {}),
        (_url("plan_precondition_create", team.project, action.pk), {"kind": "hours",
                                                                     "amount": 3}),
        (_url("plan_contribution_create", team.project), {"party": action.party_id,
                                                          "contributes": "x"}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
        assert client.post(url, data, headers=HTMX).status_code == 403, url
    assert client.get(_url("plan_action", team.project, action.pk) + "?edit=1",
                      headers=HTMX).status_code == 403
    # a contributor may not change the plan either: it is the register's level
    client.force_login(team.contributor)
    assert client.post(*posts[1]).status_code == 403
    action.refresh_from_db()
    assert action.title == "Poetsen in de klas" and PlanAction.objects.count() == 2


def test_viewer_may_fetch_a_row(client, team, plan):
    action, _second = plan
    client.force_login(team.viewer)
    response = client.get(_url("plan_action", team.project, action.pk), headers=HTMX)
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith(f'<tr id="action-{action.pk}">')


def test_in_place_edit_swaps_the_row_to_a_form_and_back(client, team, plan):
    action, _second = plan
    client.force_login(team.editor)
    url = _url("plan_action", team.project, action.pk)
    opened = client.get(url + "?edit=1&by=party", headers=HTMX)
    body = opened.content.decode()
    assert body.lstrip().startswith(f'<tr id="action-{action.pk}" class="editing">')
    assert "<html" not in body and f'name="action{action.pk}-title"' in body
    assert f'<label for="id_action{action.pk}-title"' in body
    saved = client.post(url, {**_action_form(action, status="running", role="trekker"),
                              "by": "party"}, headers=HTMX)
    body = saved.content.decode()
    assert saved.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith(f'<tr id="action-{action.pk}">')
    assert "trekker" in body and "16 hours" not in body
    action.refresh_from_db()
    assert (action.status, action.role, action.version) == ("running", "trekker", 2)
    assert versions_of(action).first().changes["status"] == ["planned", "running"]


def test_in_place_error_stays_a_form_that_htmx_swaps(client, team, plan):
    action, _second = plan
    client.force_login(team.editor)
    url = _url("plan_action", team.project, action.pk)
    bad = _action_form(action, starts_on="2026-05-01", ends_on="2026-04-01")
    response = client.post(url, bad, headers=HTMX)
    assert response.status_code == 200 and 'class="editing"' in response.content.decode()
    assert client.post(url, bad).status_code == 400


def test_moving_an_action_to_another_party_refreshes_the_page(client, team, plan):
    action, second = plan
    client.force_login(team.editor)
    url = _url("plan_action", team.project, action.pk)
    response = client.post(url, _action_form(action, party=second.party_id), headers=HTMX)
    assert response["HX-Refresh"] == "true"


def test_edit_without_javascript_redirects_back_to_the_grouping(client, team, plan):
    action, _second = plan
    client.force_login(team.editor)
    url = _url("plan_action", team.project, action.pk)
    assert client.get(url + "?by=phase").status_code == 200  # the form page
    response = client.post(url, {**_action_form(action, title="Poetsen na de middag"),
                                 "by": "phase"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?by=phase#action-{action.pk}")


def test_conflicting_edits_show_both_versions(client, team, plan):
    action, _second = plan
    opened = _action_form(action)  # both open the form at version 1
    url = _url("plan_action", team.project, action.pk)
    client.force_login(team.editor)
    assert client.post(url, {**opened, f"action{action.pk}-role": "Bob's"}).status_code == 302
    client.force_login(team.owner)
    response = client.post(url, {**opened, f"action{action.pk}-role": "Alice's"}, headers=HTMX)
    form = response.context["form"]
    assert [(theirs, yours) for _label, theirs, yours in form.conflict] == [("Bob's", "Alice's")]
    assert "Their version" in response.content.decode() or form.conflict
    action.refresh_from_db()
    assert action.role == "Bob's"


def test_member_and_party_of_another_project_cannot_be_chosen(client, team, plan):
    action, _second = plan
    foreign = make_party(team.other_project, name="Geheim")
    client.force_login(team.editor)
    url = _url("plan_action", team.project, action.pk)
    assert client.post(url, _action_form(action, party=foreign.pk)).status_code == 400
    assert client.post(url, _action_form(action, member=team.outsider.pk)).status_code == 400
    foreign_action = make_action(team.other_project, title="Elders")
    assert client.get(_url("plan_action", team.project, foreign_action.pk)).status_code == 404


def test_add_an_action_a_precondition_and_a_contribution_without_javascript(client, team):
    party = make_party(team.project, name="Mutualiteit")
    client.force_login(team.editor)
    assert client.get(_url("plan_action_create", team.project) + f"?party={party.pk}"
                      ).context["form"]["party"].value() == str(party.pk)
    response = client.post(_url("plan_action_create", team.project), {
        "title": "Tandenborstels", "phase": "plan", "status": "planned", "party": party.pk,
        "starts_on": "2026-09-01", "by": "party",
    })
    action = PlanAction.objects.get(title="Tandenborstels")
    assert response["Location"].endswith(f"#action-{action.pk}")
    response = client.post(_url("plan_precondition_create", team.project, action.pk), {
        "kind": "money", "amount": "250.50", "description": "borstels", "from_party": party.pk,
    })
    assert response.status_code == 302
    precondition = Precondition.objects.get()
    assert (precondition.amount, precondition.source) == (Decimal("250.50"), "Mutualiteit")
    # hours or money need an amount; other means need a word
    response = client.post(_url("plan_precondition_create", team.project, action.pk),
                           {"kind": "hours"})
    assert response.status_code == 400
    response = client.post(_url("plan_contribution_create", team.project), {
        "party": party.pk, "contributes": "Budget", "gains": "Zichtbaarheid"})
    assert response.status_code == 302
    assert Contribution.objects.get().gains == "Zichtbaarheid"


def test_contribution_in_place(client, team, plan):
    contribution = Contribution.objects.get()
    client.force_login(team.editor)
    url = _url("plan_contribution", team.project, contribution.pk)
    body = client.get(url + "?edit=1", headers=HTMX).content.decode()
    assert body.lstrip().startswith(f'<tr id="contribution-{contribution.pk}" class="editing">')
    prefix = f"contribution{contribution.pk}"
    response = client.post(url, {f"{prefix}-party": contribution.party_id,
                                 f"{prefix}-contributes": "Twee sessies",
                                 f"{prefix}-gains": "Netwerk",
                                 f"{prefix}-expected_version": 1}, headers=HTMX)
    assert response.content.decode().lstrip().startswith(
        f'<tr id="contribution-{contribution.pk}">')
    contribution.refresh_from_db()
    assert (contribution.contributes, contribution.version) == ("Twee sessies", 2)


def test_delete_moves_to_the_bin_and_restore_brings_it_back(client, team, plan):
    action, _second = plan
    client.force_login(team.editor)
    response = client.post(_url("plan_action_delete", team.project, action.pk), {"by": "phase"})
    assert response.status_code == 302 and response["Location"].endswith("?by=phase")
    assert not PlanAction.objects.filter(pk=action.pk).exists()
    plan_page = client.get(_url("plan", team.project))
    assert action.pk not in [a.pk for g in plan_page.context["plan"].groups for a in g.actions]
    in_bin = history_bin.kind_for("plan_action").in_bin(team.project)
    assert [item.title for item in in_bin] == ["Poetsen in de klas"]
    client.post(reverse("parties:bin_restore", args=[team.project.pk, "plan_action", action.pk]))
    restored = PlanAction.objects.get(pk=action.pk)
    assert restored.preconditions.count() == 2
    assert [v.action for v in versions_of(restored)][:2] == ["restore", "delete"]


def test_precondition_and_contribution_go_to_the_bin_too(client, team, plan):
    action, _second = plan
    precondition = action.preconditions.first()
    contribution = Contribution.objects.get()
    client.force_login(team.editor)
    client.post(_url("plan_precondition_delete", team.project, precondition.pk))
    client.post(_url("plan_contribution_delete", team.project, contribution.pk))
    assert action.preconditions.count() == 1 and not Contribution.objects.exists()
    for kind, pk in (("precondition", precondition.pk), ("contribution", contribution.pk)):
        client.post(reverse("parties:bin_restore", args=[team.project.pk, kind, pk]))
    assert action.preconditions.count() == 2 and Contribution.objects.exists()


def test_the_plan_prints(client, team, plan):
    from django.contrib.staticfiles import finders

    client.force_login(team.viewer)
    html = client.get(_url("plan", team.project)).content.decode()
    assert "css/planning.css" in html and "no-print" in html
    css = Path(finders.find("css/planning.css")).read_text(encoding="utf-8")
    assert "@media print" in css


def test_plan_page_queries_do_not_grow_with_the_actions(client, team):
    parties = [make_party(team.project, name=f"Partij {n}") for n in range(5)]

    def add(count: int) -> None:
        for n in range(count):
            action = make_action(team.project, party=parties[n % 5], member=team.editor,
                                 phase=Phase.values[n % 8])
            make_precondition(action, from_party=parties[(n + 1) % 5])
            contribution_create(project=team.project, data={"party": parties[n % 5],
                                                            "contributes": "tijd"})

    add(5)
    client.force_login(team.viewer)
    url = _url("plan", team.project)
    few = [count_queries(client, url + f"?by={by}") for by in ("party", "phase")]
    add(195)
    many = [count_queries(client, url + f"?by={by}") for by in ("party", "phase")]
    assert few == many
    assert max(many) <= 12
