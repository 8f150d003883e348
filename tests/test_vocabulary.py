"""A project speaks the words of its country; the analysis pages speak plain Dutch."""

from __future__ import annotations

import html
import re

import pytest
from django.urls import reverse
from django.utils import translation

from analysis.views import ANALYSES
from parties.models import Party
from projects.demo import DEMO_PASSWORD, DEMO_USERNAME, demo_load
from projects.models import Place, Project
from projects.services import place_get_or_create
from projects.vocabulary import WORDS, project_country, word
from tests.factories import make_party, make_project, make_user

DUTCH_WORDS = ["wethouder", "college van B&amp;W", "GGD"]
FLEMISH_WORDS = ["schepen", "schepencollege", "Logo"]


@pytest.fixture
def owner(db):
    return make_user("alice")


def _project(owner, country: str) -> Project:
    return make_project(owner, title=f"Project {country}", country=country)


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.django_db
def test_every_word_has_a_term_for_each_country_and_for_either():
    for key, terms in WORDS.items():
        assert set(terms) == {"NL", "BE", ""}, key


@pytest.mark.django_db
def test_the_words_follow_the_country_in_dutch_and_in_english(owner):
    dutch, flemish, unknown = (_project(owner, country) for country in ("NL", "BE", ""))
    with translation.override("nl"):
        assert word(dutch, "alderman") == "wethouder"
        assert word(dutch, "executive") == "college van B&W"
        assert word(dutch, "health_service") == "GGD"
        assert word(flemish, "alderman") == "schepen"
        assert word(flemish, "executive") == "schepencollege"
        assert word(flemish, "health_service") == "Logo"
        assert word(unknown, "alderman") == "wethouder of schepen"
        assert word(dutch, "council") == word(flemish, "council") == "gemeenteraad"
    with translation.override("en"):
        assert word(dutch, "alderman") == "alderman (wethouder)"
        assert word(flemish, "alderman") == "alderman (schepen)"
        assert word(unknown, "alderman") == "alderman"


@pytest.mark.django_db
def test_without_a_country_the_places_codes_decide(owner):
    project = make_project(owner)
    assert project_country(project) == ""
    project.places.add(place_get_or_create(name="Zuiderhaven", code="GM0363"))
    assert project_country(Project.objects.get(pk=project.pk)) == "NL"
    project.places.add(place_get_or_create(name="Hoogveld", code="46029"))
    # Places in both countries: the project names both.
    assert project_country(Project.objects.get(pk=project.pk)) == ""


@pytest.mark.django_db
def test_the_country_set_on_the_project_wins_over_the_places(owner):
    project = _project(owner, "BE")
    project.places.add(place_get_or_create(name="Zuiderhaven", code="GM0363"))
    assert project_country(project) == "BE"


@pytest.mark.parametrize(
    ("country", "present", "absent"),
    [("NL", DUTCH_WORDS, FLEMISH_WORDS), ("BE", FLEMISH_WORDS, DUTCH_WORDS)],
)
def test_the_party_form_names_the_local_bodies_of_the_country(
    client, owner, country, present, absent
):
    project = _project(owner, country)
    text = _page(client, owner, reverse("parties:create", args=[project.pk]))
    for term in present:
        assert term in text
    for term in absent:
        assert not re.search(rf"\b{re.escape(term)}\b", text), term


@pytest.mark.parametrize(
    ("country", "present", "absent"),
    [
        ("NL", ["wethouders", "college van B&amp;W"], ["schepen"]),
        ("BE", ["schepenen", "schepencollege"], ["wethouder", "college van B&amp;W"]),
    ],
)
def test_the_dashboard_explains_the_layers_in_the_country_s_words(
    client, owner, country, present, absent
):
    project = _project(owner, country)
    make_party(project, name="Buurtwerk")  # the table by layer shows once there are parties
    text = _page(client, owner, reverse("projects:dashboard", args=[project.pk]))
    for term in present:
        assert term in text
    for term in absent:
        assert term not in text


def test_the_board_overview_names_the_country_s_alderman(client, owner):
    dutch, flemish = _project(owner, "NL"), _project(owner, "BE")
    assert "bestuur of wethouder:" in _page(
        client, owner, reverse("analysis:overview", args=[dutch.pk])
    )
    assert "bestuur of schepen:" in _page(
        client, owner, reverse("analysis:overview", args=[flemish.pk])
    )


