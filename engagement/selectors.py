"""Reads of the engagement app. Lists take a fixed number of queries whatever their size."""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import Count, Exists, F, Func, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Abs
from django.utils import timezone

from engagement.models import (
    DEFAULT_REVIEW_INTERVAL_MONTHS,
    DIGEST_DAYS,
    DUE_SOON_DAYS,
    TODO_DAYS,
    Commitment,
    ContactMoment,
    Review,
    ReviewSettings,
    ReviewStep,
)
from governance.selectors import reminders as decision_reminders
from lib.prepared import PreparedRow
from parties.models import Assessment, ContactPerson, Party
from projects.models import Membership, Project

# How many items the to-do list shows of each kind; the rest is counted, not listed.
TODO_LIMIT = 100
PARTY_TIMELINE_LIMIT = 20
RECENT_DAYS = 30
FOLLOW_UP_SOON_DAYS = 7


def months_before(day: date, months: int) -> date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return date(year, month + 1, min(day.day, calendar.monthrange(year, month + 1)[1]))


def months_after(day: date, months: int) -> date:
    return months_before(day, -months)


# Contact moments ---------------------------------------------------------------------------


def _with_relations(moments: QuerySet[ContactMoment]) -> QuerySet[ContactMoment]:
    """A moment with what a list shows of it, in one query per relation."""
    return moments.select_related("created_by").prefetch_related(
        Prefetch("parties", queryset=Party.objects.only("pk", "name", "project_id")),
        Prefetch("contact_persons", queryset=ContactPerson.objects.only("pk", "name", "party_id")),
        "members",
        Prefetch("commitments", queryset=Commitment.objects.order_by("ends_on", "pk")),
    )


def timeline(*, project: Project, filters: dict[str, Any]) -> QuerySet[ContactMoment]:
    """The project's contacts, newest first, filtered by party, kind, member and period."""
    moments = ContactMoment.objects.filter(project=project)
    # Through subqueries rather than joins: the database then starts from the few contacts of
    # one party or member instead of walking all the project's contacts.
    if filters.get("party"):
        with_party = ContactMoment.parties.through.objects.filter(party=filters["party"])
        moments = moments.filter(pk__in=with_party.values("contactmoment_id"))
    if filters.get("kind"):
        moments = moments.filter(kind=filters["kind"])
    if filters.get("member"):
        with_member = ContactMoment.members.through.objects.filter(user=filters["member"])
        moments = moments.filter(pk__in=with_member.values("contactmoment_id"))
    if filters.get("start"):
        moments = moments.filter(date__gte=filters["start"])
    if filters.get("end"):
        moments = moments.filter(date__lte=filters["end"])
    return _with_relations(moments).order_by("-date", "-id")


def moment_detail(*, project: Project, moment_id: int) -> ContactMoment | None:
    return _with_relations(ContactMoment.objects.filter(project=project, pk=moment_id)).first()


@dataclass
class PartyTimeline:
    moments: list[ContactMoment]
    moment_count: int
    commitments: list[Commitment]


def party_timeline(*, party: Party) -> PartyTimeline:
    moments = ContactMoment.objects.filter(parties=party)
    return PartyTimeline(
        moments=list(_with_relations(moments).order_by("-date", "-id")[:PARTY_TIMELINE_LIMIT]),
        moment_count=moments.count(),
        commitments=list(
            party.commitments.select_related("contact_moment").order_by("-ends_on", "-pk")
        ),
    )


# Commitments -------------------------------------------------------------------------------


@dataclass
class CommitmentSections:
    overdue: list[Commitment]
    due: list[Commitment]
    later: list[Commitment]
    delivered: list[Commitment]
    lapsed: list[Commitment]
    today: date


