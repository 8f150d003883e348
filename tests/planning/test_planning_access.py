"""Walks every planning URL under a project, as tests/test_access.py does for the whole site:
outsiders see nothing, viewers change nothing, members open every page."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, get_resolver, reverse

from planning.models import PlanAction, StepTick, Success
from planning.services import contribution_create, success_message_create
from tests.factories import make_party
from tests.planning.conftest import make_action, make_activity, make_precondition, make_success

pytestmark = pytest.mark.django_db

READ_ONLY = {
    "planning:plan", "planning:participation", "planning:successes", "planning:steps",
    "planning:steps_print", "planning:message_file",
}
POST_ONLY = {
    "planning:plan_precondition_delete", "planning:plan_contribution_delete",
    "planning:participation_delete", "planning:success_delete", "planning:message_download",
    "planning:message_delete", "planning:step_untick",
}


def _planning_routes() -> dict[str, list[str]]:
    routes = {}
    for entry in get_resolver().url_patterns:
        if getattr(entry, "namespace", None) != "planning":
            continue
        for pattern in entry.url_patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLPattern) and "project_id" in route:
                routes[f"planning:{pattern.name}"] = re.findall(r"<(?:\w+:)?(\w+)>", route)
    return routes


@pytest.fixture
def urls(team) -> dict[str, str]:
    party = make_party(team.project, name="Huis van het Kind")
    action = make_action(team.project, party=party)
    success = make_success(team.project, [party])
    ids = {
        "project_id": team.project.pk,
        "action_id": action.pk,
        "precondition_id": make_precondition(action).pk,
        "contribution_id": contribution_create(
            project=team.project, data={"party": party, "contributes": "tijd"}).pk,
        "activity_id": make_activity(team.project).pk,
        "success_id": success.pk,
        "message_id": success_message_create(
            project=team.project, data={"title": "Bericht", "text": "Tekst"},
            successes=[success]).pk,
        "item_key": "core-partners",
    }
    return {
        name: reverse(name, kwargs={key: ids[key] for key in params})
        for name, params in _planning_routes().items()
    }


def test_every_planning_page_is_walked(urls):
    assert len(urls) == 27
    assert set(READ_ONLY | POST_ONLY) <= set(urls)


def test_outsider_gets_404_everywhere(client, team, urls):
    client.force_login(team.outsider)
    for name, url in urls.items():
        assert client.get(url).status_code in (404, 405), name
        expected = 405 if name in READ_ONLY else 404
        assert client.post(url, {"title": "x"}).status_code == expected, name


def test_anonymous_is_sent_to_sign_in(client, urls):
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (302, 405), name
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], name


def test_viewer_cannot_write_anywhere(client, team, urls):
    client.force_login(team.viewer)
    before = (PlanAction.everything.count(), Success.everything.count(), StepTick.objects.count())
    for name, url in urls.items():
        response = client.post(url, {"title": "Changed", "format": "txt", "text": "x"})
        if name in READ_ONLY:
            assert response.status_code == 405, name
        else:
            assert response.status_code in (403, 404), name
    after = (PlanAction.objects.count(), Success.objects.count(), StepTick.objects.count())
    assert after == before
    assert not PlanAction.objects.filter(title="Changed").exists()


def test_member_can_open_every_page(client, team, urls):
    client.force_login(team.owner)
    for name, url in urls.items():
        if name in POST_ONLY:
            continue
        assert client.get(url).status_code == 200, name


def test_the_project_nav_has_plan_and_steps(client, team):
    client.force_login(team.viewer)
    html = client.get(reverse("planning:steps", args=[team.project.pk])).content.decode()
    steps_link = f'<a href="{reverse("planning:steps", args=[team.project.pk])}" ' \
        'aria-current="page">'
    assert steps_link in html
    assert f'href="{reverse("planning:plan", args=[team.project.pk])}"' in html
