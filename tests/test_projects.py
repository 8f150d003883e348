from __future__ import annotations

import pytest
from django.urls import reverse

from projects.models import Membership, Project, Role, TargetSegment
from projects.services import place_kind_and_country
from tests.factories import make_party, make_user

pytestmark = pytest.mark.django_db


def _data(**overrides) -> dict:
    data = {
        "title": "Gezonde tanden in Hoogveld",
        "theme": "oral_health",
        "target_group": "Gezinnen met jonge kinderen in armoede",
        "start_date": "2026-02-01",
        "vision": "Elk kind in Hoogveld groeit op met gezonde tanden.",
        "quadrant_threshold": "4",
        "places_text": "Hoogveld; 46099\nWijk De Brem\n",
        "new_organisation": "Stad Hoogveld",
    }
    data.update(overrides)
    return data


def test_a_user_creates_a_project_and_becomes_its_owner(client):
    user = make_user("alice")
    client.force_login(user)
    response = client.post(reverse("projects:create"), _data())
    project = Project.objects.get()
    assert response["Location"] == reverse("projects:dashboard", args=[project.pk])
    assert Membership.objects.get(project=project, user=user).role == Role.OWNER
    assert sorted((p.name, p.code) for p in project.places.all()) == [
        ("Hoogveld", "46099"),
        ("Wijk De Brem", ""),
    ]
    assert [o.name for o in user.organisations.all()] == ["Stad Hoogveld"]
    assert project.organisation.name == "Stad Hoogveld"


def test_a_project_can_belong_to_one_of_the_users_organisations(client, team):
    client.force_login(team.owner)
    organisation = team.project.organisation
    organisation.members.add(team.owner)
    data = _data(title="Tweede", organisation=organisation.pk, new_organisation="")
    client.post(reverse("projects:create"), data)
    assert Project.objects.get(title="Tweede").organisation == organisation


def test_an_organisation_is_needed_and_a_foreign_one_is_refused(client, team):
    client.force_login(team.owner)
    response = client.post(reverse("projects:create"), _data(new_organisation=""))
    assert response.status_code == 400
    foreign = team.other_project.organisation
    response = client.post(
        reverse("projects:create"), _data(organisation=foreign.pk, new_organisation="")
    )
    assert response.status_code == 400
    assert Project.objects.count() == 2


def test_official_codes_tell_country_and_kind():
    assert place_kind_and_country("GM0363") == ("municipality", "NL")
    assert place_kind_and_country("wk036300") == ("district", "NL")
    assert place_kind_and_country("46029") == ("municipality", "BE")
    assert place_kind_and_country("46029A00") == ("district", "BE")


def test_own_theme_needs_a_name(client):
    client.force_login(make_user("alice"))
    response = client.post(reverse("projects:create"), _data(theme="other"))
    assert response.context["form"].errors["theme_other"]
    response = client.post(
        reverse("projects:create"), _data(theme="other", theme_other="Zonnebrand")
    )
    assert Project.objects.get().theme_label == "Zonnebrand"


@pytest.mark.parametrize(
    "overrides",
    [
        {"title": ""},
        {"quadrant_threshold": "9"},
        {"start_date": "gisteren"},
        {"places_text": "Hoogveld; 46099; extra"},
        {"theme": "astrology"},
    ],
)
def test_bad_input_is_refused_and_nothing_is_created(client, overrides):
    client.force_login(make_user("alice"))
    response = client.post(reverse("projects:create"), _data(**overrides))
    assert response.status_code == 400 and response.context["form"].errors
    assert not Project.objects.exists()


def test_editor_edits_the_project_and_vision(client, team):
    client.force_login(team.editor)
    url = reverse("projects:edit", args=[team.project.pk])
    form = client.get(url)
    assert form.status_code == 200
    client.post(url, _data(vision="Samen voor gezonde tanden."))
    team.project.refresh_from_db()
    assert team.project.vision == "Samen voor gezonde tanden."


def test_about_page_shows_core_group_with_what_each_keeps(client, team):
    make_party(
        team.project,
        name="Huis van het Kind",
        in_core_group=True,
        own_identity="Blijft zelf het gezinsaanbod organiseren",
    )
    make_party(team.project, name="Apotheek", in_core_group=False)
    client.force_login(team.viewer)
    html = client.get(reverse("projects:about", args=[team.project.pk])).content.decode()
    assert "Blijft zelf het gezinsaanbod organiseren" in html
    assert "Apotheek" not in html


def test_project_list_shows_only_own_projects(client, team):
    client.force_login(team.viewer)
    html = client.get("/").content.decode()
    assert "Mondzorg Hoogveld" in html and "Elders" not in html


def test_segments_added_by_editor_and_unique_per_project(client, team):
    url = reverse("projects:segments", args=[team.project.pk])
    client.force_login(team.editor)
    client.post(url, {"name": "Nieuwkomers", "description": ""})
    duplicate = client.post(url, {"name": "nieuwkomers", "description": ""})
    assert duplicate.status_code == 400
    assert TargetSegment.objects.filter(project=team.project).count() == 1
    client.force_login(team.viewer)
    assert client.post(url, {"name": "Andere"}).status_code == 403
