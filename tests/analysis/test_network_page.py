"""The network page: the picture, the table, the filter and the downloads."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from parties.models import Party, Relation
from parties.services import relation_create
from tests.factories import make_party

pytestmark = pytest.mark.django_db


def _url(project, name: str = "network") -> str:
    return reverse(f"analysis:{name}", args=[project.pk])


@pytest.fixture
def bowtie(team):
    p = team.project
    parties = {
        name: make_party(p, name=name)
        for name in ["Anker", "Brug", "Centrum", "Dorp", "Eiland", "Fonds", "Gemeente", "Huis"]
    }
    for a, b, kind in [
        ("Anker", "Centrum", "works_with"),
        ("Anker", "Brug", "works_with"),
        ("Centrum", "Brug", "works_with"),
        ("Brug", "Dorp", "reports_to"),
        ("Brug", "Eiland", "works_with"),
        ("Dorp", "Eiland", "works_with"),
        ("Fonds", "Gemeente", "funds"),
    ]:
        relation_create(project=p, data={"source": parties[a], "target": parties[b], "kind": kind})
    return parties


def test_outsider_gets_404(client, team, bowtie):
    client.force_login(team.outsider)
    for name in ("network", "network_svg", "network_png"):
        assert client.get(_url(team.project, name)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, team):
    response = client.get(_url(team.project))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_viewer_sees_picture_table_brokers_and_loners(client, team, bowtie):
    client.force_login(team.viewer)
    response = client.get(_url(team.project))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="group"' in html and '<title id="network-title">' in html
    assert html.count("<polygon points=") == 2  # the one broker, and its sample in the legend
    party_url = reverse("parties:detail", args=[team.project.pk, bowtie["Brug"].pk])
    assert f'<a href="{party_url}"><title>Brug' in html
    assert 'stroke-dasharray="3 3"' in html  # reports to, told apart without colour
    assert 'style="' not in html and "<script>" not in html
    context = response.context
    assert [n.name for n in context["net"].broker_nodes()] == ["Brug"]
    assert [n.name for n in context["net"].isolated_nodes()] == ["Huis"]
    rows = [n.name for n in context["page"].object_list]
    assert rows[0] == "Brug" and len(rows) == 8
    # Brug lies between 4 of the 21 pairs of the other 7 parties
    assert '<td class="num">0,190</td>' in html  # Dutch is the default
    assert "," not in html.split(' x1="')[1].split('"')[0]  # coordinates are never localised


def test_numbers_follow_the_language(client, team, bowtie):
    client.force_login(team.viewer)
    html = client.get(_url(team.project), headers={"accept-language": "en"}).content.decode()
    assert '<td class="num">0.190</td>' in html


def test_table_sorts_by_name(client, team, bowtie):
    client.force_login(team.viewer)
    response = client.get(_url(team.project) + "?sort=name")
    assert [n.name for n in response.context["page"].object_list][:3] == [
        "Anker",
        "Brug",
        "Centrum",
    ]


def test_filter_by_kind_without_and_with_htmx(client, team, bowtie):
    client.force_login(team.viewer)
    response = client.get(_url(team.project) + "?kind=funds")
    assert response.context["net"].brokers == []
    assert len(response.context["net"].isolated) == 6
    assert 'value="funds" selected' in response.content.decode()
    fragment = client.get(_url(team.project) + "?kind=funds", headers={"HX-Request": "true"})
    body = fragment.content.decode()
    assert body.lstrip().startswith('<div id="network-results"') and "<html" not in body


def test_unknown_kind_shows_all_relations(client, team, bowtie):
    client.force_login(team.viewer)
    response = client.get(_url(team.project) + "?kind=bogus&sort=bogus")
    assert response.status_code == 200
    assert response.context["net"].kind is None
    assert response.context["sort"] == "betweenness"
    kept = client.get(_url(team.project) + "?kind=funds&sort=bogus")
    assert kept.context["net"].kind == "funds"


def test_svg_download(client, team, bowtie):
    client.force_login(team.viewer)
    response = client.get(_url(team.project, "network_svg") + "?kind=works_with")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert "attachment" in response["Content-Disposition"]
    body = response.content.decode()
    assert body.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns=')
    assert 'href="http://testserver/projects/' in body  # links work outside the app


def test_png_download(client, team, bowtie):
    client.force_login(team.viewer)
    response = client.get(_url(team.project, "network_png"))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response.content.startswith(b"\x89PNG\r\n\x1a\n")


def _fill(project, count: int) -> None:
    parties = Party.objects.bulk_create(
        Party(project=project, name=f"Partij {n:04}", sort_name=f"partij {n:04}")
        for n in range(count)
    )
    Relation.objects.bulk_create(
        Relation(project=project, source=parties[n], target=parties[(n * 3 + 1) % count])
        for n in range(count)
        if (n * 3 + 1) % count != n
    )


def test_query_count_does_not_grow_with_the_network(client, team):
    small = team.project
    large = team.other_project
    _fill(small, 5)
    _fill(large, 300)
    counts = []
    for project, user in ((small, team.owner), (large, team.outsider)):
        client.force_login(user)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(_url(project)).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
    # A first visit also stores the figures in the shared cache: a fixed number of queries, five
    # for each entry the database cache writes (the summary, every party, the first page of
    # the table, the list of what is kept, the inputs version and, once per project, its
    # change token).
    assert counts[0] <= 40
    with CaptureQueriesContext(connection) as captured:
        assert client.get(_url(large)).status_code == 200
    assert len(captured) <= 5  # session, user, membership, inputs version, cache lookup
