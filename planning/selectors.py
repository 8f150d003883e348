"""Reads for the planning pages, the dashboard panel and the API: a fixed handful of queries
each, whatever the number of actions, activities or ticks."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    CharField,
    Count,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Cast, Coalesce, Concat
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from lib.prepared import PreparedRow
from parties.models import Party
from planning.models import (
    REGION_OF_COUNTRY,
    Contribution,
    HelperEntry,
    HiddenHelper,
    ParticipationActivity,
    Phase,
    PlanAction,
    Precondition,
    StepTick,
    Success,
    SuccessMessage,
)
from planning.proofs import PROVABLE, Facts, Proof, proofs, proven
from planning.steps import STEPS, Item, Step
from projects.models import Organisation, Project, TargetSegment

# The shared plan ---------------------------------------------------------------------------

GROUPINGS = ("party", "phase")


def plan_actions(*, project: Project) -> QuerySet[PlanAction]:
    """The project's actions with who carries them and their preconditions: three queries."""
    preconditions = Precondition.objects.select_related("from_party").order_by("kind", "id")
    return (
        PlanAction.objects.filter(project=project)
        .select_related("party", "member")
        .prefetch_related(Prefetch("preconditions", queryset=preconditions))
    )


def contributions_of(*, project: Project) -> QuerySet[Contribution]:
    return Contribution.objects.filter(
        project=project, party__deleted_at__isnull=True
    ).select_related("party")


@dataclass
class Means:
    hours: Decimal = Decimal(0)
    money: Decimal = Decimal(0)
    other: int = 0

    def add(self, precondition: Precondition) -> None:
        amount = precondition.amount or Decimal(0)
        if precondition.kind == Precondition.Kind.HOURS:
            self.hours += amount
        elif precondition.kind == Precondition.Kind.MONEY:
            self.money += amount
        else:
            self.other += 1

    def __iadd__(self, other: Means) -> Means:
        self.hours += other.hours
        self.money += other.money
        self.other += other.other
        return self


def means_of(action: PlanAction) -> Means:
    means = Means()
    for precondition in action.preconditions.all():
        means.add(precondition)
    return means


@dataclass
class PlanGroup:
    key: str  # an anchor on the page
    title: str
    party: Party | None = None
    phase: str = ""
    actions: list[PlanAction] = field(default_factory=list)
    contributions: list[Contribution] = field(default_factory=list)
    means: Means = field(default_factory=Means)


@dataclass
class Plan:
    by: str
    groups: list[PlanGroup]
    contributions: list[Contribution]
    means: Means
    action_count: int
    status_counts: dict[str, int]


def _by_party(actions: list[PlanAction], contributions: list[Contribution]) -> list[PlanGroup]:
    groups: dict[int, PlanGroup] = {}

    def group_for(party: Party) -> PlanGroup:
        if party.pk not in groups:
            groups[party.pk] = PlanGroup(f"party-{party.pk}", party.name, party=party)
        return groups[party.pk]

    members = PlanGroup("members", _("Carried by project members"))
    open_ = PlanGroup("unassigned", _("Nobody carries these yet"))
    for action in actions:
        party = action.live_party
        if party is not None:
            group_for(party).actions.append(action)
        elif action.member_id:
            members.actions.append(action)
        else:
            open_.actions.append(action)
    for contribution in contributions:
        group_for(contribution.party).contributions.append(contribution)
    ordered = sorted(groups.values(), key=lambda g: (g.party.sort_name, g.party.pk))
    return [*ordered, *(g for g in (members, open_) if g.actions)]


def _by_phase(actions: list[PlanAction]) -> list[PlanGroup]:
    groups = {phase: PlanGroup(f"phase-{phase}", label, phase=phase) for phase, label in
              Phase.choices}
    for action in actions:
        groups[action.phase].actions.append(action)
    return list(groups.values())


