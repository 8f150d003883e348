"""The plain data of a report to the board and of a briefing note: JSON-ready dicts built in a
fixed number of queries, whatever the size of the register. The documents module writes both
files from this data alone, and an issued report keeps it as it was."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from analysis import compute
from analysis import selectors as analysis_selectors
from engagement.models import Commitment
from engagement.selectors import attitude_shifts, months_after
from governance.models import DecisionMoment
from parties.models import Assessment, Layer, Party
from planning import selectors as planning_selectors
from planning.models import PlanAction, Success
from projects.models import Project
from projects.vocabulary import project_country
from reports.models import Audience, BoardReport, ReportSettings

# How many rows each part of a report lists; the rest is counted.
MOVERS_LIMIT = 15
LIST_LIMIT = 25
DECISIONS_LIMIT = 10


def report_list(*, project: Project) -> QuerySet[BoardReport]:
    """The project's issued reports, newest first, without their files."""
    return (
        BoardReport.objects.filter(project=project)
        .defer("pdf", "docx", "data")
        .select_related("issued_by")
    )


def report_of(*, project: Project, report_id: int) -> BoardReport | None:
    return BoardReport.objects.filter(project=project, pk=report_id).first()


def previous_report(*, project: Project, before: date | None = None) -> BoardReport | None:
    reports = BoardReport.objects.filter(project=project).defer("pdf", "docx")
    if before is not None:
        reports = reports.filter(period_end__lte=before)
    return reports.order_by("-period_end", "-issued_at", "-pk").first()


def rhythm_of(*, project: Project) -> int:
    settings = ReportSettings.objects.filter(project=project).first()
    return settings.rhythm_months if settings else 0


@dataclass
class ReportDue:
    """A report to the board that the project's rhythm asks for."""

    project_id: int
    on: date
    last_on: date | None

    @property
    def pk(self) -> int:  # the to-do list names its entries by kind and key
        return self.project_id


def reports_due(*, project_ids: list[int], until: date) -> dict[int, ReportDue]:
    """Per project with a reporting rhythm, the next report if it is due by `until`: the rhythm
    counted from the last report, or from the project's start when there is none. Two queries."""
    rhythms = dict(
        ReportSettings.objects.filter(project_id__in=project_ids, rhythm_months__gt=0)
        .values_list("project_id", "rhythm_months")
    )
    if not rhythms:
        return {}
    last: dict[int, date] = {}
    rows = (
        BoardReport.objects.filter(project_id__in=rhythms)
        .order_by("project_id", "-period_end")
        .values_list("project_id", "period_end")
    )
    for project_id, period_end in rows:
        last.setdefault(project_id, period_end)
    starts = dict(
        Project.objects.filter(pk__in=rhythms).values_list("pk", "start_date")
    )
    created = dict(Project.objects.filter(pk__in=rhythms).values_list("pk", "created_at"))
    due = {}
    for project_id, months in rhythms.items():
        since = last.get(project_id) or starts.get(project_id) or timezone.localdate(
            created[project_id]
        )
        on = months_after(since, months)
        if on <= until:
            due[project_id] = ReportDue(project_id, on, last.get(project_id))
    return due


# The report's parts -----------------------------------------------------------------------


def support_until(support: compute.Support, until: date) -> compute.Support:
    """Support over time as it stood on `until`: a point depends only on what was assessed by
    its date, so the later points are simply left off."""
    keep = sum(1 for on in support.dates if on <= until)
    return compute.Support(
        support.dates[:keep],
        [compute.SupportSeries(s.layer, s.points[:keep]) for s in support.series],
    )


def _support(project: Project, until: date, then: date | None) -> dict[str, Any]:
    """The support index per layer now (at `until`) and at the previous report (`then`)."""
    support = support_until(analysis_selectors.support(project), until)

    def at(day: date | None) -> dict[str, dict[str, Any]]:
        if day is None:
            return {}
        index = max((k for k, on in enumerate(support.dates) if on <= day), default=None)
        if index is None:
            return {}
        return {
            series.layer: {
                "index": series.points[index].index,
                "parties": series.points[index].parties,
            }
            for series in support.series
        }

    now, before = at(until), at(then)
    return {
        "layers": [
            {
                "layer": series.layer,
                "now": now.get(series.layer, {"index": None, "parties": 0}),
                "then": before.get(series.layer) if then else None,
            }
            for series in support.series
        ],
        "series": compute.to_json(support),
    }


