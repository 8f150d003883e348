"""The first text of the direction names only the means the plan asks for."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import override

from evidence import brief
from planning.services import plan_action_create, precondition_create


def _direction(project) -> str:
    with override("en"):
        return brief.brief_create(project=project, data={}).direction


def test_a_plan_that_asks_only_money_names_no_hours(team):
    action = plan_action_create(project=team.project, data={"title": "Poetsles"})
    precondition_create(action=action, data={"kind": "money", "amount": Decimal("5000")})
    direction = _direction(team.project)
    assert "- Poetsles" in direction
    assert "need 5000 euro." in direction and "hours" not in direction


def test_a_plan_that_asks_hours_and_money_names_both(team):
    action = plan_action_create(project=team.project, data={"title": "Poetsles"})
    precondition_create(action=action, data={"kind": "money", "amount": Decimal("5000")})
    precondition_create(action=action, data={"kind": "hours", "amount": Decimal("40")})
    assert "need 40 hours and 5000 euro." in _direction(team.project)


def test_a_plan_without_means_names_none(team):
    plan_action_create(project=team.project, data={"title": "Poetsles"})
    direction = _direction(team.project)
    assert direction == "- Poetsles"
