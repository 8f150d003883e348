"""The force field page: who may see and change it, in place with htmx and without JavaScript."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from forcefield import services
from forcefield.models import Force, ForceAction, ForceField
from tests.factories import make_party

pytestmark = pytest.mark.django_db
HTMX = {"HX-Request": "true"}


def _url(name: str, project, *ids: int) -> str:
    return reverse(f"forcefield:{name}", args=[project.pk, *ids])


def _force(project, direction: str = "driving", strength: int = 3, **data) -> Force:
    return services.force_create(
        project=project,
        data={"direction": direction, "description": f"Kracht {strength}", "strength": strength,
              **data},
    )


def _force_form(force: Force, **changes) -> dict:
    data = {
        "direction": force.direction,
        "description": force.description,
        "strength": force.strength,
        "party": force.party_id or "",
        "order": force.order,
        "expected_version": force.version,
    }
    data.update(changes)
    return {f"force{force.pk}-{key}": value for key, value in data.items()}


@pytest.fixture
def field(team):
    services.forcefield_update(project=team.project, data={"change": "Elk kind naar de tandarts"})
    driving = _force(team.project, "driving", 4)
    restraining = _force(team.project, "restraining", 5)
    action = services.action_create(force=restraining, data={"description": "Overleg"})
    return driving, restraining, action


def test_outsider_gets_404(client, team, field):
    driving, _restraining, action = field
    client.force_login(team.outsider)
    assert client.get(_url("page", team.project)).status_code == 404
    assert client.get(_url("force", team.project, driving.pk), headers=HTMX).status_code == 404
    assert client.post(_url("force_delete", team.project, driving.pk)).status_code == 404
    assert Force.objects.filter(pk=driving.pk).exists()


def test_force_of_another_project_is_out_of_reach(client, team, field):
    driving, _restraining, _action = field
    foreign = _force(team.other_project)
    client.force_login(team.owner)
    url = _url("force", team.project, foreign.pk)
    assert client.post(url, _force_form(foreign, description="Overgenomen")).status_code == 404
    assert client.post(_url("force_delete", team.project, foreign.pk)).status_code == 404
    foreign.refresh_from_db()
    assert foreign.description == "Kracht 3"


def test_viewer_reads_the_chart_table_and_net_force(client, team, field):
    client.force_login(team.viewer)
    response = client.get(_url("page", team.project), headers={"accept-language": "en"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="group"' in html and "Elk kind naar de tandarts" in html
    assert "Net force: -1" in html
    assert response.context["analysis"].net == -1
    assert 'hx-get="' not in html.split('id="forces-driving"')[1]  # no edit links
    assert 'style="' not in html and "<script>" not in html


def test_viewer_cannot_write(client, team, field):
    driving, _restraining, action = field
    client.force_login(team.viewer)
    posts = [
        (_url("change", team.project), {"change": "Anders", "expected_version": 2}),
        (_url("force_create", team.project), {"new-direction": "driving",
                                              "new-description": "X", "new-strength": 2}),
        (_url("force", team.project, driving.pk), _force_form(driving, strength=1)),
        (_url("force_delete", team.project, driving.pk), {}),
        (_url("action_create", team.project, driving.pk), {f"new-action{driving.pk}-description":
                                                          "Y"}),
        (_url("action", team.project, action.force_id, action.pk), {}),
        (_url("action_delete", team.project, action.force_id, action.pk), {}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 403, url
        assert client.post(url, data, headers=HTMX).status_code == 403, url
    assert client.get(_url("force", team.project, driving.pk) + "?edit=1",
                      headers=HTMX).status_code == 403
    assert (Force.objects.count(), ForceAction.objects.count()) == (2, 1)
    assert ForceField.objects.get().change == "Elk kind naar de tandarts"


def test_viewer_may_see_a_fragment(client, team, field):
    driving, _restraining, _action = field
    client.force_login(team.viewer)
    response = client.get(_url("force", team.project, driving.pk), headers=HTMX)
    assert response.status_code == 200
    assert response.content.decode().lstrip().startswith('<div class="force-head"')


def test_in_place_edit_swaps_row_to_form_and_back_with_the_chart(client, team, field):
    driving, _restraining, _action = field
    client.force_login(team.editor)
    url = _url("force", team.project, driving.pk)
    opened = client.get(url + "?edit=1", headers=HTMX)
    body = opened.content.decode()
    assert body.lstrip().startswith('<div class="force-head editing"') and "<html" not in body
    assert f'name="force{driving.pk}-strength"' in body
    saved = client.post(url, _force_form(driving, strength=5), headers=HTMX)
    body = saved.content.decode()
    assert saved.status_code == 200 and "<html" not in body
    assert body.lstrip().startswith(f'<div class="force-head" id="force-head-{driving.pk}">')
    assert '<section id="ff-summary" aria-live="polite" hx-swap-oob="true">' in body
    assert forcefield_net(team.project) == 0
    driving.refresh_from_db()
    assert (driving.strength, driving.version) == (5, 2)


def test_in_place_error_comes_back_as_a_form_htmx_can_swap(client, team, field):
    driving, _restraining, _action = field
    client.force_login(team.editor)
    url = _url("force", team.project, driving.pk)
    response = client.post(url, _force_form(driving, strength=9), headers=HTMX)
    assert response.status_code == 200
    assert 'class="force-head editing"' in response.content.decode()
    assert client.post(url, _force_form(driving, strength=9)).status_code == 400


def test_moving_a_force_to_the_other_side_refreshes_the_page(client, team, field):
    driving, _restraining, _action = field
    client.force_login(team.editor)
    url = _url("force", team.project, driving.pk)
    response = client.post(url, _force_form(driving, direction="restraining"), headers=HTMX)
    assert response["HX-Refresh"] == "true"
    assert forcefield_net(team.project) == -9


def forcefield_net(project) -> int:
    from forcefield.selectors import forcefield

    return forcefield(project).net


def test_conflicting_edits_show_both_versions(client, team, field):
    driving, _restraining, _action = field
    opened = _force_form(driving)  # both open the form at version 1
    url = _url("force", team.project, driving.pk)
    client.force_login(team.editor)
    assert client.post(url, {**opened, f"force{driving.pk}-strength": 2}).status_code == 302
    client.force_login(team.owner)
    response = client.post(url, {**opened, f"force{driving.pk}-strength": 5}, headers=HTMX)
    form = response.context["form"]
    assert [(theirs, yours) for _label, theirs, yours in form.conflict] == [("2", "5")]
    driving.refresh_from_db()
    assert driving.strength == 2
    again = {**opened, f"force{driving.pk}-strength": 5,
             f"force{driving.pk}-expected_version": form["expected_version"].value()}
    assert client.post(url, again).status_code == 302
    driving.refresh_from_db()
    assert driving.strength == 5


def test_add_force_and_action_without_javascript(client, team):
    party = make_party(team.project, name="Schoolbestuur")
    client.force_login(team.editor)
    assert client.get(_url("force_create", team.project) + "?direction=restraining").status_code \
        == 200
    response = client.post(_url("force_create", team.project), {
        "new-direction": "restraining", "new-description": "Geen budget",
        "new-strength": 4, "new-party": party.pk,
    })
    assert response.status_code == 302
    force = Force.objects.get()
    assert (force.field.project, force.party, force.order) == (team.project, party, 1)
    response = client.post(_url("action_create", team.project, force.pk), {
        f"new-action{force.pk}-description": "Begroting agenderen",
        f"new-action{force.pk}-who": "Bob",
        f"new-action{force.pk}-due_on": "2026-06-01",
    })
    assert response.status_code == 302
    assert force.actions.get().who == "Bob"
    page = client.get(_url("page", team.project)).content.decode()
    assert "Begroting agenderen" in page and "Geen budget" in page


def test_party_of_another_project_cannot_be_chosen(client, team):
    foreign = make_party(team.other_project, name="Elders")
    client.force_login(team.editor)
    response = client.post(_url("force_create", team.project), {
        "new-direction": "driving", "new-description": "X", "new-strength": 3,
        "new-party": foreign.pk,
    })
    assert response.status_code == 400
    assert "party" in response.context["form"].errors
    assert not Force.objects.exists()


def test_add_with_htmx_appends_the_card_out_of_band(client, team, field):
    driving, _restraining, _action = field
    client.force_login(team.editor)
    opened = client.get(_url("force_create", team.project) + "?direction=driving", headers=HTMX)
    assert opened.content.decode().lstrip().startswith('<div class="adder panel editing"')
    response = client.post(_url("force_create", team.project), {
        "new-direction": "driving", "new-description": "Steun schepen", "new-strength": 2,
    }, headers=HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<div class="adder" id="adder-driving">')
    assert '<div hx-swap-oob="beforeend:#forces-driving">' in body and "Steun schepen" in body
    assert 'hx-swap-oob="true"' in body  # the chart and table follow
    action = client.post(_url("action_create", team.project, driving.pk), {
        f"new-action{driving.pk}-description": "Mail sturen",
    }, headers=HTMX).content.decode()
    assert f'<ul hx-swap-oob="beforeend:#force-actions-{driving.pk}">' in action


def test_delete_with_htmx_and_without(client, team, field):
    driving, restraining, action = field
    client.force_login(team.editor)
    url = _url("action_delete", team.project, restraining.pk, action.pk)
    assert client.get(url).status_code == 200  # the question, without JavaScript
    response = client.post(url, headers=HTMX)
    assert response.status_code == 200 and 'hx-swap-oob="true"' in response.content.decode()
    assert not ForceAction.objects.exists()
    response = client.post(_url("force_delete", team.project, restraining.pk))
    assert response.status_code == 302
    assert list(Force.objects.all()) == [driving]


def test_change_edits_in_place(client, team):
    client.force_login(team.editor)
    url = _url("change", team.project)
    assert client.get(url, headers=HTMX).status_code == 200
    opened = client.get(url + "?edit=1", headers=HTMX).content.decode()
    assert 'name="change"' in opened
    response = client.post(url, {"change": "Gezonde school", "expected_version": ""}, headers=HTMX)
    assert response.status_code == 200 and "Gezonde school" in response.content.decode()
    assert ForceField.objects.get(project=team.project).change == "Gezonde school"


def test_chart_downloads(client, team, field):
    client.force_login(team.viewer)
    svg = client.get(_url("svg", team.project))
    assert svg["Content-Type"].startswith("image/svg+xml")
    assert svg.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')
    png = client.get(_url("png", team.project))
    assert png.content.startswith(b"\x89PNG")


def test_query_count_does_not_grow_with_the_forces(client, team):
    def queries(project, user) -> int:
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url("page", project)).status_code == 200
        return len(captured)

    _force(team.project)
    for n in range(30):
        party = make_party(team.other_project)
        force = _force(team.other_project, ["driving", "restraining"][n % 2], 1 + n % 5,
                       party=party)
        services.action_create(force=force, data={"description": f"Actie {n}"})
    assert queries(team.project, team.owner) == queries(team.other_project, team.outsider)
    assert queries(team.other_project, team.outsider) <= 10


def test_edit_an_action_without_javascript(client, team, field):
    _driving, restraining, action = field
    client.force_login(team.editor)
    url = _url("action", team.project, restraining.pk, action.pk)
    assert client.get(url).status_code == 200
    prefix = f"action{action.pk}-"
    response = client.post(url, {prefix + "description": "Overleg met de schepen",
                                 prefix + "done": "on", prefix + "expected_version": 1})
    assert response.status_code == 302
    action.refresh_from_db()
    assert (action.description, action.done, action.version) == ("Overleg met de schepen", True, 2)


def test_two_first_edits_of_the_change_conflict(client, team):
    url = _url("change", team.project)
    client.force_login(team.editor)
    assert client.post(url, {"change": "Versie van Bob", "expected_version": ""}).status_code == 302
    client.force_login(team.owner)
    response = client.post(url, {"change": "Versie van Alice", "expected_version": ""})
    assert response.status_code == 400 and response.context["form"].conflict
    assert ForceField.objects.get().change == "Versie van Bob"
