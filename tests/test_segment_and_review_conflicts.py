"""Target-group segments and the review settings: two edits from the same starting version, the
second gets the conflict page with both versions and overwrites nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagement import selectors as engagement_selectors
from engagement.models import ReviewSettings
from history.services import versions_of
from projects.models import TargetSegment
from tests.factories import make_segment

pytestmark = pytest.mark.django_db


def test_second_save_of_a_segment_conflicts_and_shows_both_versions(client, team):
    segment = make_segment(team.project, name="Nieuwkomers", description="")
    url = reverse("projects:segment_edit", args=[team.project.pk, segment.pk])
    opened = {"name": "Nieuwkomers", "expected_version": segment.version}
    client.force_login(team.editor)
    assert client.post(url, {**opened, "description": "Versie van Bob"}).status_code == 302
    client.force_login(team.owner)
    response = client.post(url, {**opened, "description": "Versie van Alice"})
    assert response.status_code == 400
    form = response.context["form"]
    label = str(form.fields["description"].label)
    assert (label, "Versie van Bob", "Versie van Alice") in form.conflict
    html = response.content.decode()
    assert "Versie van Bob" in html and "Versie van Alice" in html
    segment.refresh_from_db()
    assert (segment.description, segment.version) == ("Versie van Bob", 2)
    # saving again from the conflict page is a deliberate overwrite
    again = {**opened, "description": "Versie van Alice", "expected_version": 2}
    assert client.post(url, again).status_code == 302
    segment.refresh_from_db()
    assert (segment.description, segment.version) == ("Versie van Alice", 3)
    assert versions_of(segment).first().changes == {
        "description": ["Versie van Bob", "Versie van Alice"]
    }


def test_adding_a_segment_still_works(client, team):
    client.force_login(team.editor)
    url = reverse("projects:segments", args=[team.project.pk])
    assert client.post(url, {"name": "Alleenstaande ouders"}).status_code == 302
    assert TargetSegment.objects.get(project=team.project).version == 1


def _review_settings_url(team) -> str:
    return reverse("engagement:review_settings", args=[team.project.pk])


def test_two_first_saves_of_the_review_settings_conflict(client, team):
    # Neither editor finds settings; both start from "none yet" (version 0).
    client.force_login(team.editor)
    opened = client.get(_review_settings_url(team)).context["form"]
    start = opened["expected_version"].value()
    assert start == 0
    assert client.post(
        _review_settings_url(team), {"review_interval_months": 3, "expected_version": start}
    ).status_code == 302
    client.force_login(team.owner)
    response = client.post(
        _review_settings_url(team), {"review_interval_months": 9, "expected_version": start}
    )
    assert response.status_code == 400
    form = response.context["form"]
    assert (str(form.fields["review_interval_months"].label), "3", "9") in form.conflict
    assert engagement_selectors.review_interval(project=team.project) == 3
    assert ReviewSettings.objects.filter(project=team.project).count() == 1


def test_second_save_of_the_review_settings_conflicts(client, team):
    client.force_login(team.editor)
    url = _review_settings_url(team)
    assert client.post(url, {"review_interval_months": 3, "expected_version": 0}).status_code == 302
    stored = ReviewSettings.objects.get(project=team.project)
    opened = {"expected_version": stored.version}
    assert client.post(url, {**opened, "review_interval_months": 4}).status_code == 302
    response = client.post(url, {**opened, "review_interval_months": 5})
    assert response.status_code == 400 and response.context["form"].conflict
    assert engagement_selectors.review_interval(project=team.project) == 4
    # the conflict page starts from the stored version, so saving again is deliberate
    again = {"review_interval_months": 5,
             "expected_version": response.context["form"]["expected_version"].value()}
    assert client.post(url, again).status_code == 302
    assert engagement_selectors.review_interval(project=team.project) == 5
    stored.refresh_from_db()
    assert stored.version == 3
    assert [v.changes for v in versions_of(stored)][:1] == [
        {"review_interval_months": [4, 5]}
    ]
