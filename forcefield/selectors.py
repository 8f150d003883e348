"""Reads of the force field: plain data for the page, the chart and the API."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch

from forcefield.models import Force, ForceAction, ForceField
from projects.models import Project


@dataclass(frozen=True)
class PartyRef:
    id: int
    name: str


@dataclass(frozen=True)
class ActionItem:
    id: int
    description: str
    who: str
    due_on: str | None  # ISO date
    done: bool


@dataclass(frozen=True)
class ForceItem:
    id: int
    direction: str  # "driving" or "restraining"
    description: str
    strength: int
    party: PartyRef | None
    order: int
    actions: list[ActionItem]

    @property
    def open_actions(self) -> int:
        return sum(not action.done for action in self.actions)


@dataclass(frozen=True)
class ForceFieldAnalysis:
    change: str
    forces: list[ForceItem]  # driving first, each side in its order
    driving_total: int
    restraining_total: int
    net: int  # driving minus restraining: above 0 the change has the wind behind it

    @property
    def driving(self) -> list[ForceItem]:
        return [f for f in self.forces if f.direction == Force.Direction.DRIVING]

    @property
    def restraining(self) -> list[ForceItem]:
        return [f for f in self.forces if f.direction == Force.Direction.RESTRAINING]


def forces_of(project: Project) -> tuple[ForceField | None, list[Force]]:
    """The project's force field (None before its first edit) and its forces with their party
    and actions: three queries whatever the number of forces."""
    field = ForceField.objects.filter(project=project).first()
    if field is None:
        return None, []
    forces = list(
        field.forces.select_related("party").prefetch_related(
            Prefetch("actions", queryset=ForceAction.objects.order_by("id"))
        )
    )
    return field, forces


def forcefield_from(field: ForceField | None, forces: list[Force]) -> ForceFieldAnalysis:
    items = [
        ForceItem(
            id=force.pk,
            direction=force.direction,
            description=force.description,
            strength=force.strength,
            party=(
                PartyRef(force.party.pk, force.party.name)
                if force.party is not None and force.party.deleted_at is None
                else None
            ),
            order=force.order,
            actions=[
                ActionItem(
                    id=action.pk,
                    description=action.description,
                    who=action.who,
                    due_on=action.due_on.isoformat() if action.due_on else None,
                    done=action.done,
                )
                for action in force.actions.all()
            ],
        )
        for force in forces
    ]
    driving = sum(f.strength for f in items if f.direction == Force.Direction.DRIVING)
    restraining = sum(f.strength for f in items if f.direction == Force.Direction.RESTRAINING)
    return ForceFieldAnalysis(
        change=field.change if field is not None else "",
        forces=items,
        driving_total=driving,
        restraining_total=restraining,
        net=driving - restraining,
    )


def forcefield(project: Project) -> ForceFieldAnalysis:
    """Lewin's force field of the project: net force = Σ driving − Σ restraining strengths."""
    return forcefield_from(*forces_of(project))
