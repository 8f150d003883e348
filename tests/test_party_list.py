from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties.models import Assessment, Party
from tests.factories import assess, make_party, make_project, make_user

pytestmark = pytest.mark.django_db


def _url(project) -> str:
    return reverse("parties:list", args=[project.pk])


def _fill(project, count: int) -> None:
    """Many parties with an assessment each, built in bulk."""
    parties = Party.objects.bulk_create(
        Party(
            project=project,
            name=f"Partij {n:04}",
            sort_name=f"partij {n:04}",
            layer=["board", "staff"][n % 2],
        )
        for n in range(count)
    )
    assessments = Assessment.objects.bulk_create(
        Assessment(
            party=party,
            assessed_on=date(2026, 3, 1),
            power=1 + n % 5,
            interest=1 + n % 4,
            legitimacy=3,
            urgency=3,
            attitude=n % 5 - 2,
            engagement_current="neutral",
            engagement_desired="supportive",
        )
        for n, party in enumerate(parties)
    )
    for party, assessment in zip(parties, assessments, strict=True):
        party.latest_assessment = assessment
    Party.objects.bulk_update(parties, ["latest_assessment"])


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_the_register(client):
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    _fill(small, 5)
    _fill(large, 500)
    client.force_login(user)
    filters = "?layer=board&sort=-power&q=Partij"
    assert _queries(client, _url(small)) == _queries(client, _url(large))
    assert _queries(client, _url(small) + filters) == _queries(client, _url(large) + filters)
    assert _queries(client, _url(large)) <= 8


def test_list_paginates_and_counts(client, team):
    _fill(team.project, 60)
    client.force_login(team.viewer)
    response = client.get(_url(team.project))
    assert response.context["page"].paginator.count == 60
    assert len(response.context["page"].object_list) == 25
    last = client.get(_url(team.project) + "?page=3")
    assert len(last.context["page"].object_list) == 10


def _names(client, url: str) -> list[str]:
    return [party.name for party in client.get(url).context["page"].object_list]


def test_filters_and_search(client, team):
    project = team.project
    dentist = make_party(project, name="Tandarts Peeters", layer="staff", sector="health_care")
    school = make_party(
        project,
        name="Basisschool De Linde",
        layer="staff",
        sector="education",
        in_core_group=True,
        goals="Gezonde tussendoortjes",
    )
    alderman = make_party(
        project,
        name="Schepen van Welzijn",
        layer="board",
        role="decides",
        ring="co_decides",
        kind="person",
    )
    make_party(project, name="Buurtcomité")
    assess(dentist, power=2, interest=5, attitude=1, engagement_current="supportive")
    assess(school, power=4, interest=4, attitude=2)
    assess(alderman, power=5, interest=2, attitude=-1, engagement_current="resistant")
    client.force_login(team.viewer)
    url = _url(project)
    assert _names(client, url + "?layer=board") == ["Schepen van Welzijn"]
    assert _names(client, url + "?sector=education") == ["Basisschool De Linde"]
    assert _names(client, url + "?role=decides") == ["Schepen van Welzijn"]
    assert _names(client, url + "?ring=co_decides") == ["Schepen van Welzijn"]
    assert _names(client, url + "?attitude=-1") == ["Schepen van Welzijn"]
    assert _names(client, url + "?engagement=supportive") == ["Tandarts Peeters"]
    assert _names(client, url + "?core=yes") == ["Basisschool De Linde"]
    assert _names(client, url + "?quadrant=manage_closely") == ["Basisschool De Linde"]
    assert _names(client, url + "?quadrant=keep_satisfied") == ["Schepen van Welzijn"]
    assert _names(client, url + "?quadrant=keep_informed") == ["Tandarts Peeters"]
    assert _names(client, url + "?quadrant=unassessed") == ["Buurtcomité"]
    assert _names(client, url + "?q=tussendoortjes") == ["Basisschool De Linde"]
    assert _names(client, url + "?q=TANDARTS") == ["Tandarts Peeters"]
    assert _names(client, url + "?sort=-power")[:3] == [
        "Schepen van Welzijn",
        "Basisschool De Linde",
        "Tandarts Peeters",
    ]
    assert _names(client, url + "?sort=attitude")[0] == "Schepen van Welzijn"


