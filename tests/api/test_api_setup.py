"""An integrator sets a project up through the API alone: the project, its members, parties
with the target-group flag, forces, the directory and the bin."""

from __future__ import annotations

import pytest

from forcefield.models import Force
from forcefield.services import force_create
from history.models import Version
from parties.models import Party
from parties.services import party_delete
from planning.models import HelperEntry
from planning.services import helper_create
from projects.models import Membership, Organisation, Project, Role
from tests.api.conftest import field_errors
from tests.factories import make_party, make_user

pytestmark = pytest.mark.django_db


# Projects and members ----------------------------------------------------------------------


def test_a_user_starts_a_project_and_becomes_its_owner(api, team):
    body = {"title": "Bewegen in Zuid", "theme": "physical_activity", "new_organisation": "GGD"}
    response = api.post("/projects", team.outsider, body)
    assert response.status_code == 201, response.content
    assert response.json()["role"] == "owner" and response["ETag"] == '"1"'
    project = Project.objects.get(title="Bewegen in Zuid")
    assert project.organisation.name == "GGD"
    assert project.memberships.get().user == team.outsider
    assert Version.objects.filter(project_id=project.pk, action="create").exists()


def test_a_project_needs_an_organisation_of_the_user_and_a_named_own_theme(api, team):
    foreign = Organisation.objects.create(name="Niet de mijne")
    body = {"title": "X", "theme": "other", "theme_other": "Slaap", "organisation": foreign.pk}
    assert "organisation" in field_errors(api.post("/projects", team.outsider, body))
    assert "new_organisation" in field_errors(
        api.post("/projects", team.outsider, {"title": "X", "theme": "smoking"})
    )
    body = {"title": "X", "theme": "other", "new_organisation": "GGD"}
    assert "theme_other" in field_errors(api.post("/projects", team.outsider, body))
    assert not Project.objects.filter(title="X").exists()


def test_the_owner_invites_a_member_by_e_mail_as_on_the_page(
    api, team, mailoutbox, django_capture_on_commit_callbacks
):
    make_user("fien", email="Fien@Example.org")
    url = f"/projects/{team.project.pk}/members"
    body = {"email": "fien@example.org", "role": "editor"}
    assert api.post(url, team.editor, body).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(url, team.owner, body)
    assert response.status_code == 202, response.content
    assert response.json() == {"email": "fien@example.org", "role": "editor", "outcome": "invited"}
    invitation = team.project.invitations.get()
    assert invitation.role == Role.EDITOR
    # Nobody joins without accepting the link that was mailed.
    assert not Membership.objects.filter(project=team.project, user__username="fien").exists()
    assert invitation.token in mailoutbox[0].body
    assert api.post(url, team.owner, body).json()["outcome"] == "renewed"


def test_an_address_that_has_no_account_gets_the_same_answer(api, team, mailoutbox):
    url = f"/projects/{team.project.pk}/members"
    response = api.post(url, team.owner, {"email": "nobody@example.org", "role": "viewer"})
    assert response.status_code == 202 and response.json()["outcome"] == "invited"


def test_a_malformed_address_or_a_member_changes_nothing(api, team):
    url = f"/projects/{team.project.pk}/members"
    before = Membership.objects.count()
    for email in ("geen adres", team.viewer.email):
        body = {"email": email, "role": "viewer"}
        assert "email" in field_errors(api.post(url, team.owner, body))
    assert Membership.objects.count() == before
    assert not team.project.invitations.exists()


# The target-group flag ---------------------------------------------------------------------


def test_a_party_can_speak_for_the_target_group(api, team):
    url = f"/projects/{team.project.pk}/parties"
    response = api.post(url, team.owner, {"name": "Bewonersgroep", "speaks_for_target_group": True})
    assert response.status_code == 201 and response.json()["speaks_for_target_group"] is True
    party = Party.objects.get()
    assert party.speaks_for_target_group
    changed = api.patch(
        f"{url}/{party.pk}", team.owner, {"speaks_for_target_group": False}, if_match=1
    )
    assert changed.json()["speaks_for_target_group"] is False
    assert "speaks_for_target_group" in field_errors(
        api.patch(f"{url}/{party.pk}", team.owner, {"speaks_for_target_group": "ja"}, if_match=2)
    )


# Forces ------------------------------------------------------------------------------------


def test_forces_are_listed_added_changed_and_deleted(api, team):
    url = f"/projects/{team.project.pk}/forcefield/forces"
    party = make_party(team.project, name="Wethouder")
    body = {"description": "Steun van de wethouder", "strength": 4, "party": party.pk}
    assert api.post(url, team.contributor, body).status_code == 403
    created = api.post(url, team.editor, body)
    assert created.status_code == 201, created.content
    force = created.json()
    assert (force["direction"], force["party"]["name"], force["order"]) == (
        "driving",
        "Wethouder",
        1,
    )
    listed = api.get(url, team.viewer, direction="driving").json()
    assert [item["id"] for item in listed["items"]] == [force["id"]]
    force_url = f"{url}/{force['id']}"
    assert api.patch(force_url, team.editor, {"strength": 2}).status_code == 428
    changed = api.patch(force_url, team.editor, {"strength": 2}, if_match=1)
    assert changed.json()["strength"] == 2 and changed["ETag"] == '"2"'
    assert "strength" in field_errors(api.patch(force_url, team.editor, {"strength": "2"}))
    assert api.delete(force_url, team.editor, if_match=2).status_code == 204
    assert not Force.objects.exists()


