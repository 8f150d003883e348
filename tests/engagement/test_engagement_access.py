"""Who may do what: viewers read, contributors log contacts and commitments, editors review;
outsiders find nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from engagement.models import Commitment, ContactMoment, Review
from tests.engagement.conftest import days
from tests.engagement.factories import make_commitment, make_moment, make_review
from tests.factories import make_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(team, party):
    moment = make_moment(team.project, [party], by=team.owner, follow_up_on=days(3))
    commitment = make_commitment(party, by=team.owner)
    review = make_review(team.project, by=team.owner)
    return moment, commitment, review


def _urls(team, party, objects) -> dict[str, str]:
    moment, commitment, review = objects
    p = team.project.pk
    return {
        "timeline": reverse("engagement:timeline", args=[p]),
        "moment_create": reverse("engagement:moment_create", args=[p]),
        "moment_detail": reverse("engagement:moment_detail", args=[p, moment.pk]),
        "moment_edit": reverse("engagement:moment_edit", args=[p, moment.pk]),
        "moment_delete": reverse("engagement:moment_delete", args=[p, moment.pk]),
        "moment_follow_up_done": reverse(
            "engagement:moment_follow_up_done", args=[p, moment.pk]
        ),
        "party_moment_create": reverse("engagement:party_moment_create", args=[p, party.pk]),
        "commitments": reverse("engagement:commitments", args=[p]),
        "commitment_edit": reverse("engagement:commitment_edit", args=[p, commitment.pk]),
        "commitment_deliver": reverse("engagement:commitment_deliver", args=[p, commitment.pk]),
        "commitment_delete": reverse("engagement:commitment_delete", args=[p, commitment.pk]),
        "project_todo": reverse("engagement:project_todo", args=[p]),
        "reviews": reverse("engagement:reviews", args=[p]),
        "review_settings": reverse("engagement:review_settings", args=[p]),
        "review": reverse("engagement:review", args=[p, review.pk]),
        "review_pause": reverse("engagement:review_pause", args=[p, review.pk]),
        "review_resume": reverse("engagement:review_resume", args=[p, review.pk]),
        "review_finish": reverse("engagement:review_finish", args=[p, review.pk]),
    }


def _state() -> tuple:
    return (
        list(ContactMoment.everything.values()),
        list(Commitment.everything.values()),
        list(Review.objects.values()),
    )


def test_outsider_gets_404_everywhere(client, team, party, objects):
    client.force_login(team.outsider)
    for name, url in _urls(team, party, objects).items():
        assert client.get(url).status_code in (404, 405), name
        assert client.post(url, {"quick-discussed": "x"}).status_code in (404, 405), name
        assert client.post(url).status_code != 200, name


def test_anonymous_is_sent_to_sign_in(client, team, party, objects):
    for name, url in _urls(team, party, objects).items():
        response = client.post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_viewer_reads_but_cannot_write(client, team, party, objects):
    client.force_login(team.viewer)
    before = _state()
    readable = {"timeline", "moment_detail", "commitments", "project_todo", "reviews", "review"}
    for name, url in _urls(team, party, objects).items():
        if name in readable:
            assert client.get(url).status_code == 200, name
        response = client.post(url, {"quick-kind": "meeting", "quick-discussed": "Stiekem"})
        assert response.status_code in (403, 405), name
    assert _state() == before


def test_viewer_sees_no_forms_to_log(client, team, party, objects):
    client.force_login(team.viewer)
    page = client.get(reverse("engagement:timeline", args=[team.project.pk])).content.decode()
    assert "quick-discussed" not in page
    party_page = client.get(reverse("parties:detail", args=[team.project.pk, party.pk]))
    assert "quick-discussed" not in party_page.content.decode()


def test_contributor_logs_a_contact_and_a_commitment(client, team, party):
    client.force_login(team.contributor)
    url = reverse("engagement:party_moment_create", args=[team.project.pk, party.pk])
    response = client.post(
        url,
        {
            "quick-kind": "phone",
            "quick-date": days(0).isoformat(),
            "quick-discussed": "Afspraak gemaakt",
            "quick-commitment_what": "Folders leggen",
            "quick-commitment_status": "promised",
            "quick-commitment_ends_on": days(7).isoformat(),
        },
    )
    assert response.status_code == 302
    assert ContactMoment.objects.get().created_by == team.contributor
    assert Commitment.objects.get().what == "Folders leggen"


def test_contributor_cannot_start_or_step_a_review(client, team, party, objects):
    client.force_login(team.contributor)
    _moment, _commitment, review = objects
    reviews = reverse("engagement:reviews", args=[team.project.pk])
    assert client.post(reviews).status_code == 403
    step = reverse("engagement:review", args=[team.project.pk, review.pk])
    assert client.post(step, {"party": party.pk, "outcome": "skipped"}).status_code == 403
    assert client.get(step).status_code == 200
    assert "outcome" not in client.get(step).content.decode()
    settings_url = reverse("engagement:review_settings", args=[team.project.pk])
    assert client.get(settings_url).status_code == 403


def test_objects_of_another_project_are_out_of_reach(client, team, party):
    foreign_party = make_party(team.other_project, name="Elders")
    foreign = make_moment(team.other_project, [foreign_party], by=team.outsider)
    foreign_commitment = make_commitment(foreign_party)
    client.force_login(team.owner)
    p = team.project.pk
    assert client.get(reverse("engagement:moment_detail", args=[p, foreign.pk])).status_code == 404
    assert client.get(reverse("engagement:moment_edit", args=[p, foreign.pk])).status_code == 404
    url = reverse("engagement:commitment_deliver", args=[p, foreign_commitment.pk])
    assert client.post(url).status_code == 404
    url = reverse("engagement:party_moment_create", args=[p, foreign_party.pk])
    assert client.post(url, {"quick-discussed": "x"}).status_code == 404
    foreign_commitment.refresh_from_db()
    assert foreign_commitment.status == "promised"


def test_a_party_of_another_project_cannot_be_chosen(client, team, party):
    foreign_party = make_party(team.other_project, name="Elders")
    client.force_login(team.owner)
    response = client.post(
        reverse("engagement:timeline", args=[team.project.pk]),
        {
            "quick-party": foreign_party.pk,
            "quick-kind": "meeting",
            "quick-date": days(0).isoformat(),
            "quick-discussed": "x",
        },
    )
    assert response.status_code == 400
    assert "party" in response.context["quick_form"].errors
    assert not ContactMoment.objects.exists()
