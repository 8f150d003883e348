"""The force field's figures and writes: the net force, the checks, the record, the conflicts."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from forcefield import services
from forcefield.models import Force, ForceAction, ForceField
from forcefield.selectors import forcefield
from history.models import Version
from history.services import versions_of
from lib.concurrency import EditConflict
from parties.services import party_delete
from tests.factories import make_party

pytestmark = pytest.mark.django_db


def _force(project, direction: str, strength: int, **data) -> Force:
    return services.force_create(
        project=project,
        data={"direction": direction, "description": f"{direction} {strength}",
              "strength": strength, **data},
    )


def test_net_force_is_driving_minus_restraining(team):
    for strength in (5, 4, 2):
        _force(team.project, "driving", strength)
    for strength in (3, 5):
        _force(team.project, "restraining", strength)
    result = forcefield(team.project)
    assert (result.driving_total, result.restraining_total, result.net) == (11, 8, 3)
    assert [f.strength for f in result.driving] == [5, 4, 2]  # in the order they were added
    assert [f.strength for f in result.restraining] == [3, 5]


def test_a_project_without_force_field_has_nothing_yet(team):
    result = forcefield(team.project)
    assert (result.change, result.forces, result.net) == ("", [], 0)
    assert not ForceField.objects.exists()  # reading makes nothing


def test_result_is_json_safe(team):
    party = make_party(team.project, name="Schepen van Welzijn")
    services.forcefield_update(project=team.project, data={"change": "Gratis tandzorg"})
    force = _force(team.project, "restraining", 4, party=party)
    services.action_create(
        force=force, data={"description": "Gesprek", "who": "Bob", "due_on": date(2026, 5, 1)}
    )
    data = json.loads(json.dumps(asdict(forcefield(team.project))))
    assert data["change"] == "Gratis tandzorg"
    assert data["net"] == -4
    assert data["forces"][0]["party"] == {"id": party.pk, "name": "Schepen van Welzijn"}
    assert data["forces"][0]["actions"][0] == {
        "id": force.actions.get().pk, "description": "Gesprek", "who": "Bob",
        "due_on": "2026-05-01", "done": False,
    }


def test_a_party_of_another_project_is_refused(team):
    foreign = make_party(team.other_project, name="Elders")
    with pytest.raises(ValidationError) as error:
        _force(team.project, "driving", 3, party=foreign)
    assert "party" in error.value.message_dict
    own = _force(team.project, "driving", 3)
    with pytest.raises(ValidationError):
        services.force_update(force=own, data={"party": foreign})
    assert Force.objects.get(pk=own.pk).party is None


def test_a_party_in_the_bin_is_refused_and_no_longer_shown(team):
    party = make_party(team.project, name="Weg")
    force = _force(team.project, "driving", 3, party=party)
    party_delete(party=party)
    party.refresh_from_db()
    assert forcefield(team.project).forces[0].party is None
    with pytest.raises(ValidationError):
        services.force_update(force=force, data={"party": party})


def test_strength_is_1_to_5(team):
    with pytest.raises(ValidationError):
        _force(team.project, "driving", 6)


def test_every_write_is_in_the_project_record(team):
    services.forcefield_update(project=team.project, data={"change": "Rookvrij"}, user=team.editor)
    force = _force(team.project, "driving", 3)
    action = services.action_create(force=force, data={"description": "Brief"}, user=team.editor)
    services.action_update(action=action, data={"done": True}, user=team.editor)
    services.force_update(force=force, data={"strength": 4}, user=team.editor)
    services.force_delete(force=force, user=team.owner)
    actions = list(
        Version.objects.filter(project=team.project).order_by("id").values_list("action", flat=True)
    )
    assert actions == [
        "create", "update",  # the force field, made on its first edit, then its change
        "create", "create", "update", "update",  # force, action, action done, force stronger
        "remove", "remove",  # the action goes with its force
    ]
    changed = versions_of(action).filter(action="update").get()
    assert changed.changes == {"done": [False, True]} and changed.user == team.editor


def test_deleting_a_force_deletes_its_actions(team):
    force = _force(team.project, "restraining", 2)
    services.action_create(force=force, data={"description": "Een"})
    services.action_create(force=force, data={"description": "Twee"})
    services.force_delete(force=force)
    assert not Force.objects.exists() and not ForceAction.objects.exists()


def test_second_edit_from_the_same_version_conflicts(team):
    force = _force(team.project, "driving", 3)
    services.force_update(force=force, data={"strength": 4}, expected_version=1)
    with pytest.raises(EditConflict) as conflict:
        services.force_update(force=force, data={"strength": 1}, expected_version=1)
    assert conflict.value.current.strength == 4
    action = services.action_create(force=force, data={"description": "Bellen"})
    services.action_update(action=action, data={"who": "Bob"}, expected_version=1)
    with pytest.raises(EditConflict):
        services.action_update(action=action, data={"who": "Alice"}, expected_version=1)
    services.forcefield_update(project=team.project, data={"change": "A"}, expected_version=1)
    with pytest.raises(EditConflict):
        services.forcefield_update(project=team.project, data={"change": "B"}, expected_version=1)
    assert ForceField.objects.get().change == "A"
