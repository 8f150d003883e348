"""Planning data built in code through the services, like tests/factories.py."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from planning import services
from planning.models import ParticipationActivity, PlanAction, Precondition, Success
from projects.models import Project

HTMX = {"HX-Request": "true"}
_seq = itertools.count(1)


def make_action(project: Project, **data: Any) -> PlanAction:
    data.setdefault("title", f"Actie {next(_seq)}")
    return services.plan_action_create(project=project, data=data)


def make_precondition(action: PlanAction, **data: Any) -> Precondition:
    data.setdefault("kind", Precondition.Kind.HOURS)
    data.setdefault("amount", Decimal("8"))
    return services.precondition_create(action=action, data=data)


def make_activity(project: Project, **data: Any) -> ParticipationActivity:
    data.setdefault("title", f"Activiteit {next(_seq)}")
    data.setdefault("starts_on", date(2026, 3, 1))
    return services.participation_create(project=project, data=data)


def make_success(project: Project, parties=(), **data: Any) -> Success:
    data.setdefault("title", f"Succes {next(_seq)}")
    data.setdefault("achieved_on", date(2026, 2, 1))
    return services.success_create(project=project, data=data, parties=list(parties))


def count_queries(client, url: str, **kwargs: Any) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, **kwargs)
    assert response.status_code == 200
    return len(captured)


@pytest.fixture
def htmx() -> dict[str, str]:
    return dict(HTMX)