def _movers(project: Project, since: date | None) -> list[dict[str, Any]]:
    if since is None:
        return []
    return [
        {
            "party_id": shift.party.pk,
            "name": shift.party.name,
            "layer": shift.party.layer,
            "before": shift.before,
            "now": shift.now,
        }
        for shift in attitude_shifts(project=project, since=since, limit=MOVERS_LIMIT)
    ]


def _commitments(project: Project, start: date | None, end: date) -> dict[str, Any]:
    alive = Commitment.objects.filter(project=project, party__deleted_at__isnull=True)
    delivered = alive.filter(status=Commitment.Status.DELIVERED, delivered_on__lte=end)
    if start is not None:
        delivered = delivered.filter(delivered_on__gt=start)
    overdue = alive.overdue(end)

    def rows(queryset: QuerySet[Commitment], on: str) -> list[dict[str, Any]]:
        return [
            {"party": party, "what": what, "on": day.isoformat() if day else None}
            for party, what, day in queryset.order_by(on, "pk").values_list(
                "party__name", "what", on
            )[:LIST_LIMIT]
        ]

    return {
        "delivered": rows(delivered, "delivered_on"),
        "delivered_count": delivered.count(),
        "overdue": rows(overdue, "ends_on"),
        "overdue_count": overdue.count(),
    }


def _successes(project: Project, start: date | None, end: date) -> list[dict[str, Any]]:
    successes = Success.objects.filter(project=project, achieved_on__lte=end)
    if start is not None:
        successes = successes.filter(achieved_on__gt=start)
    return [
        {"title": title, "on": on.isoformat(), "description": description}
        for title, on, description in successes.order_by("-achieved_on", "-pk").values_list(
            "title", "achieved_on", "description"
        )[:LIST_LIMIT]
    ]


def _plan(project: Project) -> dict[str, Any]:
    panel = planning_selectors.panel(project=project)
    running = list(
        PlanAction.objects.filter(project=project, status=PlanAction.Status.RUNNING)
        .order_by("ends_on", "title", "pk")
        .values_list("title", flat=True)[:LIST_LIMIT]
    )
    return {
        "steps": [
            {"number": c.step.number, "title": str(c.step.title), "done": c.done,
             "total": c.total}
            for c in panel.steps
        ],
        "percent": panel.percent,
        "actions": panel.actions,
        "actions_done": panel.actions_done,
        "running": running,
        "activities": panel.activities,
    }


def _decisions(project: Project, after: date, body: Party | None = None) -> list[dict[str, Any]]:
    moments = (
        DecisionMoment.objects.filter(project=project, date__gte=after)
        .exclude(status=DecisionMoment.Status.DECIDED)
        .select_related("body")
        .order_by("date", "pk")
    )
    if body is not None:
        moments = moments.filter(body=body)
    return [
        {
            "name": moment.name,
            "kind": moment.kind,
            "date": moment.date.isoformat(),
            "papers_due": moment.papers_due.isoformat() if moment.papers_due else None,
            "body": moment.body.name if moment.body and moment.body.deleted_at is None else "",
            "ask": moment.ask,
            "status": moment.status,
        }
        for moment in moments[:DECISIONS_LIMIT]
    ]


def default_period(*, project: Project, today: date) -> tuple[date | None, date]:
    """From the end of the previous report (or the project's start) to today."""
    previous = previous_report(project=project, before=today)
    if previous is not None:
        return previous.period_end, today
    return project.start_date, today


