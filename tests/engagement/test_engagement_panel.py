"""The dashboard's engagement panel: the last review and whether one is due, the biggest shifts
in attitude, recent contacts, overdue commitments and follow-ups, in a fixed number of queries."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from engagement import selectors, services
from tests.engagement.bulk import fill_moments
from tests.engagement.conftest import days
from tests.engagement.factories import make_commitment, make_moment, make_review
from tests.factories import assess, make_party, make_project, make_user
from tests.test_party_list import _fill, _queries

pytestmark = pytest.mark.django_db


def _panel(project):
    return selectors.engagement_panel(project=project)


def test_a_new_project_proposes_a_first_review_once_it_has_parties(team):
    assert not _panel(team.project).review_due
    make_party(team.project)
    panel = _panel(team.project)
    assert panel.review_due and panel.last_review_at is None and panel.shifts == []


def test_due_after_the_interval(team, party):
    make_review(team.project, finished=days(-100))
    panel = _panel(team.project)
    assert not panel.review_due
    assert panel.next_review_on == selectors.months_after(days(-100), 6)
    make_review(team.project, finished=days(-200))  # an older one changes nothing
    services.review_settings_update(project=team.project, data={"review_interval_months": 3})
    assert _panel(team.project).review_due


def test_an_open_review_is_not_proposed_again(team, party):
    make_review(team.project, finished=days(-400))
    review = services.review_start(project=team.project)
    panel = _panel(team.project)
    assert not panel.review_due and panel.open_review_id == review.pk


def test_shifts_since_the_previous_review(team):
    names = ["Schepen", "School", "Tandarts", "OCMW", "Apotheek", "Politie", "Buurtwerk"]
    parties = {name: make_party(team.project, name=name) for name in names}
    before = {"Schepen": -1, "School": 0, "Tandarts": 1, "OCMW": -2, "Apotheek": 0,
              "Politie": 0, "Buurtwerk": 2}
    after = {"Schepen": 2, "School": 1, "Tandarts": -1, "OCMW": 0, "Apotheek": 0,
             "Politie": -1, "Buurtwerk": 0}
    for name, party in parties.items():
        assess(party, attitude=before[name], on=days(-300))
    make_review(team.project, finished=days(-250))
    for name, party in parties.items():
        assess(party, attitude=after[name], on=days(-100))
    make_review(team.project, finished=days(-90))
    late = make_party(team.project, name="Nieuwkomer")
    assess(late, attitude=2, on=days(-50))  # no earlier attitude: no shift to show

    panel = _panel(team.project)
    assert panel.shifts_since == days(-250)
    # the largest change first, equal changes by name
    assert [(s.party.name, s.before, s.now) for s in panel.shifts] == [
        ("Schepen", -1, 2),
        ("Buurtwerk", 2, 0),
        ("OCMW", -2, 0),
        ("Tandarts", 1, -1),
        ("Politie", 0, -1),
    ]


def test_after_the_first_review_shifts_count_from_before_it(team, party):
    assess(party, attitude=-1, on=days(-5))  # recorded during the review
    make_review(team.project, finished=days(-5))
    panel = _panel(team.project)
    assert panel.shifts_since == days(-6)
    assert [(s.before, s.now) for s in panel.shifts] == [(0, -1)]


def test_counts(team, party, other_party):
    make_moment(team.project, [party], date=days(-3), follow_up_on=days(2))
    make_moment(team.project, [party], date=days(-29), follow_up_on=days(-1))
    make_moment(team.project, [party], date=days(-31), follow_up_on=days(20))
    make_moment(team.project, [party], date=days(-10), follow_up_on=days(-2),
                follow_up_done=True)
    make_commitment(party, ends_in=-1)
    make_commitment(other_party, ends_in=-5, status="asked")
    make_commitment(party, ends_in=-5, status="delivered")
    make_commitment(party, ends_in=3)
    panel = _panel(team.project)
    assert (panel.recent_contacts, panel.overdue_commitments, panel.follow_ups_due) == (3, 2, 2)


def test_the_dashboard_shows_the_panel(client, team, party):
    make_commitment(party, ends_in=-1)
    client.force_login(team.editor)
    html = client.get(reverse("projects:dashboard", args=[team.project.pk])).content.decode()
    assert 'id="engagement-heading"' in html
    assert reverse("engagement:reviews", args=[team.project.pk]) in html  # start a review
    client.force_login(team.viewer)
    html = client.get(reverse("projects:dashboard", args=[team.project.pk])).content.decode()
    assert 'action="' + reverse("engagement:reviews", args=[team.project.pk]) not in html


def test_the_panel_takes_two_queries_whatever_the_size():
    user = make_user("alice")
    small, large = make_project(user), make_project(user)
    for project, count in ((small, 5), (large, 300)):
        _fill(project, count)
        parties = list(project.parties.all()[:10])
        fill_moments(project, parties, count, user=user, start=days(0))
        make_review(project, finished=days(-200))
        make_review(project, finished=days(-20))
    for project in (small, large):
        with CaptureQueriesContext(connection) as captured:
            _panel(project)
        assert len(captured) == 2


def test_the_dashboard_with_the_panel_does_not_grow_with_the_project(client):
    user = make_user("alice")
    counts = []
    for size in (5, 300):
        project = make_project(user)
        _fill(project, size)
        fill_moments(project, list(project.parties.all()[:10]), size, user=user, start=days(0))
        make_review(project, finished=days(-200))
        make_review(project, finished=days(-20))
        client.force_login(user)
        url = reverse("projects:dashboard", args=[project.pk])
        client.get(url)  # a first visit has no "since" part; count the second
        counts.append(_queries(client, url))
    assert counts[0] == counts[1]
