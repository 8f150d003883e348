from __future__ import annotations

import gzip

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from history.models import Version
from parties.models import Party, Relation
from parties.services import party_delete, party_update, relation_create
from projects.backup import backup_data
from projects.models import Project
from tests.factories import assess, make_contact, make_party, make_segment

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


@pytest.fixture
def full_project(team):
    project = team.project
    segment = make_segment(project, name="Nieuwkomers")
    school = make_party(project, name="Basisschool", segments=[segment], in_core_group=True)
    ocmw = make_party(project, name="OCMW", goals="Armoede")
    gone = make_party(project, name="Weg")
    make_contact(school, name="An", email="an@example.org", do_not_contact=True)
    assess(school, by=team.editor, attitude=2)
    assess(ocmw, attitude=-1)
    relation_create(
        project=project,
        data={"source": school, "target": ocmw, "kind": "works_with", "strength": 4},
    )
    party_update(party=ocmw, data={"layer": "board"}, user=team.owner)
    party_delete(party=gone, user=team.editor)
    project.places.create(name="Hoogveld", code="46029")
    return project


def test_backup_then_restore_recreates_the_project_identically(full_project, tmp_path):
    before = backup_data(full_project)
    path = tmp_path / "project.json.gz"
    call_command("backup", full_project.pk, path)
    full_project.delete()
    call_command("restore", path)
    restored = Project.objects.get(uid=before["project"]["uid"])
    assert backup_data(restored) == before
    assert Party.everything.filter(project=restored).count() == 3
    assert Party.objects.filter(project=restored).count() == 2  # the bin stays the bin
    assert Relation.objects.filter(project=restored).count() == 1
    assert Version.objects.filter(project=restored).count() == len(before["tables"]["versions"])
    school = Party.objects.get(project=restored, name="Basisschool")
    assert school.latest_assessment.attitude == 2
    assert restored.memberships.count() == 4


def test_restoring_onto_a_live_project_is_refused_unless_asked(full_project, tmp_path):
    path = tmp_path / "project.json.gz"
    call_command("backup", full_project.pk, path)
    Party.objects.filter(project=full_project, name="OCMW").update(goals="Na de backup")
    with pytest.raises(CommandError, match="still exists"):
        call_command("restore", path)
    assert Party.objects.get(project=full_project, name="OCMW").goals == "Na de backup"
    call_command("restore", path, "--replace")
    restored = Project.objects.get(uid=full_project.uid)
    assert Party.objects.get(project=restored, name="OCMW").goals == "Armoede"
    assert Project.objects.filter(uid=full_project.uid).count() == 1


def test_a_file_that_is_not_a_backup_is_refused(tmp_path, team):
    bad = tmp_path / "bad.json.gz"
    bad.write_bytes(b"not gzip at all")
    with pytest.raises(CommandError, match="not a Draagvlak backup"):
        call_command("restore", bad)
    other = tmp_path / "other.json.gz"
    with gzip.open(other, "wt") as stream:
        stream.write('{"format": "something-else"}')
    with pytest.raises(CommandError, match="not a Draagvlak backup"):
        call_command("restore", other)
    assert Project.objects.count() == 2


def test_every_part_of_a_project_survives_backup_and_restore(team, tmp_path):
    from tests.walkers import project_object_ids

    project_object_ids(team)  # one object of every kind: plan, contacts, reviews, forces …
    before = backup_data(team.project)
    assert all(
        before["tables"][name]
        for name in (
            "forces",
            "contact_moments",
            "commitments",
            "reviews",
            "plan_actions",
            "successes",
            "board_profiles",
            "decision_moments",
            "board_reports",
        )
    )
    path = tmp_path / "everything.json.gz"
    call_command("backup", team.project.pk, path)
    team.project.delete()
    call_command("restore", path)
    assert backup_data(Project.objects.get(uid=before["project"]["uid"])) == before


def test_the_demo_survives_backup_and_restore(tmp_path):
    from projects.demo import demo_load

    project, _created = demo_load()
    before = backup_data(project)
    path = tmp_path / "demo.json.gz"
    call_command("backup", project.pk, path)
    project.delete()
    call_command("restore", path)
    assert backup_data(Project.objects.get(uid=before["project"]["uid"])) == before


def _restore_elsewhere(project, tmp_path, *gone) -> object:
    """Back the project up, then remove it and the given users, as in a database that never
    had them."""
    path = tmp_path / "project.json.gz"
    call_command("backup", project.pk, path)
    project.delete()
    for user in gone:
        user.delete()
    return path


def test_a_restore_without_the_backups_owner_makes_the_restoring_user_owner(
    full_project, team, tmp_path
):
    from io import StringIO

    from projects.models import Membership

    uid = full_project.uid
    path = _restore_elsewhere(full_project, tmp_path, team.owner, team.editor)
    out = StringIO()
    call_command("restore", path, "--owner", team.outsider.username, stdout=out)
    restored = Project.objects.get(uid=uid)
    assert Membership.objects.get(project=restored, role="owner").user == team.outsider
    assert set(restored.memberships.values_list("user__username", "role")) == {
        ("eve", "owner"),
        ("carla", "contributor"),
        ("dirk", "viewer"),
    }
    report = out.getvalue()
    assert "eve is its owner" in report
    assert "alice (owner)" in report and "bob (editor)" in report


def test_without_owner_the_oldest_superuser_becomes_owner(full_project, team, tmp_path):
    from tests.factories import make_user

    root = make_user("root", is_superuser=True, is_staff=True)
    uid = full_project.uid
    path = _restore_elsewhere(full_project, tmp_path, team.owner)
    call_command("restore", path)
    restored = Project.objects.get(uid=uid)
    assert restored.memberships.get(role="owner").user == root


def test_a_restore_that_would_leave_no_owner_is_refused(full_project, team, tmp_path):
    uid = full_project.uid
    path = _restore_elsewhere(full_project, tmp_path, team.owner)
    with pytest.raises(CommandError, match="--owner USER"):
        call_command("restore", path)
    assert not Project.objects.filter(uid=uid).exists()
    with pytest.raises(CommandError, match="There is no user nobody"):
        call_command("restore", path, "--owner", "nobody")


def test_a_restore_with_its_owner_present_adds_nobody(full_project, team, tmp_path):
    before = backup_data(full_project)
    path = _restore_elsewhere(full_project, tmp_path, team.editor)
    call_command("restore", path, "--owner", team.outsider.username)
    restored = Project.objects.get(uid=before["project"]["uid"])
    assert restored.memberships.get(role="owner").user == team.owner
    assert not restored.memberships.filter(user=team.outsider).exists()
