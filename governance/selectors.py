"""Reads of the board and the decision calendar, each in a fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from itertools import groupby

from django.db.models import OuterRef, QuerySet, Subquery

from governance.models import (
    DEFAULT_REMINDER_WEEKS,
    BoardProfile,
    DecisionMoment,
    GovernanceSettings,
)
from parties.models import Layer, Party
from projects.models import Project

# The calendar page shows this many days of the past unless asked for all of it.
PAST_DAYS = 90


def reminder_weeks(*, project: Project) -> int:
    found = (
        GovernanceSettings.objects.filter(project=project)
        .values_list("reminder_weeks", flat=True)
        .first()
    )
    return found or DEFAULT_REMINDER_WEEKS


def decisions(*, project: Project) -> QuerySet[DecisionMoment]:
    return (
        DecisionMoment.objects.filter(project=project)
        .select_related("body")
        .order_by("date", "pk")
    )


@dataclass
class Month:
    first: date
    moments: list[DecisionMoment]


@dataclass
class Calendar:
    months: list[Month]
    today: date
    since: date | None  # None: the whole past is shown
    earlier: int = 0  # moments before `since`, not shown


def calendar(*, project: Project, today: date, show_past: bool = False) -> Calendar:
    """The decision moments by month, in two queries however many there are."""
    since = None if show_past else today - timedelta(days=PAST_DAYS)
    moments = decisions(project=project)
    earlier = 0
    if since is not None:
        earlier = DecisionMoment.objects.filter(project=project, date__lt=since).count()
        moments = moments.filter(date__gte=since)
    months = [
        Month(first=first, moments=list(group))
        for first, group in groupby(moments, key=lambda m: m.date.replace(day=1))
    ]
    return Calendar(months=months, today=today, since=since, earlier=earlier)


def next_decision(*, project: Project, today: date) -> DecisionMoment | None:
    """The first decision still to come; the dashboard names it with its paper deadline."""
    return (
        decisions(project=project)
        .filter(date__gte=today)
        .exclude(status=DecisionMoment.Status.DECIDED)
        .first()
    )


@dataclass
class BoardRow:
    party: Party
    profile: BoardProfile | None
    next_decision: DecisionMoment | None = None


def board(*, project: Project, today: date) -> list[BoardRow]:
    """Every party of the board layer with its latest assessment, its profile and the next
    decision its body takes: two queries, whatever the number of parties and decisions."""
    parties = list(
        Party.objects.filter(project=project, layer=Layer.BOARD)
        .select_related("latest_assessment", "board_profile")
        .order_by("sort_name", "pk")
    )
    rows = []
    for party in parties:
        profile = getattr(party, "board_profile", None)
        rows.append(BoardRow(party, profile if profile and profile.deleted_at is None else None))
    upcoming = (
        DecisionMoment.objects.filter(
            project=project, body__layer=Layer.BOARD, body__deleted_at__isnull=True,
            date__gte=today,
        )
        .exclude(status=DecisionMoment.Status.DECIDED)
        .order_by("body_id", "date", "pk")
    )
    first: dict[int, DecisionMoment] = {}
    for moment in upcoming:
        first.setdefault(moment.body_id, moment)
    for row in rows:
        row.next_decision = first.get(row.party.pk)
    return rows


def profile_of(party: Party) -> BoardProfile | None:
    return BoardProfile.objects.filter(party=party).first()


# Reminders ---------------------------------------------------------------------------------


@dataclass
class Reminder:
    kind: str  # "papers": the papers are due; "outcome": record how it was decided
    on: date
    overdue: bool
    moment: DecisionMoment
    weeks: int = DEFAULT_REMINDER_WEEKS


@dataclass
class Reminders:
    items: list[Reminder] = field(default_factory=list)
    more: bool = False


# Reminders never start earlier than this, whatever a project set.
MAX_REMINDER_WEEKS = 26


def reminders(*, project_ids: list[int], today: date, limit: int = 100) -> Reminders:
    """Paper deadlines whose reminder period (the project's number of weeks) has begun while
    the papers are not in yet, and decisions whose date has passed without an outcome. One
    query, for any number of projects."""
    horizon = today + timedelta(weeks=MAX_REMINDER_WEEKS)
    weeks = GovernanceSettings.objects.filter(project=OuterRef("project_id")).values(
        "reminder_weeks"
    )[:1]
    found = list(
        DecisionMoment.objects.filter(project_id__in=project_ids, date__lt=horizon)
        .exclude(status=DecisionMoment.Status.DECIDED)
        .annotate(reminder_weeks=Subquery(weeks))
        .select_related("body")
        .order_by("date", "pk")[: limit * 4]
    )
    items = []
    for moment in found:
        project_weeks = moment.reminder_weeks or DEFAULT_REMINDER_WEEKS
        if moment.date < today:
            items.append(Reminder("outcome", moment.date, True, moment, project_weeks))
        elif (
            moment.status == DecisionMoment.Status.PLANNED
            and moment.papers_due is not None
            and moment.papers_due - timedelta(weeks=project_weeks) <= today
        ):
            items.append(
                Reminder("papers", moment.papers_due, moment.papers_due < today, moment,
                         project_weeks)
            )
    return Reminders(items=items[:limit], more=len(items) > limit or len(found) >= limit * 4)
