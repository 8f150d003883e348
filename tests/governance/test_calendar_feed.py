"""The private iCalendar feed: one secret per member and project, revocable and renewable."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from governance import services
from governance.models import CalendarFeed
from tests.engagement.factories import make_commitment
from tests.factories import make_party

pytestmark = pytest.mark.django_db


def _feed_url(client, user, project) -> str:
    client.force_login(user)
    client.post(reverse("governance:subscribe", args=[project.pk]), {"action": "renew"})
    return reverse("governance:feed", args=[CalendarFeed.objects.get(user=user).token])


def test_feed_is_valid_icalendar_with_decisions_deadlines_and_commitments(client, team):
    today = timezone.localdate()
    council = make_party(team.project, name="Gemeenteraad", layer="board")
    moment = services.decision_create(project=team.project, data={
        "date": today + timedelta(days=30), "papers_due": today + timedelta(days=10),
        "title": "Raad", "body": council, "ask": "Geld voor de gezonde school",
    })
    make_commitment(council)
    url = _feed_url(client, team.viewer, team.project)
    client.logout()  # calendar programs do not sign in
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = Calendar.from_ical(response.content)
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    decision = next(e for uid, e in events.items() if uid.startswith(f"decision-{moment.pk}@"))
    assert decision.decoded("dtstart") == moment.date
    assert "Gemeenteraad" in str(decision["summary"])
    assert any(uid.startswith(f"papers-{moment.pk}@") for uid in events)
    assert any(uid.startswith("commitment-") for uid in events)
    assert any(uid.startswith("review-") for uid in events)


def test_revoked_address_answers_404_and_renewing_replaces_it(client, team):
    old = _feed_url(client, team.editor, team.project)
    new = _feed_url(client, team.editor, team.project)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    client.post(reverse("governance:subscribe", args=[team.project.pk]), {"action": "revoke"})
    assert client.get(new).status_code == 404


def test_feed_of_someone_no_longer_a_member_answers_404(client, team):
    url = _feed_url(client, team.viewer, team.project)
    team.project.memberships.filter(user=team.viewer).delete()
    assert client.get(url).status_code == 404


def test_secret_is_per_user_and_project(client, team):
    services.feed_renew(project=team.project, user=team.owner)
    services.feed_renew(project=team.project, user=team.viewer)
    tokens = set(CalendarFeed.objects.values_list("token", flat=True))
    assert len(tokens) == 2 and all(len(token) >= 40 for token in tokens)


def test_outsider_reaches_no_feed_page(client, team):
    client.force_login(team.outsider)
    url = reverse("governance:subscribe", args=[team.project.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "renew"}).status_code == 404
    assert not CalendarFeed.objects.exists()
    assert client.get(reverse("governance:feed", args=["guessed-token"])).status_code == 404
