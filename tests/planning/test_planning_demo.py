"""The demo workspace comes with a plan, participation, ticks, successes and a message."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planning.models import (
    Audience,
    Contribution,
    ParticipationActivity,
    PlanAction,
    Precondition,
    StepTick,
    Success,
    SuccessMessage,
)
from projects.demo import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_shared_plan_and_the_rest():
    project, _created = demo_load()
    actions = PlanAction.objects.filter(project=project)
    assert 8 <= actions.count() <= 12
    assert len(set(actions.values_list("phase", flat=True))) >= 6
    assert actions.exclude(party=None).values("party").distinct().count() >= 6
    assert set(actions.values_list("status", flat=True)) == set(PlanAction.Status.values)
    kinds = set(Precondition.objects.filter(action__project=project)
                .values_list("kind", flat=True))
    assert {"hours", "money"} <= kinds
    assert Contribution.objects.filter(project=project).count() >= 4
    activities = ParticipationActivity.objects.filter(project=project)
    assert {"interviews", "sounding_board", "coaches"} <= set(
        activities.values_list("kind", flat=True))
    assert any("wachtkamer" in a.title for a in activities)
    assert project.segments.exclude(participation_activities__isnull=False).exists()  # a gap
    ticked = StepTick.objects.filter(project=project, ticked_on__isnull=False)
    assert ticked.filter(item_key__startswith="core-").count() == 5
    assert Success.objects.filter(project=project).count() == 2
    message = SuccessMessage.objects.get(project=project)
    assert message.audience == Audience.COUNCIL and message.successes.count() == 2
    assert "gemeenteraad" in message.text


def test_the_demo_pages_open(client):
    project, _created = demo_load()
    client.force_login(project.memberships.get(role="owner").user)
    for name in ("plan", "participation", "successes", "steps", "steps_print"):
        assert client.get(reverse(f"planning:{name}", args=[project.pk])).status_code == 200
    dashboard = client.get(reverse("projects:dashboard", args=[project.pk]))
    assert 'class="panel planning-panel"' in dashboard.content.decode()
