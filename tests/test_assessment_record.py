from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from parties.models import Assessment
from tests.factories import assess, make_party

pytestmark = pytest.mark.django_db


def _post(client, team, party, **overrides):
    data = {
        "assessed_on": "2026-05-01",
        "power": "4",
        "interest": "5",
        "legitimacy": "3",
        "urgency": "2",
        "attitude": "1",
        "engagement_current": "neutral",
        "engagement_desired": "leading",
        "note": "Positief gesprek",
    }
    data.update(overrides)
    return client.post(reverse("parties:assess", args=[team.project.pk, party.pk]), data)


def test_a_new_assessment_is_added_never_overwrites(client, team):
    party = make_party(team.project)
    client.force_login(team.editor)
    _post(client, team, party, assessed_on="2026-01-10", attitude="-1")
    response = _post(client, team, party, assessed_on="2026-06-10", attitude="2")
    assert response.status_code == 302
    party.refresh_from_db()
    assert party.assessments.count() == 2
    assert party.latest_assessment.attitude == 2
    assert party.latest_assessment.assessed_by == team.editor
    page = client.get(reverse("parties:detail", args=[team.project.pk, party.pk]))
    assert [a.attitude for a in page.context["assessments"]] == [2, -1]


def test_a_backdated_assessment_does_not_replace_a_newer_one(team):
    party = make_party(team.project)
    assess(party, on=date(2026, 6, 1), attitude=2)
    assess(party, on=date(2026, 1, 1), attitude=-2)
    party.refresh_from_db()
    assert party.latest_assessment.attitude == 2


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("power", "6"),
        ("power", "0"),
        ("attitude", "3"),
        ("attitude", "x"),
        ("engagement_current", "bored"),
        ("assessed_on", "morgen"),
        ("interest", ""),
    ],
)
def test_out_of_scale_values_are_refused_and_nothing_is_saved(client, team, field, value):
    party = make_party(team.project)
    client.force_login(team.editor)
    response = _post(client, team, party, **{field: value})
    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert not Assessment.objects.exists()


def test_a_future_date_is_refused(client, team):
    party = make_party(team.project)
    client.force_login(team.editor)
    tomorrow = (timezone.localdate() + timedelta(days=1)).isoformat()
    assert _post(client, team, party, assessed_on=tomorrow).status_code == 400


def test_the_database_refuses_scores_outside_the_scale(team):
    party = make_party(team.project)
    with pytest.raises(ValidationError):
        assess(party, power=9)
    assert not Assessment.objects.exists()


def test_contributor_cannot_assess(client, team):
    party = make_party(team.project)
    client.force_login(team.contributor)
    assert _post(client, team, party).status_code == 403