def plan(*, project: Project, by: str = "party") -> Plan:
    actions = list(plan_actions(project=project))
    contributions = list(contributions_of(project=project))
    groups = _by_phase(actions) if by == "phase" else _by_party(actions, contributions)
    total = Means()
    for group in groups:
        for action in group.actions:
            action.means = means_of(action)
            group.means += action.means
        total += group.means
    counts = {status: 0 for status in PlanAction.Status.values}
    for action in actions:
        counts[action.status] += 1
    return Plan(
        by="phase" if by == "phase" else "party",
        groups=groups,
        contributions=contributions,
        means=total,
        action_count=len(actions),
        status_counts=counts,
    )


def project_members(*, project: Project) -> QuerySet:
    from accounts.models import User

    return User.objects.filter(memberships__project=project).order_by(
        "first_name", "last_name", "username"
    )


def project_parties(*, project: Project) -> QuerySet[Party]:
    return Party.objects.filter(project=project).order_by("sort_name", "pk")


# Participation of the target group ---------------------------------------------------------


@dataclass
class SegmentReach:
    segment: TargetSegment | None  # None: activities not tied to a segment
    activities: int = 0
    people: int = 0

    @property
    def is_gap(self) -> bool:
        return self.segment is not None and self.activities == 0


@dataclass
class Participation:
    activities: list[ParticipationActivity]
    segments: list[SegmentReach]
    people_total: int

    @property
    def gaps(self) -> list[SegmentReach]:
        return [row for row in self.segments if row.is_gap]


def participation_activities(*, project: Project) -> QuerySet[ParticipationActivity]:
    return ParticipationActivity.objects.filter(project=project).select_related("segment")


def participation(*, project: Project) -> Participation:
    """The activities, and per segment how many activities reached it and how many people;
    a segment no activity reached is flagged. Two queries."""
    activities = list(participation_activities(project=project))
    rows = {segment.pk: SegmentReach(segment) for segment in project.segments.order_by("name")}
    loose = SegmentReach(None)
    for activity in activities:
        row = rows.get(activity.segment_id, loose) if activity.segment_id else loose
        row.activities += 1
        row.people += activity.people_reached
    segments = [*rows.values(), *([loose] if loose.activities else [])]
    return Participation(
        activities=activities,
        segments=segments,
        people_total=sum(activity.people_reached for activity in activities),
    )


# Successes ---------------------------------------------------------------------------------


def _alive_parties() -> Prefetch:
    return Prefetch("parties", queryset=Party.objects.order_by("sort_name", "pk"))


def success_list(*, project: Project) -> QuerySet[Success]:
    return Success.objects.filter(project=project).prefetch_related(_alive_parties())


def successes_chosen(*, project: Project, ids: Iterable[int]) -> list[Success]:
    """The project's successes among `ids`, oldest first as a message tells them."""
    return list(
        Success.objects.filter(project=project, pk__in=list(ids))
        .prefetch_related(_alive_parties())
        .order_by("achieved_on", "pk")
    )


def message_list(*, project: Project) -> QuerySet[SuccessMessage]:
    return (
        SuccessMessage.objects.filter(project=project)
        .select_related("created_by")
        .annotate(success_count=Count("successes", filter=Q(successes__deleted_at__isnull=True)))
    )


# What the data shows ------------------------------------------------------------------------


def _n(queryset: QuerySet, project_path: str = "project", distinct: str = "") -> Coalesce:
    """The number of rows (or of distinct `distinct` values) of `queryset` whose project is the
    outer one, as a subquery."""
    counted = (
        queryset.filter(**{project_path: OuterRef("pk")})
        .order_by()
        .values(project_path)
        .annotate(n=Count(distinct or "pk", distinct=bool(distinct)))
    )
    return Coalesce(Subquery(counted.values("n")[:1]), 0)


# Counted in one pass over the register, in this order, joined in one text.
REGISTER_FACTS = ("parties", "assessed", "with_interests", "core_group", "critical", "layers")