def test_quadrant_threshold_is_inclusive_and_per_project(client, team):
    party = make_party(team.project, name="Op de drempel")
    assess(party, power=4, interest=4)
    client.force_login(team.viewer)
    assert _names(client, _url(team.project) + "?quadrant=manage_closely") == ["Op de drempel"]
    team.project.quadrant_threshold = 5
    team.project.save()
    assert _names(client, _url(team.project) + "?quadrant=monitor") == ["Op de drempel"]


def test_unknown_filter_values_are_ignored_not_errors(client, team):
    make_party(team.project, name="Iemand")
    client.force_login(team.viewer)
    response = client.get(_url(team.project) + "?layer=nonsense&attitude=abc&page=999")
    assert response.status_code == 200


def test_htmx_request_gets_only_the_results(client, team):
    make_party(team.project, name="Huis van het Kind")
    client.force_login(team.viewer)
    response = client.get(_url(team.project) + "?q=Huis", headers={"HX-Request": "true"})
    html = response.content.decode()
    assert 'id="results"' in html and "<html" not in html
    assert "Huis van het Kind" in html


def test_name_with_script_tag_is_shown_as_text(client, team):
    make_party(team.project, name="<script>alert('x')</script>")
    client.force_login(team.viewer)
    html = client.get(_url(team.project)).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert" in html


def test_edit_in_place_with_htmx(client, team):
    party = make_party(team.project, name="OCMW", ring="informed")
    client.force_login(team.editor)
    url = reverse("parties:row", args=[team.project.pk, party.pk])
    form = client.get(url + "?edit=1", headers={"HX-Request": "true"})
    assert form.status_code == 200 and b"<select" in form.content
    data = {
        f"row{party.pk}-{k}": v
        for k, v in {
            "layer": "management",
            "sector": "welfare",
            "role": "supplies",
            "ring": "takes_part",
            "in_core_group": "on",
        }.items()
    }
    saved = client.post(url, data, headers={"HX-Request": "true"})
    assert saved.status_code == 200 and b"<select" not in saved.content
    party.refresh_from_db()
    assert (party.ring, party.layer, party.in_core_group) == ("takes_part", "management", True)


def test_edit_in_place_without_javascript_redirects_to_the_list(client, team):
    party = make_party(team.project, name="OCMW")
    client.force_login(team.editor)
    url = reverse("parties:row", args=[team.project.pk, party.pk])
    data = {
        f"row{party.pk}-{k}": v
        for k, v in {
            "layer": "board",
            "sector": "welfare",
            "role": "decides",
            "ring": "co_decides",
        }.items()
    }
    response = client.post(url, data)
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.layer == "board"


def test_edit_in_place_refuses_bad_values_and_changes_nothing(client, team):
    party = make_party(team.project, name="OCMW", layer="staff")
    client.force_login(team.editor)
    url = reverse("parties:row", args=[team.project.pk, party.pk])
    response = client.post(url, {f"row{party.pk}-layer": "king"}, headers={"HX-Request": "true"})
    assert response.status_code == 400
    party.refresh_from_db()
    assert party.layer == "staff"


def test_contributor_and_viewer_cannot_edit_in_place(client, team):
    party = make_party(team.project, name="OCMW")
    url = reverse("parties:row", args=[team.project.pk, party.pk])
    for user in (team.contributor, team.viewer):
        client.force_login(user)
        assert client.get(url + "?edit=1").status_code == 403
        assert client.get(url).status_code == 200


def test_names_sort_the_way_people_read_them(client, team):
    for name in ("Zorgpunt", "apotheek", "École Sainte-Anne", "basisschool", "Ezelsbrug"):
        make_party(team.project, name=name)
    client.force_login(team.viewer)
    assert _names(client, _url(team.project)) == [
        "apotheek",
        "basisschool",
        "École Sainte-Anne",
        "Ezelsbrug",
        "Zorgpunt",
    ]
