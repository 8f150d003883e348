"""The demo workspace shows the engagement part with real-looking data."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from engagement import selectors
from engagement.models import Commitment, ContactMoment, Review
from projects.demo import demo_load

pytestmark = pytest.mark.django_db


@pytest.fixture
def project():
    project, _created = demo_load()
    return project


def test_a_year_of_contacts_of_every_kind_with_many_parties(project):
    moments = ContactMoment.objects.filter(project=project)
    assert moments.count() >= 30
    assert set(moments.values_list("kind", flat=True)) == set(ContactMoment.Kind.values)
    dates = sorted(moments.values_list("date", flat=True))
    assert (dates[-1] - dates[0]).days >= 330 and dates[-1] <= timezone.localdate()
    assert moments.values("parties").distinct().count() >= 25
    assert moments.filter(kind="one_to_one", parties__name__startswith="Schepen").exists()
    assert moments.filter(kind="presentation", parties__name__startswith="College").exists()


def test_commitments_in_every_state_some_overdue(project):
    commitments = Commitment.objects.filter(project=project)
    assert set(commitments.values_list("status", flat=True)) == set(Commitment.Status.values)
    assert commitments.overdue(timezone.localdate()).count() >= 2
    assert not commitments.filter(status="delivered", delivered_on=None).exists()


def test_follow_ups_due_soon_and_two_finished_reviews(project):
    today = timezone.localdate()
    demo = User.objects.get(username="demo")
    todo = selectors.todo(user=demo, today=today)
    assert todo.overdue and todo.upcoming
    assert any(item.kind == "follow_up" and 0 <= (item.on - today).days <= 7
               for item in todo.upcoming)
    reviews = list(Review.objects.filter(project=project).order_by("finished_at"))
    assert len(reviews) == 2 and all(r.finished_at for r in reviews)
    ages = [(today - timezone.localdate(r.finished_at)).days for r in reviews]
    assert 150 <= ages[0] <= 210 and 40 <= ages[1] <= 80
    for review in reviews:
        steps = review.steps.all()
        assert steps.count() == project.parties.count()
        assessed = steps.filter(outcome="assessed")
        assert assessed.exists() and not assessed.filter(assessment=None).exists()
        assert steps.filter(outcome="unchanged").exists()
    panel = selectors.engagement_panel(project=project)
    assert panel.shifts and not panel.review_due


def test_the_demo_pages_open(client, project):
    client.force_login(User.objects.get(username="demo"))
    for name in ("timeline", "commitments", "project_todo", "reviews"):
        assert client.get(reverse(f"engagement:{name}", args=[project.pk])).status_code == 200
    review = Review.objects.filter(project=project).first()
    assert client.get(reverse("engagement:review", args=[project.pk, review.pk])).status_code == 200
    assert client.get(reverse("projects:dashboard", args=[project.pk])).status_code == 200