def _register_figures(parties: QuerySet) -> Coalesce:
    """The register's counts of `REGISTER_FACTS` as "n|n|…": one scan of the project's parties
    instead of one for each count."""
    counts = {
        "parties": Count("pk"),
        "assessed": Count("latest_assessment"),
        "with_interests": Count("pk", filter=~Q(goals="", interests="")),
        "core_group": Count("pk", filter=Q(in_core_group=True)),
        "critical": Count("pk", filter=Q(latest_assessment__attitude__lte=-1)),
        "layers": Count("layer", distinct=True),
    }
    joined: list = []
    for name in REGISTER_FACTS:
        joined += [Cast(F(f"count_{name}"), CharField()), Value("|")]
    figures = (
        parties.filter(project=OuterRef("pk"))
        .order_by()
        .values("project")
        .annotate(**{f"count_{name}": count for name, count in counts.items()})
        .annotate(figures=Concat(*joined, output_field=CharField()))
        .values("figures")[:1]
    )
    return Coalesce(Subquery(figures), Value(""), output_field=CharField())


def _register_counts(figures: str) -> dict[str, int]:
    numbers = [int(n) for n in figures.split("|") if n]
    # A project without parties has no row to count: every figure is 0.
    return dict(zip(REGISTER_FACTS, numbers or [0] * len(REGISTER_FACTS), strict=True))


def _fact_expressions(register: bool = True) -> dict:
    from forcefield.models import Force, ForceAction, ForceField

    parties = Party.objects.all()
    reached = Exists(Party.objects.filter(segments=OuterRef("pk")))
    # A force tied to a party in the bin waits there with it.
    forces = Force.objects.filter(Q(party__isnull=True) | Q(party__deleted_at__isnull=True))
    facts = {
        **({"register": _register_figures(parties)} if register else {}),
        "segments": _n(TargetSegment.objects.all()),
        "gaps": _n(TargetSegment.objects.annotate(reached=reached).filter(reached=False)),
        "activities": _n(ParticipationActivity.objects.all()),
        "with_expectations": _n(ParticipationActivity.objects.exclude(expectations="")),
        "has_change": Exists(
            ForceField.objects.filter(project=OuterRef("pk")).exclude(change="")
        ),
        "driving": _n(forces.filter(direction=Force.Direction.DRIVING), "field__project"),
        "restraining": _n(forces.filter(direction=Force.Direction.RESTRAINING),
                          "field__project"),
        "force_actions": _n(ForceAction.objects.all(), "force__field__project"),
        "carried_actions": _n(
            PlanAction.objects.filter(
                Q(party__isnull=False, party__deleted_at__isnull=True) | Q(member__isnull=False)
            )
        ),
        "preconditions": _n(
            Precondition.objects.filter(action__deleted_at__isnull=True), "action__project"
        ),
        "contributions": _n(Contribution.objects.filter(party__deleted_at__isnull=True)),
        "successes": _n(Success.objects.all()),
    }
    # Prefixed: some names ("parties", "segments") are also relations of Project.
    return {f"fact_{name}": expression for name, expression in facts.items()}


def _facts_from(row: dict, project: Project, register: dict[str, int] | None = None) -> Facts:
    values = {name: row[f"fact_{name}"] for name in Facts.names() if f"fact_{name}" in row}
    values |= register if register is not None else _register_counts(row["fact_register"])
    return Facts(**values, has_vision=bool(project.vision.strip()))


# Twenty counting subqueries: their SQL is built once per process, not on every dashboard visit.
_FACTS = PreparedRow(lambda pk: Project.objects.filter(pk=pk).values(**_fact_expressions()))
# The same without the register's counts, for a caller that counted them in its own pass.
_FACTS_BESIDE_REGISTER = PreparedRow(
    lambda pk: Project.objects.filter(pk=pk).values(**_fact_expressions(register=False))
)


def _one_row(prepared: PreparedRow, project: Project) -> dict:
    row = prepared.get(project.pk)
    if row is None:
        raise Project.DoesNotExist
    return row