def test_a_place_without_a_code_takes_the_country_chosen_for_the_project(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("projects:create"),
        {
            "title": "Gezond gewicht",
            "new_organisation": "Gemeente Zuiderhaven",
            "theme": "healthy_weight",
            "country": "NL",
            "places_text": "Zuiderhaven\nHoogveld; 46029",
            "quadrant_threshold": 4,
        },
    )
    assert response.status_code == 302
    project = Project.objects.get(title="Gezond gewicht")
    assert project.theme == Project.Theme.HEALTHY_WEIGHT
    countries = dict(project.places.values_list("name", "country"))
    # The code still decides where there is one.
    assert countries == {"Zuiderhaven": "NL", "Hoogveld": "BE"}


def test_the_new_themes_and_sectors_are_offered(client, owner):
    project = _project(owner, "NL")
    text = _page(client, owner, reverse("projects:create"))
    for label in ("gezond gewicht", "sport", "welzijn op recept"):
        assert f">{label}</option>" in text, label
    text = _page(client, owner, reverse("parties:create", args=[project.pk]))
    for label in ("sport en bewegen", "zorgverzekeraars en ziekenfondsen", "jeugdwerk"):
        assert f">{label}</option>" in text, label
    assert Party.Sector.SPORT in Party.Sector.values


@pytest.mark.django_db
def test_the_demo_has_a_dutch_and_a_flemish_project():
    flemish, _created = demo_load()
    demo_projects = Project.objects.filter(memberships__user__username=DEMO_USERNAME)
    assert sorted(project_country(p) for p in demo_projects) == ["BE", "NL"]
    assert project_country(flemish) == "BE"
    dutch = demo_projects.get(country="NL")
    assert dutch.places.filter(country=Place.Country.NL).exists()
    assert dutch.parties.filter(name__startswith="Wethouder").exists()
    assert dutch.parties.filter(name__startswith="GGD").exists()
    assert dutch.parties.exclude(latest_assessment=None).count() >= 15


# Jargon a policy officer would not know, and where the scholarly name may still stand.
JARGON = {
    "saillantie": "saillantie (mitchell e.a.)",
    "gevaarlijk": None,
    "nettokracht": None,
    "nettosterkte": None,
    "bijdrager": None,
    "redacteur": None,
    "krachtenveldanalyse": "krachtenveldanalyse van kurt lewin",
    "σ(": None,
    "|houding|": None,
}


def _visible_text(page: str) -> str:
    # Only what a reader sees: no markup, no scripts, entities resolved.
    page = re.sub(r"<(script|style)\b.*?</\1>", " ", page, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", page)).lower()


@pytest.mark.django_db
def test_no_jargon_on_the_analysis_pages_in_dutch(client):
    project, _created = demo_load()
    assert client.login(username=DEMO_USERNAME, password=DEMO_PASSWORD)
    urls = [reverse("analysis:index", args=[project.pk])]
    urls += [reverse(f"analysis:{analysis.name}", args=[project.pk]) for analysis in ANALYSES]
    urls += [
        reverse("forcefield:page", args=[project.pk]),
        reverse("projects:members", args=[project.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = _visible_text(response.content.decode())
        for jargon, allowed in JARGON.items():
            if allowed:
                text = text.replace(allowed, "")
            assert jargon not in text, (url, jargon)


@pytest.mark.django_db
def test_the_country_survives_backup_and_restore_and_an_older_backup_restores(owner, tmp_path):
    import gzip
    import json

    from django.core.management import call_command

    project = _project(owner, "NL")
    path = tmp_path / "project.json.gz"
    call_command("backup", project.pk, path)
    project.delete()
    call_command("restore", path)
    assert Project.objects.get(title="Project NL").country == "NL"

    # A backup written before projects had a country restores with the country left empty.
    data = json.loads(gzip.decompress(path.read_bytes()))
    del data["project"]["country"]
    path.write_bytes(gzip.compress(json.dumps(data).encode()))
    call_command("restore", path, "--replace")
    assert Project.objects.get(title="Project NL").country == ""
