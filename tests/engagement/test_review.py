"""The support review: party by party, the most important first; a new assessment, "unchanged"
or skipped for each; paused and resumed where it was left."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from engagement import selectors, services
from engagement.models import Review, ReviewStep
from parties.models import Assessment
from parties.services import party_delete
from tests.engagement.conftest import days
from tests.engagement.factories import make_moment
from tests.factories import assess, make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def parties(team):
    """Named parties of every kind of importance (threshold 4)."""
    made = {
        "weak": make_party(team.project, name="Buurtwerk"),
        "mighty": make_party(team.project, name="Schepen"),
        "core_weak": make_party(team.project, name="Huis van het Kind", in_core_group=True),
        "middle": make_party(team.project, name="CLB"),
        "strong": make_party(team.project, name="Burgemeester"),
        "unassessed": make_party(team.project, name="Apotheek"),
    }
    assess(made["weak"], power=1, attitude=1, on=days(-200))
    assess(made["mighty"], power=5, attitude=0, on=days(-200))
    assess(made["core_weak"], power=2, attitude=2, on=days(-200))
    assess(made["middle"], power=3, attitude=-1, on=days(-200))
    assess(made["strong"], power=4, attitude=-1, on=days(-200))
    return made


def _start(client, team):
    response = client.post(reverse("engagement:reviews", args=[team.project.pk]))
    assert response.status_code == 302
    review = Review.objects.get(finished_at__isnull=True)
    assert response["Location"] == reverse("engagement:review", args=[team.project.pk, review.pk])
    return review


def _step_url(team, review) -> str:
    return reverse("engagement:review", args=[team.project.pk, review.pk])


def _current(client, team, review):
    return client.get(_step_url(team, review)).context["party"]


def _assessment_form(party, **changes) -> dict:
    latest = party.latest_assessment
    data = {
        "assessed_on": days(0).isoformat(),
        "power": latest.power,
        "interest": latest.interest,
        "legitimacy": latest.legitimacy,
        "urgency": latest.urgency,
        "attitude": latest.attitude,
        "engagement_current": latest.engagement_current,
        "engagement_desired": latest.engagement_desired,
        "note": "",
    }
    data.update(changes)
    return data


def test_high_power_and_core_group_first_then_the_rest_by_power(team, parties):
    order = selectors.review_order(project=team.project)
    names = {p.pk: p.name for p in parties.values()}
    assert [names[pk] for pk in order] == [
        "Schepen", "Burgemeester", "Huis van het Kind", "CLB", "Buurtwerk", "Apotheek",
    ]


def test_a_step_shows_the_last_assessment_and_the_contacts_since(client, team, parties):
    mighty = parties["mighty"]
    make_moment(team.project, [mighty], date=days(-250), discussed="Voor de beoordeling")
    make_moment(team.project, [mighty], date=days(-20), discussed="Na de beoordeling")
    client.force_login(team.editor)
    review = _start(client, team)
    response = client.get(_step_url(team, review))
    assert response.context["party"] == mighty
    html = response.content.decode()
    assert "Na de beoordeling" in html and "Voor de beoordeling" not in html
    form = response.context["form"]
    assert form["power"].value() == 5 and form["attitude"].value() == 0  # pre-filled
    assert form["assessed_on"].value() == days(0)


def test_new_assessment_unchanged_and_skip(client, team, parties):
    client.force_login(team.editor)
    review = _start(client, team)
    url = _step_url(team, review)
    mighty = parties["mighty"]
    response = client.post(
        url, {"party": mighty.pk, "outcome": "assessed", **_assessment_form(mighty, attitude=1)}
    )
    assert response.status_code == 302
    mighty.refresh_from_db()
    assert mighty.latest_assessment.attitude == 1
    assert mighty.latest_assessment.assessed_by == team.editor
    assert Assessment.objects.filter(party=mighty).count() == 2  # the old one stays

    strong = parties["strong"]
    assert _current(client, team, review) == strong
    client.post(url, {"party": strong.pk, "outcome": "unchanged"})
    assert Assessment.objects.filter(party=strong).count() == 1
    client.post(url, {"party": parties["core_weak"].pk, "outcome": "skipped"})

    steps = list(review.steps.order_by("at", "pk"))
    assert [(s.party, s.outcome) for s in steps] == [
        (mighty, "assessed"), (strong, "unchanged"), (parties["core_weak"], "skipped"),
    ]
    assert steps[0].assessment == mighty.latest_assessment
    assert steps[1].assessment is None
    assert _current(client, team, review) == parties["middle"]
    progress = client.get(url).context["progress"]
    assert (progress.done, progress.total, progress.position) == (3, 6, 4)


def test_an_invalid_assessment_stays_on_the_same_party(client, team, parties):
    client.force_login(team.editor)
    review = _start(client, team)
    mighty = parties["mighty"]
    data = {"party": mighty.pk, "outcome": "assessed", **_assessment_form(mighty)}
    data["assessed_on"] = days(3).isoformat()  # in the future
    response = client.post(_step_url(team, review), data)
    assert response.status_code == 400
    assert "assessed_on" in response.context["form"].errors
    assert not review.steps.exists()


def test_unchanged_needs_an_earlier_assessment(client, team, parties):
    review = services.review_start(project=team.project, user=team.owner)
    with pytest.raises(ValidationError):
        services.review_step_record(
            review=review, party=parties["unassessed"], outcome="unchanged", user=team.owner
        )


def test_a_step_sent_twice_is_recorded_once(client, team, parties):
    client.force_login(team.editor)
    review = _start(client, team)
    data = {"party": parties["mighty"].pk, "outcome": "unchanged"}
    client.post(_step_url(team, review), data)
    response = client.post(_step_url(team, review), data)
    assert response.status_code == 302
    assert review.steps.count() == 1


def test_pause_and_resume_where_it_was_left(client, team, parties):
    client.force_login(team.editor)
    review = _start(client, team)
    client.post(_step_url(team, review), {"party": parties["mighty"].pk, "outcome": "unchanged"})
    response = client.post(reverse("engagement:review_pause", args=[team.project.pk, review.pk]))
    assert response["Location"] == reverse("engagement:reviews", args=[team.project.pk])
    review.refresh_from_db()
    assert review.paused and review.finished_at is None
    page = client.get(_step_url(team, review))
    assert 'name="outcome"' not in page.content.decode()  # resume first
    assert page.context["party"] == parties["strong"]

    # Starting again continues the paused round instead of a new one.
    assert _start(client, team) == review
    client.post(reverse("engagement:review_resume", args=[team.project.pk, review.pk]))
    review.refresh_from_db()
    assert not review.paused
    assert _current(client, team, review) == parties["strong"]
    assert Review.objects.count() == 1


def test_finish_closes_the_round(client, team, parties):
    client.force_login(team.editor)
    review = _start(client, team)
    client.post(_step_url(team, review), {"party": parties["mighty"].pk, "outcome": "unchanged"})
    client.post(reverse("engagement:review_finish", args=[team.project.pk, review.pk]))
    review.refresh_from_db()
    assert review.finished_at is not None
    page = client.get(_step_url(team, review))
    assert page.context["party"] is None and 'name="outcome"' not in page.content.decode()
    response = client.post(
        _step_url(team, review), {"party": parties["strong"].pk, "outcome": "unchanged"}
    )
    assert response.status_code == 302 and review.steps.count() == 1
    with pytest.raises(ValidationError):
        services.review_pause(review=review)
    assert _start(client, team) != review  # a new round can begin


def test_a_party_moved_to_the_bin_is_passed_over(client, team, parties):
    client.force_login(team.editor)
    review = _start(client, team)
    party_delete(party=parties["mighty"])
    assert _current(client, team, review) == parties["strong"]
    progress = client.get(_step_url(team, review)).context["progress"]
    assert progress.total == 5


def test_a_party_outside_the_round_cannot_be_stepped(team, parties):
    review = services.review_start(project=team.project, user=team.owner)
    newcomer = make_party(team.project, name="Nieuw")
    with pytest.raises(ValidationError):
        services.review_step_record(review=review, party=newcomer, outcome="skipped")
    foreign = make_party(team.other_project, name="Elders")
    with pytest.raises(ValidationError):
        services.review_step_record(review=review, party=foreign, outcome="skipped")
    assert not ReviewStep.objects.exists()


def test_only_one_open_round(team, parties):
    services.review_start(project=team.project, user=team.owner)
    with pytest.raises(ValidationError):
        services.review_start(project=team.project, user=team.owner)


def test_the_review_interval_is_a_project_setting(client, team):
    client.force_login(team.editor)
    url = reverse("engagement:review_settings", args=[team.project.pk])
    assert client.post(url, {"review_interval_months": 30}).status_code == 400
    assert client.post(url, {"review_interval_months": 3}).status_code == 302
    assert selectors.review_interval(project=team.project) == 3
    assert client.post(url, {"review_interval_months": 4}).status_code == 302
    assert selectors.review_interval(project=team.project) == 4
