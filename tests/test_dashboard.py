from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from parties.services import party_create
from projects.models import Membership
from tests.factories import assess, make_party, make_project, make_user
from tests.test_party_list import _fill, _queries

pytestmark = pytest.mark.django_db


def test_query_count_does_not_grow_with_the_register(client):
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    _fill(small, 5)
    _fill(large, 500)
    client.force_login(user)
    for project in (small, large):  # a first visit has no "since" part; count the second
        client.get(reverse("projects:dashboard", args=[project.pk]))
    small_count = _queries(client, reverse("projects:dashboard", args=[small.pk]))
    assert small_count == _queries(client, reverse("projects:dashboard", args=[large.pk]))
    assert small_count <= 15  # 14, and one for the facts the next step reads


def test_counts_by_layer_and_attitude(client, team):
    board = make_party(team.project, name="Schepen", layer="board")
    staff = make_party(team.project, name="Tandarts", layer="staff")
    make_party(team.project, name="Buurtcomité", layer="residents")
    assess(board, attitude=-1)
    assess(staff, attitude=2)
    client.force_login(team.viewer)
    dashboard = client.get(reverse("projects:dashboard", args=[team.project.pk])).context[
        "dashboard"
    ]
    rows = {row.layer: row for row in dashboard.layers}
    assert rows["board"].by_attitude == [0, 1, 0, 0, 0]
    assert rows["staff"].by_attitude == [0, 0, 0, 0, 1]
    assert rows["residents"].unassessed == 1
    assert dashboard.total == 3 and dashboard.assessed == 2
    assert dashboard.attitude_totals == [0, 1, 0, 0, 1]


def test_approach_next_lists_powerful_parties_not_yet_supportive(client, team):
    opponent = make_party(team.project, name="Financiën")
    neutral = make_party(team.project, name="Directie OCMW")
    friend = make_party(team.project, name="Huis van het Kind")
    weak = make_party(team.project, name="Buurtwerk")
    assess(opponent, power=5, attitude=-2)
    assess(neutral, power=4, attitude=0)
    assess(friend, power=5, attitude=2)
    assess(weak, power=2, attitude=-2)
    client.force_login(team.viewer)
    dashboard = client.get(reverse("projects:dashboard", args=[team.project.pk])).context[
        "dashboard"
    ]
    assert [p.name for p in dashboard.approach_next] == ["Financiën", "Directie OCMW"]
    assert dashboard.latest_assessments[0].party == weak


def test_shows_what_colleagues_changed_since_the_last_visit(client, team):
    make_party(team.project, name="Oud")
    client.force_login(team.viewer)
    first = client.get(reverse("projects:dashboard", args=[team.project.pk]))
    assert first.context["dashboard"].since is None
    membership = Membership.objects.get(project=team.project, user=team.viewer)
    assert membership.last_visit_at is not None
    # since that visit a colleague and the viewer themself worked on the register
    Membership.objects.filter(pk=membership.pk).update(last_visit_at=timezone.now())
    new = party_create(project=team.project, data={"name": "Nieuw"}, segments=[], user=team.editor)
    assess(new, by=team.editor)
    party_create(project=team.project, data={"name": "Eigen werk"}, segments=[], user=team.viewer)
    dashboard = client.get(reverse("projects:dashboard", args=[team.project.pk])).context[
        "dashboard"
    ]
    assert dashboard.change_count == 2
    assert {v.object_repr.split(" ")[0] for v in dashboard.changes} == {"Nieuw"}