def commitment_sections(*, project: Project, today: date) -> CommitmentSections:
    """The project's commitments in the groups the page shows, from one query."""
    sections = CommitmentSections([], [], [], [], [], today)
    commitments = (
        Commitment.objects.filter(project=project, party__deleted_at__isnull=True)
        .select_related("party", "contact_moment")
        .order_by("ends_on", "pk")
    )
    soon = today + timedelta(days=DUE_SOON_DAYS)
    for commitment in commitments:
        if commitment.status == Commitment.Status.DELIVERED:
            sections.delivered.append(commitment)
        elif commitment.status == Commitment.Status.LAPSED:
            sections.lapsed.append(commitment)
        elif commitment.ends_on < today:
            sections.overdue.append(commitment)
        elif commitment.ends_on <= soon:
            sections.due.append(commitment)
        else:
            sections.later.append(commitment)
    sections.delivered.reverse()  # most recent first
    sections.lapsed.reverse()
    return sections


def commitment_list(*, project: Project, status: str | None = None) -> QuerySet[Commitment]:
    commitments = Commitment.objects.filter(project=project, party__deleted_at__isnull=True)
    if status:
        commitments = commitments.filter(status=status)
    return commitments.order_by("ends_on", "pk")


# To do -------------------------------------------------------------------------------------


@dataclass
class TodoItem:
    kind: str  # "follow_up", "commitment", "report", or from the decision calendar "papers",
    # "outcome"
    on: date
    overdue: bool
    item: ContactMoment | Commitment
    membership: Membership

    @property
    def project(self) -> Project:
        return self.membership.project


@dataclass
class Todo:
    items: list[TodoItem]
    today: date
    until: date
    more_follow_ups: bool = False
    more_commitments: bool = False

    @property
    def days(self) -> int:
        return (self.until - self.today).days

    @property
    def overdue(self) -> list[TodoItem]:
        return [item for item in self.items if item.overdue]

    @property
    def upcoming(self) -> list[TodoItem]:
        return [item for item in self.items if not item.overdue]


def todo(
    *,
    user,
    today: date,
    days: int = TODO_DAYS,
    memberships: list[Membership] | None = None,
    limit: int = TODO_LIMIT,
) -> Todo:
    """A user's follow-ups (of contacts they logged or took part in) and the open commitments
    of their projects, up to `days` ahead, overdue first, each group by date.

    `memberships` limits it to those projects (default: all of the user's projects)."""
    if memberships is None:
        memberships = list(Membership.objects.filter(user=user).select_related("project"))
    by_project = {membership.project_id: membership for membership in memberships}
    until = today + timedelta(days=days)
    took_part = ContactMoment.members.through.objects.filter(
        contactmoment_id=OuterRef("pk"), user_id=user.pk
    )
    follow_ups = list(
        ContactMoment.objects.filter(
            project_id__in=by_project,
            follow_up_done=False,
            follow_up_on__lte=until,
        )
        .filter(Q(created_by=user) | Exists(took_part))
        .prefetch_related(Prefetch("parties", queryset=Party.objects.only("pk", "name")))
        .order_by("follow_up_on", "pk")[: limit + 1]
    )
    commitments = list(
        Commitment.objects.open()
        .filter(project_id__in=by_project, ends_on__lte=until, party__deleted_at__isnull=True)
        .select_related("party")
        .order_by("ends_on", "pk")[: limit + 1]
    )
    items = [
        TodoItem("follow_up", m.follow_up_on, m.follow_up_on < today, m, by_project[m.project_id])
        for m in follow_ups[:limit]
    ] + [
        TodoItem("commitment", c.ends_on, c.ends_on < today, c, by_project[c.project_id])
        for c in commitments[:limit]
    ]
    # Paper deadlines and outcomes to record, from the decision calendar.
    decisions = decision_reminders(project_ids=list(by_project), today=today, limit=limit)
    items += [
        TodoItem(r.kind, r.on, r.overdue, r.moment, by_project[r.moment.project_id])
        for r in decisions.items
    ]
    # A report to the board that the project's reporting rhythm asks for (imported here: the
    # reports app reads engagement's selectors).
    from reports.selectors import reports_due

    items += [
        TodoItem("report", due.on, due.on < today, due, by_project[due.project_id])
        for due in reports_due(project_ids=list(by_project), until=until).values()
    ]
    items.sort(key=lambda item: (not item.overdue, item.on, item.kind, item.item.pk))
    return Todo(
        items=items,
        today=today,
        until=until,
        more_follow_ups=len(follow_ups) > limit,
        more_commitments=len(commitments) > limit,
    )


