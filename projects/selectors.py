from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Q, QuerySet

from history.models import Version
from parties.models import Assessment, Attitude, Layer, Party
from planning.selectors import REGISTER_FACTS
from projects.models import Membership, Project


def projects_for_user(*, user) -> QuerySet[Membership]:
    return (
        Membership.objects.filter(user=user)
        .select_related("project", "project__organisation")
        .annotate(party_count=Count("project__parties", distinct=True))
        .order_by("project__title")
    )


@dataclass
class LayerRow:
    layer: str
    label: str
    by_attitude: list[int]
    unassessed: int = 0

    @property
    def total(self) -> int:
        return sum(self.by_attitude) + self.unassessed


@dataclass
class Dashboard:
    total: int
    assessed: int
    core_group: int
    layers: list[LayerRow]
    attitude_totals: list[int]
    unassessed_total: int
    approach_next: list[Party]
    latest_assessments: list[Assessment]
    since: datetime | None
    changes: list[Version] = field(default_factory=list)
    change_count: int = 0
    # The step plan's counts over the register (`planning.selectors.REGISTER_FACTS`), made in
    # the same pass as the table by layer and attitude.
    register: dict[str, int] = field(default_factory=dict)


ATTITUDES = [value for value, _label in Attitude.choices]
# The step plan's "critical" parties: opposition or strong opposition (as planning counts them).
CRITICAL = -1


def project_dashboard(*, project: Project, user, since: datetime | None) -> Dashboard:
    """Everything the dashboard shows, in a fixed number of queries whatever the register size.
    The one pass over the parties also makes the step plan's register counts
    (`Dashboard.register`), so that `project_facts` need not scan them again."""
    parties = Party.objects.filter(project=project)
    cells = parties.values("layer", "latest_assessment__attitude").annotate(
        n=Count("id"),
        core_group=Count("id", filter=Q(in_core_group=True)),
        with_interests=Count("id", filter=~Q(goals="", interests="")),
    )
    layers = {value: LayerRow(value, label, [0] * len(ATTITUDES)) for value, label in Layer.choices}
    register = dict.fromkeys(REGISTER_FACTS, 0)
    for cell in cells:
        row = layers[cell["layer"]]
        attitude = cell["latest_assessment__attitude"]
        if attitude is None:
            row.unassessed += cell["n"]
        else:
            row.by_attitude[ATTITUDES.index(attitude)] += cell["n"]
            register["assessed"] += cell["n"]
            if attitude <= CRITICAL:
                register["critical"] += cell["n"]
        register["core_group"] += cell["core_group"]
        register["with_interests"] += cell["with_interests"]
    rows = list(layers.values())
    attitude_totals = [sum(row.by_attitude[i] for row in rows) for i in range(len(ATTITUDES))]
    unassessed_total = sum(row.unassessed for row in rows)
    register["parties"] = sum(row.total for row in rows)
    register["layers"] = sum(1 for row in rows if row.total)

    # The five are chosen by their sort keys alone, read from an index, then read whole: not
    # every party's row is read and sorted.
    approach_order = ("-latest_assessment__power", "latest_assessment__attitude", "name", "pk")
    first_five = parties.filter(
        latest_assessment__power__gte=project.quadrant_threshold,
        latest_assessment__attitude__lt=Attitude.SUPPORT,
    ).order_by(*approach_order).values("pk")[:5]
    approach_next = list(
        Party.objects.filter(pk__in=first_five)
        .select_related("latest_assessment")
        .order_by(*approach_order)
    )
    # Each party's newest assessment, most recently recorded first; read from the
    # (project, latest_assessment) index rather than sorting every assessment.
    latest = []
    for party in (
        parties.filter(latest_assessment__isnull=False)
        .select_related("latest_assessment__assessed_by")
        .order_by("-latest_assessment_id")[:8]
    ):
        party.latest_assessment.party = party
        latest.append(party.latest_assessment)
    dashboard = Dashboard(
        total=sum(row.total for row in rows),
        assessed=sum(attitude_totals),
        core_group=register["core_group"],
        layers=rows,
        attitude_totals=attitude_totals,
        unassessed_total=unassessed_total,
        approach_next=approach_next,
        latest_assessments=latest,
        since=since,
        register=register,
    )
    if since is not None:
        # What colleagues did while the user was away; their own work they already know.
        changes = Version.objects.filter(project=project, at__gt=since).exclude(user=user)
        dashboard.change_count = changes.count()
        dashboard.changes = list(changes.select_related("user", "content_type")[:10])
    return dashboard
