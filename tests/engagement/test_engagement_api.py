"""The engagement routes of the JSON API: same rules as the pages, same error shapes, 412 on a
stale version, pages of {"count", "items"}."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from engagement.models import Commitment, ContactMoment
from tests.api.conftest import field_errors
from tests.engagement.bulk import fill_moments
from tests.engagement.conftest import days
from tests.engagement.factories import make_commitment, make_moment, make_review
from tests.factories import make_party

pytestmark = pytest.mark.django_db


def _moments(team) -> str:
    return f"/projects/{team.project.pk}/contact-moments"


def _commitments(team) -> str:
    return f"/projects/{team.project.pk}/commitments"


def _body(party, **fields) -> dict:
    body = {
        "kind": "one_to_one",
        "date": days(-1).isoformat(),
        "parties": [party.pk],
        "discussed": "Gesprek met de schepen",
    }
    body.update(fields)
    return body


def test_viewer_lists_and_filters_contacts(api, team, party, other_party):
    make_moment(team.project, [party], kind="meeting", date=days(-10), discussed="Oud")
    make_moment(team.project, [party, other_party], date=days(-2), discussed="Nieuw",
                members=[team.editor])
    response = api.get(_moments(team), team.viewer)
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    assert [item["discussed"] for item in data["items"]] == ["Nieuw", "Oud"]
    assert sorted(data["items"][0]["parties"]) == sorted([party.pk, other_party.pk])
    assert data["items"][0]["members"] == [team.editor.pk]
    filtered = api.get(_moments(team), team.viewer, kind="meeting").json()
    assert [item["discussed"] for item in filtered["items"]] == ["Oud"]
    by_member = api.get(_moments(team), team.viewer, member=team.editor.pk).json()
    assert by_member["count"] == 1
    page = api.get(_moments(team), team.viewer, limit=1, offset=1).json()
    assert (page["count"], [i["discussed"] for i in page["items"]]) == (2, ["Oud"])


@pytest.mark.parametrize("member", ["owner", "editor", "contributor"])
def test_contributor_and_up_log_a_contact(api, team, party, member):
    person = party.contacts.get()
    user = getattr(team, member)
    body = _body(party, contact_persons=[person.pk], members=[user.pk], follow_up_on=days(5)
                 .isoformat(), win_win="Beiden winnen")
    response = api.post(_moments(team), user, body)
    assert response.status_code == 201, response.content
    moment = ContactMoment.objects.get(pk=response.json()["id"])
    assert list(moment.contact_persons.all()) == [person]
    assert (moment.created_by, moment.win_win, moment.follow_up_on) == (user, "Beiden winnen",
                                                                        days(5))
    assert response.json()["members"] == [user.pk]


def test_invalid_input_names_the_field(api, team, party):
    foreign = make_party(team.other_project)
    errors = field_errors(api.post(_moments(team), team.owner, _body(foreign)))
    assert "parties" in errors
    errors = field_errors(api.post(_moments(team), team.owner, _body(party, parties=[])))
    assert "parties" in errors
    errors = field_errors(api.post(_moments(team), team.owner, _body(party, members=[
        team.outsider.pk])))
    assert "members" in errors
    body = _body(party, follow_up_on=days(-30).isoformat())
    assert "follow_up_on" in field_errors(api.post(_moments(team), team.owner, body))
    assert "discussed" in field_errors(api.post(_moments(team), team.owner, _body(
        party, discussed="")))
    assert not ContactMoment.objects.exists()


def test_patch_with_a_stale_version_is_a_conflict(api, team, party):
    moment = make_moment(team.project, [party], agreed="")
    url = f"{_moments(team)}/{moment.pk}"
    first = api.patch(url, team.editor, {"agreed": "Versie van Bob", "version": 1})
    assert first.status_code == 200 and first.json()["version"] == 2
    second = api.patch(url, team.contributor, {"agreed": "Versie van Carla", "version": 1})
    assert second.status_code == 412
    assert second.json()["current"]["agreed"] == "Versie van Bob"
    assert "detail" in second.json()
    moment.refresh_from_db()
    assert moment.agreed == "Versie van Bob"


def test_patch_replaces_the_parties(api, team, party, other_party):
    moment = make_moment(team.project, [party])
    response = api.patch(f"{_moments(team)}/{moment.pk}", team.contributor,
                         {"parties": [other_party.pk]}, if_match=1)
    assert response.status_code == 200 and response.json()["parties"] == [other_party.pk]


def test_delete_moves_to_the_bin(api, team, party):
    moment = make_moment(team.project, [party])
    url = f"{_moments(team)}/{moment.pk}"
    assert api.delete(url, team.contributor).status_code == 428
    assert api.delete(url, team.contributor, if_match=1).status_code == 204
    assert ContactMoment.everything.get().deleted_at is not None
    assert api.get(f"{_moments(team)}/{moment.pk}", team.owner).status_code == 404


def test_viewer_cannot_write(api, team, party):
    moment = make_moment(team.project, [party])
    commitment = make_commitment(party)
    assert api.post(_moments(team), team.viewer, _body(party)).status_code == 403
    url = f"{_moments(team)}/{moment.pk}"
    assert api.patch(url, team.viewer, {"agreed": "x"}).status_code == 403
    assert api.delete(url, team.viewer).status_code == 403
    body = {"party": party.pk, "what": "x", "starts_on": days(0).isoformat(),
            "ends_on": days(1).isoformat()}
    assert api.post(_commitments(team), team.viewer, body).status_code == 403
    url = f"{_commitments(team)}/{commitment.pk}"
    assert api.patch(url, team.viewer, {"status": "delivered"}).status_code == 403
    assert api.delete(url, team.viewer).status_code == 403
    assert response_detail(api.delete(url, team.viewer))


def response_detail(response) -> str:
    return response.json()["detail"]


def test_outsider_gets_404_everywhere(api, team, party):
    moment = make_moment(team.project, [party])
    commitment = make_commitment(party)
    review = make_review(team.project)
    paths = [
        ("get", _moments(team)),
        ("post", _moments(team)),
        ("get", f"{_moments(team)}/{moment.pk}"),
        ("patch", f"{_moments(team)}/{moment.pk}"),
        ("delete", f"{_moments(team)}/{moment.pk}"),
        ("get", _commitments(team)),
        ("post", _commitments(team)),
        ("get", f"{_commitments(team)}/{commitment.pk}"),
        ("patch", f"{_commitments(team)}/{commitment.pk}"),
        ("delete", f"{_commitments(team)}/{commitment.pk}"),
        ("get", f"/projects/{team.project.pk}/reviews"),
        ("get", f"/projects/{team.project.pk}/reviews/{review.pk}"),
    ]
    bodies = {"post": None, "patch": {}}
    for method, path in paths:
        body = _body(party) if "contact" in path and method == "post" else bodies.get(method)
        if method == "post" and "commitments" in path:
            body = {"party": party.pk, "what": "x", "starts_on": "2026-01-01",
                    "ends_on": "2026-01-02"}
        response = api.call(method, path, team.outsider, body)
        assert response.status_code == 404, (method, path)
        assert api.call(method, path, None, body).status_code == 401, (method, path)


def test_commitments_create_filter_deliver_and_conflict(api, team, party, other_party):
    moment = make_moment(team.project, [party])
    body = {
        "party": party.pk,
        "what": "Folders in de wachtzaal",
        "starts_on": days(-10).isoformat(),
        "ends_on": days(-2).isoformat(),
        "status": "promised",
        "contact_moment": moment.pk,
    }
    response = api.post(_commitments(team), team.contributor, body)
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["overdue"] is True and created["contact_moment_id"] == moment.pk
    make_commitment(other_party, what="Later", ends_in=30)
    overdue = api.get(_commitments(team), team.viewer, overdue=True).json()
    assert [item["what"] for item in overdue["items"]] == ["Folders in de wachtzaal"]
    assert api.get(_commitments(team), team.viewer, party=other_party.pk).json()["count"] == 1

    url = f"{_commitments(team)}/{created['id']}"
    delivered = api.patch(url, team.contributor, {"status": "delivered", "version": 1})
    assert delivered.status_code == 200
    assert delivered.json()["delivered_on"] == days(0).isoformat()
    assert delivered.json()["overdue"] is False
    stale = api.patch(url, team.editor, {"status": "lapsed", "version": 1})
    assert stale.status_code == 412 and stale.json()["current"]["status"] == "delivered"


def test_commitment_input_errors(api, team, party, other_party):
    moment = make_moment(team.project, [other_party])
    body = {"party": party.pk, "what": "x", "starts_on": days(0).isoformat(),
            "ends_on": days(-1).isoformat()}
    assert "ends_on" in field_errors(api.post(_commitments(team), team.owner, body))
    body["ends_on"] = days(1).isoformat()
    errors = field_errors(api.post(_commitments(team), team.owner, {
        **body, "contact_moment": moment.pk}))
    assert "contact_moment" in errors
    foreign = make_party(team.other_project)
    assert "party" in field_errors(api.post(_commitments(team), team.owner, {
        **body, "party": foreign.pk}))
    assert not Commitment.objects.exists()


def test_reviews_are_read_only(api, team, party):
    review = make_review(team.project, by=team.owner, finished=days(-30))
    response = api.get(f"/projects/{team.project.pk}/reviews", team.viewer)
    data = response.json()
    assert data["count"] == 1 and data["items"][0]["party_order"] == [party.pk]
    detail = api.get(f"/projects/{team.project.pk}/reviews/{review.pk}", team.viewer).json()
    assert detail["finished_at"] is not None and detail["steps"] == []
    assert api.post(f"/projects/{team.project.pk}/reviews", team.owner, {}).status_code == 405


def test_the_list_takes_a_fixed_number_of_queries(api, team, party, other_party):
    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert api.get(_moments(team), team.viewer, limit=100).status_code == 200
        return len(queries)

    fill_moments(team.project, [party, other_party], 3, user=team.owner)
    api.get(_moments(team), team.viewer)  # makes the token and notes its first use
    few = count()
    fill_moments(team.project, [party, other_party], 150, user=team.owner)
    assert count() == few
    assert few <= 8
