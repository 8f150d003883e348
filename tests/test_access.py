"""Walks every URL pattern under a project: outsiders see nothing, viewers change nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from forcefield.services import action_create, force_create
from history.services import versions_of
from parties.models import Party
from parties.services import party_delete, relation_create
from transfer.models import ImportBatch
from tests.factories import (
    add_member,
    assess,
    make_contact,
    make_party,
    make_segment,
    make_user,
)

pytestmark = pytest.mark.django_db

# Views that only take POST; the rest answer GET and, where they change data, POST.
POST_ONLY = {
    "parties:relation_delete",
    "parties:revert",
    "parties:contact_delete",
    "parties:bin_restore",
    "projects:member_invite",
    "projects:member_role",
    "projects:member_remove",
    "projects:invitation_cancel",
}
READ_ONLY = {
    "transfer:index",
    "transfer:export",
    "transfer:template",
    "forcefield:page",
    "forcefield:svg",
    "forcefield:png",
    "parties:names",
    "parties:contact_export",
    "parties:history",
    "parties:bin",
    "projects:dashboard",
    "projects:about",
    "projects:members",
    "parties:list",
    "parties:detail",
}


def _project_routes() -> dict[str, list[str]]:
    """Every named URL whose route takes a project id, with the parameters it needs."""
    routes: dict[str, list[str]] = {}

    def walk(patterns, namespace: str, prefix: str) -> None:
        for entry in patterns:
            route = prefix + str(entry.pattern)
            if route.startswith("api/"):
                continue  # the JSON API has its own walker in tests/api
            if isinstance(entry, URLResolver):
                inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
                walk(entry.url_patterns, inner, route)
            elif isinstance(entry, URLPattern) and "project_id" in route:
                routes[f"{namespace}{entry.name}"] = re.findall(r"<(?:\w+:)?(\w+)>", route)

    walk(get_resolver().url_patterns, "", "")
    return routes


# The analyses only read.
READ_ONLY |= {name for name in _project_routes() if name.startswith("analysis:")}


@pytest.fixture
def urls(team) -> dict[str, str]:
    party = make_party(team.project, name="Huis van het Kind")
    assess(party)
    member = add_member(team.project, make_user("extra"), "viewer")
    binned = make_party(team.project, name="In de prullenbak")
    force = force_create(project=team.project, data={"description": "Steun", "strength": 3})
    party_delete(party=binned)
    ids = {
        "project_id": team.project.pk,
        "party_id": party.pk,
        "contact_id": make_contact(party).pk,
        "segment_id": make_segment(team.project).pk,
        "member_id": member.pk,
        "invitation_id": team.project.invitations.create(email="new@example.org").pk,
        "version_id": versions_of(party).last().pk,
        "kind": "party",
        "object_id": binned.pk,
        "batch_id": ImportBatch.objects.create(
            project=team.project, user=team.owner, kind="party", filename="p.csv", content=b""
        ).pk,
        "force_id": force.pk,
        "action_id": action_create(force=force, data={"description": "Begroting"}).pk,
        "relation_id": relation_create(
            project=team.project,
            data={"source": party, "target": make_party(team.project, name="School")},
        ).pk,
    }
    return {
        name: reverse(name, kwargs={key: ids[key] for key in params})
        for name, params in _project_routes().items()
    }


def test_every_project_page_is_covered(urls):
    assert len(urls) >= 15
    assert "parties:list" in urls and "projects:dashboard" in urls


def test_outsider_gets_404_everywhere(client, team, urls):
    client.force_login(team.outsider)
    for name, url in urls.items():
        assert client.get(url).status_code in (404, 405), name
        expected = 405 if name in READ_ONLY else 404
        assert client.post(url, {"name": "x", "role": "owner"}).status_code == expected, name


def test_anonymous_is_sent_to_sign_in(client, urls):
    for name, url in urls.items():
        response = client.get(url)
        assert response.status_code in (302, 405), name
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"], name


def test_viewer_cannot_write_anywhere(client, team, urls):
    client.force_login(team.viewer)
    before = Party.objects.count(), team.project.memberships.count()
    for name, url in urls.items():
        response = client.post(url, {"name": "Changed", "role": "owner", "layer": "board"})
        if name in READ_ONLY:
            assert response.status_code == 405, name
        else:
            assert response.status_code in (403, 404), name
    assert (Party.objects.count(), team.project.memberships.count()) == before
    assert not Party.objects.filter(name="Changed").exists()


def test_member_can_open_every_page(client, team, urls):
    client.force_login(team.owner)
    for name, url in urls.items():
        if name in POST_ONLY:
            continue
        assert client.get(url).status_code == 200, name


def test_object_of_another_project_is_out_of_reach(client, team):
    foreign = make_party(team.other_project, name="Geheim")
    client.force_login(team.owner)
    url = reverse("parties:detail", args=[team.project.pk, foreign.pk])
    assert client.get(url).status_code == 404
    url = reverse("parties:edit", args=[team.project.pk, foreign.pk])
    assert client.post(url, {"name": "Overgenomen"}).status_code == 404
    foreign.refresh_from_db()
    assert foreign.name == "Geheim"