def digest_for(*, user, today: date) -> Todo:
    """What the daily e-mail mentions: overdue, or due within the next few days."""
    return todo(user=user, today=today, days=DIGEST_DAYS)


# Support reviews ---------------------------------------------------------------------------


def review_order(*, project: Project) -> list[int]:
    """The parties to review, in order: those with high power (latest power at or above the
    project's threshold) or in the core group first, then the rest; each group by power, the
    strongest first, parties not yet assessed last, then by name."""
    threshold = project.quadrant_threshold
    rows = Party.objects.filter(project=project).values_list(
        "pk", "in_core_group", "latest_assessment__power", "sort_name"
    )

    def key(row: tuple) -> tuple:
        pk, core, power, name = row
        first = core or (power or 0) >= threshold
        return (0 if first else 1, -(power or 0), name, pk)

    return [row[0] for row in sorted(rows, key=key)]


def review_interval(*, project: Project) -> int:
    found = (
        ReviewSettings.objects.filter(project=project)
        .values_list("review_interval_months", flat=True)
        .first()
    )
    return found or DEFAULT_REVIEW_INTERVAL_MONTHS


def open_review(*, project: Project) -> Review | None:
    return Review.objects.filter(project=project, finished_at__isnull=True).first()


@dataclass
class ReviewStepView:
    """What one step of a round shows: the party, where it stood, what happened since."""

    review: Review
    party: Party | None
    done: int
    total: int
    steps: list[ReviewStep]
    moments_since: list[ContactMoment] = field(default_factory=list)

    @property
    def position(self) -> int:
        return self.done + 1


def review_progress(*, review: Review) -> ReviewStepView:
    steps = list(
        review.steps.select_related("party", "assessment").order_by("at", "pk")
    )
    reviewed = {step.party_id for step in steps}
    alive = set(
        Party.objects.filter(project_id=review.project_id).values_list("pk", flat=True)
    )
    remaining = [pk for pk in review.party_order if pk in alive and pk not in reviewed]
    total = len(reviewed) + len(remaining)
    view = ReviewStepView(review=review, party=None, done=len(reviewed), total=total, steps=steps)
    if review.finished_at is None and remaining:
        view.party = Party.objects.select_related("latest_assessment").get(pk=remaining[0])
        moments = ContactMoment.objects.filter(parties=view.party)
        latest = view.party.latest_assessment
        if latest is not None:
            moments = moments.filter(date__gte=latest.assessed_on)
        view.moments_since = list(moments.order_by("-date", "-id")[:10])
    return view


def review_list(*, project: Project) -> QuerySet[Review]:
    return (
        Review.objects.filter(project=project)
        .select_related("started_by")
        .annotate(step_count=Count("steps", filter=~Q(steps__outcome=ReviewStep.Outcome.SKIPPED)))
        .order_by("-started_at", "-pk")
    )


# The dashboard panel -----------------------------------------------------------------------