def test_a_force_names_a_party_of_its_own_project(api, team):
    foreign = make_party(team.other_project, name="Geheim")
    url = f"/projects/{team.project.pk}/forcefield/forces"
    body = {"description": "X", "party": foreign.pk}
    assert "party" in field_errors(api.post(url, team.owner, body))
    assert not Force.objects.exists()


# Who can help ------------------------------------------------------------------------------


@pytest.fixture
def organisation(team) -> Organisation:
    organisation = team.project.organisation
    organisation.members.add(team.owner)
    return organisation


def test_the_directory_lists_and_searches(api, team, organisation):
    helper_create(
        organisation=organisation,
        data={"name": "Buurtsportcoach", "region": "netherlands", "helps_with": "Sport in de wijk"},
    )
    everything = api.get("/helpers", team.owner).json()
    assert "Buurtsportcoach" in [entry["name"] for entry in everything]
    found = api.get("/helpers", team.owner, q="wijk sport").json()
    assert [entry["name"] for entry in found] == ["Buurtsportcoach"]
    assert found[0]["shipped"] is False
    theirs = [entry["name"] for entry in api.get("/helpers", team.outsider).json()]
    assert "Buurtsportcoach" not in theirs


def test_an_organisation_adds_changes_and_deletes_its_own_entries(api, team, organisation):
    body = {
        "name": "Tandartsenkring",
        "region": "flanders",
        "helps_with": "Mondzorg\nvoor iedereen",
        "website": "tandartsen.example",
        "themes": ["oral_health"],
    }
    assert api.post("/helpers", team.outsider, body).status_code == 403  # no organisation
    created = api.post("/helpers", team.owner, body)
    assert created.status_code == 201, created.content
    entry = created.json()
    assert entry["website"] == "https://tandartsen.example"
    assert entry["organisation"]["id"] == organisation.pk
    url = f"/helpers/{entry['id']}"
    assert api.get(url, team.outsider).status_code == 404
    assert api.patch(url, team.owner, {"contact": "info@example.org"}).status_code == 428
    changed = api.patch(url, team.owner, {"contact": "info@example.org"}, if_match=1)
    assert changed.status_code == 200 and changed["ETag"] == '"2"'
    assert api.patch(url, team.owner, {"contact": "x"}, if_match=1).status_code == 412
    assert api.delete(url, team.owner, if_match=2).status_code == 204
    assert not HelperEntry.objects.filter(pk=entry["id"]).exists()


def test_a_shipped_entry_cannot_be_changed(api, team, organisation):
    shipped = HelperEntry.objects.filter(organisation__isnull=True).first()
    assert shipped is not None
    url = f"/helpers/{shipped.pk}"
    assert api.get(url, team.owner).status_code == 200
    assert api.patch(url, team.owner, {"name": "Mijn"}, if_match=1).status_code == 403
    assert api.delete(url, team.owner, if_match=1).status_code == 403


# The bin -----------------------------------------------------------------------------------


def test_the_bin_lists_and_restores(api, team):
    party = make_party(team.project, name="Bibliotheek")
    party_delete(party=party, user=team.editor)
    url = f"/projects/{team.project.pk}/bin"
    [item] = api.get(url, team.viewer).json()
    assert (item["kind"], item["id"], item["name"], item["deleted_by"]) == (
        "party",
        party.pk,
        "Bibliotheek",
        "Bob",
    )
    restore = f"{url}/party/{party.pk}/restore"
    assert api.post(restore, team.viewer).status_code == 403
    response = api.post(restore, team.editor)
    assert response.status_code == 200 and response.json()["deleted_at"] is None
    assert Party.objects.filter(pk=party.pk).exists()
    assert api.get(url, team.viewer).json() == []
    assert api.post(restore, team.editor).status_code == 404  # no longer in the bin
    assert Version.objects.filter(object_id=party.pk, action="restore").exists()


def test_restoring_needs_a_kind_and_object_of_this_project(api, team):
    theirs = make_party(team.other_project, name="Elders")
    party_delete(party=theirs)
    url = f"/projects/{team.project.pk}/bin"
    assert api.post(f"{url}/party/{theirs.pk}/restore", team.owner).status_code == 404
    assert api.post(f"{url}/nothing/{theirs.pk}/restore", team.owner).status_code == 404
    assert not Party.objects.filter(pk=theirs.pk).exists()


def test_forces_stay_out_of_the_bin(api, team):
    force = force_create(project=team.project, data={"description": "Weerstand", "strength": 2})
    url = f"/projects/{team.project.pk}/forcefield/forces/{force.pk}"
    assert api.delete(url, team.owner, if_match=1).status_code == 204
    assert api.get(f"/projects/{team.project.pk}/bin", team.owner).json() == []