def progress_data(
    *,
    project: Project,
    audience: str = Audience.BOARD,
    period_end: date,
    period_start: date | None = None,
    title: str = "",
) -> dict[str, Any]:
    """Everything the progress report says, as it stands at `period_end`."""
    previous = previous_report(project=project, before=period_end)
    then = previous.period_end if previous is not None else None
    since = then or period_start
    return {
        "kind": "progress",
        "title": title,
        "audience": audience,
        "country": project_country(project),
        "project": {"title": project.title, "theme": project.theme_label},
        "period": {
            "start": period_start.isoformat() if period_start else None,
            "end": period_end.isoformat(),
        },
        "previous": (
            {"title": previous.title, "period_end": previous.period_end.isoformat()}
            if previous is not None
            else None
        ),
        "support": _support(project, period_end, then),
        "movers": _movers(project, since),
        "commitments": _commitments(project, period_start, period_end),
        "successes": _successes(project, period_start, period_end),
        "plan": _plan(project),
        "decisions": _decisions(project, period_end),
    }


# The briefing note ------------------------------------------------------------------------


def board_members(*, project: Project) -> QuerySet[Party]:
    return Party.objects.filter(project=project, layer=Layer.BOARD)


def _profile(party: Party) -> dict[str, Any]:
    profile = getattr(party, "board_profile", None)
    if profile is None or profile.deleted_at is not None:
        return {}
    return {
        "portfolios": profile.portfolios,
        "policy_areas": profile.policy_area_labels,
        "political_group": profile.political_group,
        "term_start": profile.term_start.isoformat() if profile.term_start else None,
        "term_end": profile.term_end.isoformat() if profile.term_end else None,
        "drivers": profile.drivers,
        "informed_by": profile.informed_by_labels,
        "informing_note": profile.informing_note,
        "arguments_worked": profile.arguments_worked,
        "arguments_failed": profile.arguments_failed,
        "last_briefed_on": (
            profile.last_briefed_on.isoformat() if profile.last_briefed_on else None
        ),
    }


def _portfolio_words(profile: dict[str, Any]) -> list[str]:
    text = " ".join([profile.get("portfolios", ""), *profile.get("policy_areas", [])])
    return sorted({word.strip(",.;()").lower() for word in text.split() if len(word) > 4})


def briefing_data(*, project: Project, party: Party, today: date) -> dict[str, Any]:
    """One board member on one page: who they are, where they stand and stood, what works
    with them, what the next decision asks of them, and what speaks to their portfolio."""
    party = (
        Party.objects.filter(pk=party.pk)
        .select_related("board_profile", "latest_assessment")
        .get()
    )
    profile = _profile(party)
    history = [
        {"on": on.isoformat(), "attitude": attitude, "power": power}
        for on, attitude, power in Assessment.objects.filter(party=party)
        .order_by("assessed_on", "created_at", "pk")
        .values_list("assessed_on", "attitude", "power")
    ]
    decisions = _decisions(project, today, body=party) or _decisions(project, today)
    words = _portfolio_words(profile)
    successes = Success.objects.filter(project=project).order_by("-achieved_on", "-pk")
    if words:
        matching = Q(parties=party)
        for word in words:
            matching |= Q(title__icontains=word) | Q(description__icontains=word)
        successes = successes.filter(matching).distinct()
    support = _support(project, today, None)
    return {
        "kind": "briefing",
        "country": project_country(project),
        "project": {"title": project.title, "theme": project.theme_label},
        "today": today.isoformat(),
        "party": {"id": party.pk, "name": party.name, "kind": party.kind},
        "profile": profile,
        "history": history,
        "next_decision": decisions[0] if decisions else None,
        "successes": [
            {"title": title, "on": on.isoformat()}
            for title, on in successes.values_list("title", "achieved_on")[:5]
        ],
        "figures": {
            "support": support["layers"],
            "commitments_delivered": Commitment.objects.filter(
                project=project, status=Commitment.Status.DELIVERED,
                party__deleted_at__isnull=True,
            ).count(),
            "plan_percent": planning_selectors.panel(project=project).percent,
        },
    }


def next_due(*, project: Project, today: date) -> date | None:
    rhythm = rhythm_of(project=project)
    if not rhythm:
        return None
    last = previous_report(project=project)
    since = last.period_end if last else (project.start_date or today)
    return months_after(since, rhythm)