def project_facts(*, project: Project, register: dict[str, int] | None = None) -> Facts:
    """The counts the step plan and the next step read: one query, whatever the project holds.
    `register`, the counts of `REGISTER_FACTS` when the caller has made them in a pass over the
    parties of its own (the dashboard does), is not counted again."""
    if register is not None:
        return _facts_from(_one_row(_FACTS_BESIDE_REGISTER, project), project, register)
    return _facts_from(_one_row(_FACTS, project), project)


# The step plan -----------------------------------------------------------------------------


@dataclass
class ItemState:
    item: Item
    tick: StepTick | None
    url: str  # the page where the work for this item is done, or ""
    proof: Proof | None = None  # what the project's data shows about it

    @property
    def is_ticked(self) -> bool:
        return self.is_ticked_by_user or self.is_ticked_by_data

    @property
    def is_ticked_by_user(self) -> bool:
        return self.tick is not None and self.tick.is_ticked

    @property
    def is_ticked_by_data(self) -> bool:
        return self.proof is not None and self.proof.done

    @property
    def version(self) -> int:
        """The version an editor starts from; 0 when the item was never ticked."""
        return self.tick.version if self.tick is not None else 0


@dataclass
class StepState:
    step: Step
    items: list[ItemState]

    @property
    def done(self) -> int:
        return sum(state.is_ticked for state in self.items)

    @property
    def total(self) -> int:
        return len(self.items)

    @property
    def is_complete(self) -> bool:
        return self.done == self.total


@dataclass
class StepPlan:
    steps: list[StepState]

    @property
    def done(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def total(self) -> int:
        return sum(step.total for step in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def _item_url(item: Item, project: Project) -> str:
    if not item.link:
        return ""
    try:
        return reverse(item.link, args=[project.pk])
    except NoReverseMatch:
        return ""


def item_state(*, project: Project, item: Item, tick: StepTick | None) -> ItemState:
    proof = None
    if item.key in PROVABLE:
        proof = proofs(project_facts(project=project), project.pk).get(item.key)
    return ItemState(item, tick, _item_url(item, project), proof)


def step_plan(*, project: Project, with_links: bool = True) -> StepPlan:
    """The checklist with the project's ticks and what its data already shows: two queries."""
    ticks = {
        tick.item_key: tick
        for tick in StepTick.objects.filter(project=project).select_related("ticked_by")
    }
    shown = proofs(project_facts(project=project), project.pk)
    return StepPlan(
        [
            StepState(
                step,
                [
                    ItemState(
                        item,
                        ticks.get(item.key),
                        _item_url(item, project) if with_links else "",
                        shown.get(item.key),
                    )
                    for item in step.items
                ],
            )
            for step in STEPS
        ]
    )


def step_tick_of(*, project: Project, item_key: str) -> StepTick | None:
    return (
        StepTick.objects.filter(project=project, item_key=item_key)
        .select_related("ticked_by")
        .first()
    )


# Who can help ------------------------------------------------------------------------------


def organisations_of(user) -> list[Organisation]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(Organisation.objects.filter(members=user).order_by("name", "pk"))


@dataclass
class Directory:
    entries: list[HelperEntry]
    hidden: list[HelperEntry]  # shipped entries the user's organisations hid
    organisations: list[Organisation]


def directory(
    *, user, region: str = "", theme: str = "", organisations: list[Organisation] | None = None
) -> Directory:
    """What a user sees: shipped entries their organisations did not hide, and the entries of
    their own organisations; filtered by region and theme. Three queries. The list is tens of
    rows, so the theme (a JSON list) is matched here rather than in the database."""
    if organisations is None:
        organisations = organisations_of(user)
    org_ids = [organisation.pk for organisation in organisations]
    hidden_ids = set(
        HiddenHelper.objects.filter(organisation_id__in=org_ids).values_list(
            "helper_id", flat=True
        )
    )
    entries = HelperEntry.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id__in=org_ids)
    ).select_related("organisation")
    if region:
        entries = entries.filter(region=region)
    shown, hidden = [], []
    for entry in entries:
        if theme and not entry.fits_theme(theme):
            continue
        (hidden if entry.pk in hidden_ids else shown).append(entry)
    return Directory(shown, hidden, organisations)


