"""The project's contact timeline: filters, pages of 25, a fixed number of queries."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagement.models import ContactMoment
from tests.engagement.bulk import fill_moments
from tests.engagement.conftest import HTMX, days
from tests.engagement.factories import make_moment
from tests.factories import make_party, make_project, make_user
from tests.test_party_list import _queries

pytestmark = pytest.mark.django_db


def _url(project) -> str:
    return reverse("engagement:timeline", args=[project.pk])


def _discussed(client, url: str) -> list[str]:
    return [moment.discussed for moment in client.get(url).context["page"].object_list]


@pytest.fixture
def moments(team, party, other_party):
    make_moment(team.project, [party], kind="one_to_one", date=days(-40), discussed="A",
                members=[team.owner])
    make_moment(team.project, [other_party], kind="meeting", date=days(-20), discussed="B",
                members=[team.editor])
    make_moment(team.project, [party, other_party], kind="presentation", date=days(-5),
                discussed="C", members=[team.owner, team.editor])
    binned = make_moment(team.project, [party], date=days(-1), discussed="In de prullenbak")
    from engagement.services import moment_delete

    moment_delete(moment=binned)


def test_all_contacts_newest_first_without_the_bin(client, team, moments):
    client.force_login(team.viewer)
    assert _discussed(client, _url(team.project)) == ["C", "B", "A"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=meeting", ["B"]),
        ("kind=presentation", ["C"]),
        ("start={-25}", ["C", "B"]),
        ("end={-10}", ["B", "A"]),
        ("start={-25}&end={-10}", ["B"]),
    ],
)
def test_filters_by_kind_and_period(client, team, moments, query, expected):
    for offset in (-25, -10):
        query = query.replace(f"{{{offset}}}", days(offset).isoformat())
    client.force_login(team.viewer)
    assert _discussed(client, _url(team.project) + "?" + query) == expected


def test_filters_by_party_and_member(client, team, party, other_party, moments):
    client.force_login(team.viewer)
    url = _url(team.project)
    assert _discussed(client, f"{url}?party={party.pk}") == ["C", "A"]
    assert _discussed(client, f"{url}?party={other_party.pk}") == ["C", "B"]
    assert _discussed(client, f"{url}?member={team.editor.pk}") == ["C", "B"]
    assert _discussed(client, f"{url}?member={team.owner.pk}&kind=one_to_one") == ["A"]


def test_a_party_of_another_project_is_no_filter(client, team, moments):
    foreign = make_party(team.other_project)
    client.force_login(team.viewer)
    response = client.get(f"{_url(team.project)}?party={foreign.pk}")
    assert response.status_code == 200
    assert "party" in response.context["form"].errors


def test_htmx_gets_only_the_results(client, team, moments):
    client.force_login(team.viewer)
    response = client.get(_url(team.project) + "?kind=meeting", headers=HTMX)
    html = response.content.decode()
    assert html.lstrip().startswith('<section id="results"')
    assert "<html" not in html


def test_pages_of_25(client, team, party):
    fill_moments(team.project, [party], 60)
    client.force_login(team.viewer)
    response = client.get(_url(team.project))
    assert response.context["page"].paginator.count == 60
    assert len(response.context["page"].object_list) == 25
    assert len(client.get(_url(team.project) + "?page=3").context["page"].object_list) == 10


def test_quick_entry_on_the_timeline_needs_a_party(client, team, party):
    client.force_login(team.contributor)
    data = {
        "quick-kind": "email",
        "quick-date": days(0).isoformat(),
        "quick-discussed": "Mail met de nota",
    }
    response = client.post(_url(team.project), data)
    assert response.status_code == 400
    assert "party" in response.context["quick_form"].errors
    response = client.post(_url(team.project), {**data, "quick-party": party.pk})
    assert response.status_code == 302
    moment = ContactMoment.objects.get()
    assert list(moment.parties.all()) == [party] and moment.kind == "email"


def test_query_count_does_not_grow_with_the_timeline(client):
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    for project, count in ((small, 5), (large, 300)):
        parties = [make_party(project, name=f"Partij {n}") for n in range(3)]
        fill_moments(project, parties, count, user=user)
    client.force_login(user)
    assert _queries(client, _url(small)) == _queries(client, _url(large))
    filtered = "?kind=meeting&start=2020-01-01"
    assert _queries(client, _url(small) + filtered) == _queries(client, _url(large) + filtered)
    assert _queries(client, _url(large)) <= 16
