"""The analysis pages and downloads: who may see them, what they hold, and how many queries."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from analysis.views import ANALYSES
from tests.analysis.test_analysis_selectors import fill
from tests.factories import assess, make_party, make_project, make_segment, make_user

pytestmark = pytest.mark.django_db

CHARTS = [analysis.name for analysis in ANALYSES]
PAGES = ["index", "overview", *CHARTS]
DOWNLOADS = [f"{name}_{fmt}" for name in CHARTS for fmt in ("svg", "png")]
NS = {"svg": "http://www.w3.org/2000/svg"}
EVIL = "<script>alert('x')</script>"


@pytest.fixture(autouse=True)
def _english(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def url(name: str, project) -> str:
    return reverse(f"analysis:{name}", args=[project.pk])


@pytest.fixture
def register(team):
    project = team.project
    newcomers = make_segment(project, name="Newcomers")
    make_segment(project, name="Pregnant women in poverty")
    alderman = make_party(
        project, name="Alderman", layer="board", role="decides", ring="co_decides", kind="person"
    )
    evil = make_party(project, name=EVIL, layer="staff", segments=[newcomers])
    make_party(project, name="Not yet assessed", layer="residents")
    assess(alderman, on=date(2026, 1, 10), power=3, interest=2, attitude=-1)
    assess(alderman, on=date(2026, 3, 10), power=5, interest=2, attitude=0)
    assess(evil, on=date(2026, 2, 1), power=2, interest=5, attitude=2)
    return project


def test_viewer_sees_every_page(client, team, register):
    client.force_login(team.viewer)
    for name in PAGES:
        response = client.get(url(name, register))
        assert response.status_code == 200, name
        html = response.content.decode()
        assert "<script>alert" not in html, name
        assert ' style="' not in html, name


@pytest.mark.parametrize("name", PAGES + DOWNLOADS)
def test_outsider_gets_404(client, team, register, name):
    client.force_login(team.outsider)
    assert client.get(url(name, register)).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, register):
    for name in PAGES + DOWNLOADS:
        response = client.get(url(name, register))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_pages_only_answer_reading(client, team, register):
    client.force_login(team.owner)
    for name in PAGES + DOWNLOADS:
        assert client.post(url(name, register)).status_code == 405, name


@pytest.mark.parametrize("name", CHARTS)
def test_page_shows_the_chart_a_table_and_downloads(client, team, register, name):
    client.force_login(team.viewer)
    html = client.get(url(name, register)).content.decode()
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in html and 'role="group"' in html
    assert "<table" in html
    assert url(f"{name}_svg", register) in html and url(f"{name}_png", register) in html
    assert "How to read it" in html


@pytest.mark.parametrize("name", CHARTS)
def test_svg_download(client, team, register, name):
    client.force_login(team.viewer)
    response = client.get(url(f"{name}_svg", register))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("image/svg+xml")
    assert response["Content-Disposition"] == f'attachment; filename="mondzorg-hoogveld-{name}.svg"'
    root = ET.fromstring(response.content)
    # On its own the file links to the party pages with their full address.
    hrefs = [a.get("href") for a in root.findall(".//svg:a", NS)]
    assert hrefs and all(href.startswith("http://testserver/projects/") for href in hrefs)


@pytest.mark.parametrize("name", CHARTS)
def test_png_download(client, team, register, name):
    client.force_login(team.viewer)
    response = client.get(url(f"{name}_png", register))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["Content-Disposition"] == f'attachment; filename="mondzorg-hoogveld-{name}.png"'
    assert response.content.startswith(b"\x89PNG")


def test_grid_page_shows_movement_and_the_threshold(client, team, register):
    client.force_login(team.viewer)
    response = client.get(url("grid", register))
    alderman = next(row.mark for row in response.context["rows"] if row.mark.name == "Alderman")
    assert (alderman.previous_power, alderman.power, alderman.quadrant) == (3, 5, "keep_satisfied")
    register.quadrant_threshold = 5
    register.save()
    response = client.get(url("grid", register))
    quadrants = {c.code: c.count for c in response.context["data"].quadrants}
    assert quadrants == {"manage_closely": 0, "keep_satisfied": 1, "keep_informed": 1, "monitor": 0}


def test_coverage_page_lists_gaps_first_and_the_warnings(client, team, register):
    client.force_login(team.viewer)
    html = client.get(url("coverage", register)).content.decode()
    assert html.index("Pregnant women in poverty") < html.index("Newcomers")
    assert "No party in the layer “management”." in html
    assert "The target group has no voice" in html
    # The alderman was in opposition, but his latest assessment is neutral: no critical voice.
    assert "No critical voice" in html


def test_overview_prints_on_two_sheets(client, team, register):
    client.force_login(team.viewer)
    response = client.get(url("overview", register))
    html = response.content.decode()
    assert html.count('class="sheet"') == 2
    assert html.count('role="group" aria-labelledby') == 3  # grid, support over time, feasibility
    assert [e.name for e in response.context["data"].approach_next] == ["Alderman"]
    assert "Pregnant women in poverty" in html


def test_index_lists_every_analysis(client, team, register):
    client.force_login(team.viewer)
    html = client.get(url("index", register)).content.decode()
    for name in ["overview", *CHARTS]:
        assert url(name, register) in html


def _page_queries(client, name: str, project) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url(name, project)).status_code == 200
    return len(captured)


def test_page_query_counts_do_not_grow_with_the_register(client):
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    fill(small, 5)
    fill(large, 300)
    client.force_login(user)
    for name in PAGES:
        assert _page_queries(client, name, small) == _page_queries(client, name, large), name
    assert _page_queries(client, "grid", large) <= 6
    assert _page_queries(client, "overview", large) <= 9


def test_numbers_and_dates_in_the_users_language(client, team, register, settings):
    # Support index on 10 March: alderman 5 × 0, the other 2 × 2: 4 / 7 ≈ 0.57.
    client.force_login(team.viewer)
    english = client.get(url("support", register)).content.decode()
    assert "+0.57" in english and "March 10, 2026" in english
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    dutch = client.get(url("support", register)).content.decode()
    assert "+0,57" in dutch and "10 maart 2026" in dutch


def test_index_links_to_the_network_and_the_force_field_when_they_exist(client, team, register):
    client.force_login(team.viewer)
    html = client.get(url("index", register)).content.decode()
    for name in ("analysis:network", "forcefield:detail", "forcefield:page"):
        try:
            target = reverse(name, args=[register.pk])
        except NoReverseMatch:
            continue
        assert f'href="{target}"' in html, name