def regions_of(project: Project) -> list[str]:
    countries = {place.country for place in project.places.all()}
    return sorted({REGION_OF_COUNTRY[c] for c in countries if c in REGION_OF_COUNTRY})


def helpers_for(
    *, project: Project, user, regions: list[str] | None = None
) -> list[HelperEntry]:
    """Suggestions for a project: entries for its theme (or for every theme) in the regions of
    its places; with no places, both regions."""
    regions = regions_of(project) if regions is None else regions
    found = directory(user=user, theme=project.theme).entries
    chosen = [entry for entry in found if not regions or entry.region in regions]
    # The ones made for the theme first, then the general ones.
    return sorted(chosen, key=lambda entry: (not entry.themes, entry.region, entry.name))


def helper_for_user(*, user, helper_id: int) -> HelperEntry | None:
    """An entry the user may see."""
    org_ids = [organisation.pk for organisation in organisations_of(user)]
    return (
        HelperEntry.objects.filter(
            Q(organisation__isnull=True) | Q(organisation_id__in=org_ids), pk=helper_id
        )
        .select_related("organisation")
        .first()
    )


@dataclass
class StepCount:
    step: Step
    done: int

    @property
    def total(self) -> int:
        return len(self.step.items)


@dataclass
class Panel:
    steps: list[StepCount]
    actions: int
    actions_done: int
    activities: int
    successes: int

    @property
    def done(self) -> int:
        return sum(count.done for count in self.steps)

    @property
    def total(self) -> int:
        return sum(count.total for count in self.steps)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def _count(queryset: QuerySet) -> Coalesce:
    """The number of rows of `queryset` (filtered on the outer project) as a subquery."""
    counted = queryset.filter(project=OuterRef("pk")).values("project").annotate(n=Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


def _alias(key: str) -> str:
    return "tick_" + key.replace("-", "_")


def _tick_of(key: str) -> Exists:
    return Exists(
        StepTick.objects.filter(project=OuterRef("pk"), item_key=key, ticked_on__isnull=False)
    )


def _panel_counts() -> dict:
    ticks = StepTick.objects.filter(ticked_on__isnull=False)
    counts = {
        f"step_{step.key}": _count(
            ticks.filter(item_key__in=[i.key for i in step.items if i.key not in PROVABLE])
        )
        for step in STEPS
    }
    # Provable items one by one, so an item ticked by a user and by the data counts once.
    counts |= {_alias(key): _tick_of(key) for key in PROVABLE}
    counts |= {
        "n_actions": _count(PlanAction.objects.all()),
        "n_actions_done": _count(PlanAction.objects.filter(status=PlanAction.Status.DONE)),
        "n_activities": _count(ParticipationActivity.objects.all()),
        "n_successes": _count(Success.objects.all()),
    }
    return counts


# Built once per process, like the facts: the SQL is the same for every project.
_PANEL = PreparedRow(lambda pk: Project.objects.filter(pk=pk).values(**_panel_counts()))
_PANEL_AND_FACTS = PreparedRow(
    lambda pk: Project.objects.filter(pk=pk).values(**_panel_counts(), **_fact_expressions())
)


def panel(*, project: Project, facts: Facts | None = None) -> Panel:
    """The dashboard's summary in one query, however much the project holds. An item counts as
    done when a user ticked it or the data shows it. `facts`, when the caller already has them,
    spares counting the register a second time."""
    if facts is None:
        row = _one_row(_PANEL_AND_FACTS, project)
        facts = _facts_from(row, project)
    else:
        row = _one_row(_PANEL, project)
    by_data = proven(facts)

    def done(step: Step) -> int:
        provable = [i.key for i in step.items if i.key in PROVABLE]
        return row[f"step_{step.key}"] + sum(
            1 for key in provable if row[_alias(key)] or key in by_data
        )

    return Panel(
        steps=[StepCount(step, done(step)) for step in STEPS],
        actions=row["n_actions"],
        actions_done=row["n_actions_done"],
        activities=row["n_activities"],
        successes=row["n_successes"],
    )