def _count(queryset: QuerySet) -> Subquery:
    """COUNT(*) of a queryset as a value inside another query."""
    return Subquery(queryset.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n"))


def _review_value(project_ref: OuterRef, name: str, finished: bool, offset: int = 0) -> Subquery:
    reviews = Review.objects.filter(project=project_ref, finished_at__isnull=not finished)
    order = "-finished_at" if finished else "-started_at"
    return Subquery(reviews.order_by(order, "-pk").values(name)[offset : offset + 1])


@dataclass
class Shift:
    party: Party
    before: int
    now: int

    @property
    def delta(self) -> int:
        return self.now - self.before


@dataclass
class EngagementPanel:
    review_interval_months: int
    last_review_at: datetime | None
    open_review_id: int | None
    open_review_paused: bool
    review_due: bool
    next_review_on: date | None
    shifts_since: date | None
    shifts: list[Shift]
    recent_contacts: int
    overdue_commitments: int
    follow_ups_due: int


def _panel_figures(pk: object, today: date) -> QuerySet:
    ref = OuterRef("pk")
    return (
        Project.objects.filter(pk=pk)
        .annotate(
            interval=Subquery(
                ReviewSettings.objects.filter(project=ref).values("review_interval_months")[:1]
            ),
            party_count=_count(Party.objects.filter(project=ref)),
            recent=_count(
                ContactMoment.objects.filter(
                    project=ref, date__gt=today - timedelta(days=RECENT_DAYS), date__lte=today
                )
            ),
            overdue=_count(
                Commitment.objects.overdue(today).filter(
                    project=ref, party__deleted_at__isnull=True
                )
            ),
            follow_ups=_count(
                ContactMoment.objects.filter(
                    project=ref,
                    follow_up_done=False,
                    follow_up_on__lte=today + timedelta(days=FOLLOW_UP_SOON_DAYS),
                )
            ),
            last_finished=_review_value(ref, "finished_at", True),
            last_started=_review_value(ref, "started_at", True),
            previous_finished=_review_value(ref, "finished_at", True, 1),
            open_id=_review_value(ref, "pk", False),
            open_paused=_review_value(ref, "paused", False),
        )
        .values(
            "interval", "party_count", "recent", "overdue", "follow_ups", "last_finished",
            "last_started", "previous_finished", "open_id", "open_paused",
        )
    )


# Built once a day per process, then only run: its SQL changes with the date alone.
_PANEL_FIGURES = PreparedRow(_panel_figures)


def engagement_panel(*, project: Project, now: datetime | None = None) -> EngagementPanel:
    """The dashboard's engagement figures in two queries, whatever the project's size."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    figures = _PANEL_FIGURES.get(project.pk, today)
    if figures is None:
        raise Project.DoesNotExist
    interval = figures["interval"] or DEFAULT_REVIEW_INTERVAL_MONTHS
    last = figures["last_finished"]
    next_on = months_after(timezone.localdate(last), interval) if last else None
    due = (
        figures["open_id"] is None
        and figures["party_count"] > 0
        and (next_on is None or next_on <= today)
    )
    # Attitudes now against where they stood at the end of the review before the last one;
    # after the first review, against where they stood before it began.
    if figures["previous_finished"] is not None:
        since = timezone.localdate(figures["previous_finished"])
    elif figures["last_started"] is not None:
        since = timezone.localdate(figures["last_started"]) - timedelta(days=1)
    else:
        since = None
    return EngagementPanel(
        review_interval_months=interval,
        last_review_at=last,
        open_review_id=figures["open_id"],
        open_review_paused=bool(figures["open_paused"]),
        review_due=due,
        next_review_on=next_on,
        shifts_since=since,
        shifts=attitude_shifts(project=project, since=since) if since else [],
        recent_contacts=figures["recent"] or 0,
        overdue_commitments=figures["overdue"] or 0,
        follow_ups_due=figures["follow_ups"] or 0,
    )


def attitude_shifts(*, project: Project, since: date, limit: int = 5) -> list[Shift]:
    """The parties whose attitude moved most between `since` and their latest assessment; of
    equal moves, the more powerful first."""
    before = (
        Assessment.objects.filter(party=OuterRef("pk"), assessed_on__lte=since)
        .order_by("-assessed_on", "-created_at", "-id")
        .values("attitude")[:1]
    )
    parties = (
        Party.objects.filter(project=project, latest_assessment__assessed_on__gt=since)
        .annotate(before=Subquery(before))
        .filter(before__isnull=False)
        .annotate(shift=Abs(F("latest_assessment__attitude") - F("before")))
        .filter(shift__gt=0)
        .select_related("latest_assessment")
        .order_by("-shift", "-latest_assessment__power", "sort_name")[:limit]
    )
    return [Shift(party, party.before, party.latest_assessment.attitude) for party in parties]
