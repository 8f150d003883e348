"""A project with something to report: board members who moved, commitments, a success, a plan
action and a coming decision."""

from __future__ import annotations

from datetime import date, timedelta

from django.utils import timezone

from engagement.models import Commitment
from governance import services as governance
from planning import services as planning
from projects.models import Project
from tests.engagement.factories import make_commitment
from tests.factories import assess, make_party


def fill_project(project: Project) -> dict:
    today = timezone.localdate()
    alderman = make_party(project, name="Wethouder Jansen", layer="board", kind="person")
    school = make_party(project, name="Basisschool De Linde", layer="staff")
    assess(alderman, on=today - timedelta(days=200), power=5, attitude=-1)
    assess(school, on=today - timedelta(days=200), power=2, attitude=1)
    assess(alderman, on=today - timedelta(days=10), power=5, attitude=1)
    governance.profile_create(
        party=alderman,
        data={
            "portfolios": "Volksgezondheid en armoedebestrijding",
            "political_group": "Lokaal Belang",
            "drivers": "Zichtbare resultaten in de wijk",
            "arguments_worked": "Cijfers over tandbederf bij kleuters",
            "arguments_failed": "Landelijke rapporten",
        },
    )
    make_commitment(school, what="Poetsles in groep 1", status=Commitment.Status.PROMISED,
                    starts_on=today - timedelta(days=60), ends_on=today - timedelta(days=5))
    delivered = make_commitment(alderman, what="Budget voor tandenborstels",
                                starts_on=today - timedelta(days=90),
                                ends_on=today - timedelta(days=30))
    Commitment.objects.filter(pk=delivered.pk).update(
        status=Commitment.Status.DELIVERED, delivered_on=today - timedelta(days=20)
    )
    planning.success_create(
        project=project,
        data={"title": "Eerste poetsdag op school", "achieved_on": today - timedelta(days=15)},
        parties=[school],
    )
    planning.plan_action_create(project=project, data={"title": "Folder maken",
                                                       "status": "running"})
    decision = governance.decision_create(
        project=project,
        data={
            "kind": "council",
            "date": today + timedelta(days=40),
            "papers_due": today + timedelta(days=20),
            "body": alderman,
            "ask": "Structureel budget voor preventieve mondzorg",
        },
    )
    return {"alderman": alderman, "school": school, "decision": decision,
            "since": today - timedelta(days=100), "today": today}


def long_ago() -> date:
    return timezone.localdate() - timedelta(days=100)
