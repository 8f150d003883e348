"""The API accepts what the pages accept: numbers are numbers, text loses control characters,
and every message of an answer is in one language."""

from __future__ import annotations

import pytest

from parties.models import Assessment, Party
from tests.factories import make_party

pytestmark = pytest.mark.django_db

VALID = {
    "assessed_on": "2026-01-05",
    "power": 4,
    "interest": 3,
    "legitimacy": 3,
    "urgency": 2,
    "attitude": 1,
    "engagement_current": "neutral",
    "engagement_desired": "leading",
}


@pytest.fixture
def party(team) -> Party:
    return make_party(team.project, name="GGD")


def assessments_url(team, party) -> str:
    return f"/projects/{team.project.pk}/parties/{party.pk}/assessments"


@pytest.mark.parametrize("score", ["4", 4.0, True])
def test_a_score_that_is_not_a_whole_json_number_is_refused(api, team, party, score):
    response = api.post(assessments_url(team, party), team.owner, VALID | {"power": score})
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["detail"]] == [["body", "power"]]
    assert not Assessment.objects.exists()


def test_an_id_in_a_body_is_a_number(api, team, party):
    other = make_party(team.project, name="School")
    url = f"/projects/{team.project.pk}/relations"
    response = api.post(url, team.owner, {"source": str(party.pk), "target": other.pk})
    assert response.status_code == 422


def test_a_true_or_false_field_takes_no_text(api, team):
    url = f"/projects/{team.project.pk}/parties"
    response = api.post(url, team.owner, {"name": "X", "in_core_group": "yes"})
    assert response.status_code == 422


def test_control_characters_are_stripped_tab_and_newline_stay_in_notes(api, team):
    url = f"/projects/{team.project.pk}/parties"
    body = {"name": "G\x07G\x00D\u0085", "goals": "Een\tdoel\r\nTwee\x1b"}
    response = api.post(url, team.owner, body)
    assert response.status_code == 201, response.content
    party = Party.objects.get()
    assert (party.name, party.goals) == ("GGD", "Een\tdoel\nTwee")


def test_a_name_of_control_characters_only_is_empty(api, team):
    response = api.post(f"/projects/{team.project.pk}/parties", team.owner, {"name": "\x01\x02"})
    assert response.status_code == 422
    assert not Party.objects.exists()


def test_input_errors_speak_the_users_language(api, team, party):
    team.owner.language = "en"
    team.owner.save(update_fields=["language"])
    english = api.post(assessments_url(team, party), team.owner, VALID | {"power": 9})
    assert english.json()["detail"][0]["msg"] == "Enter a number of at most 5."
    assert english["Content-Language"] == "en"
    team.owner.language = "nl"
    team.owner.save(update_fields=["language"])
    dutch = api.post(assessments_url(team, party), team.owner, VALID | {"power": 9})
    assert dutch.json()["detail"][0]["msg"] == "Vul een getal in van hoogstens 5."
    assert dutch["Content-Language"] == "nl"


def test_accept_language_chooses_for_the_request(api, team, party):
    url = f"/projects/{team.project.pk}/parties/999999"
    assert api.get(url, team.owner, language="en").json()["detail"] == "Not found."
    assert api.get(url, team.owner, language="nl-BE,nl;q=0.9").json()["detail"] == "Niet gevonden."


@pytest.mark.parametrize("language", ["en", "nl"])
def test_every_kind_of_error_is_in_one_language(api, team, party, language):
    team.viewer.language = language
    team.viewer.save(update_fields=["language"])
    base = f"/projects/{team.project.pk}"
    answers = [
        api.get(f"{base}/parties/999999", team.viewer),
        api.patch(f"{base}/parties/{party.pk}", team.viewer, {"name": "x"}),
        api.call("put", f"{base}/parties/{party.pk}", team.viewer, {}),
        api.get("/no-such-route", team.viewer),
        api.post(assessments_url(team, party), team.viewer, {}),
    ]
    assert [answer.status_code for answer in answers] == [404, 403, 405, 404, 422]
    texts = [answer.json()["detail"] for answer in answers]
    texts = [text if isinstance(text, str) else text[0]["msg"] for text in texts]
    english = ["Not found.", "Your role", "This method is not allowed", "Not found.", "This field"]
    for text, start in zip(texts, english, strict=True):
        assert text.startswith(start) == (language == "en"), text
