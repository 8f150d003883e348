"""Walks every URL pattern under a project: outsiders see nothing, viewers change nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from parties.models import Party
from tests.factories import (
    make_party,
)
from tests.walkers import project_object_ids

pytestmark = pytest.mark.django_db

# Views that only take POST; the rest answer GET and, where they change data, POST.
POST_ONLY = {
    "engagement:moment_follow_up_done",
    "engagement:commitment_deliver",
    "engagement:review_pause",
    "engagement:review_resume",
    "engagement:review_finish",
    "planning:plan_precondition_delete",
    "planning:plan_contribution_delete",
    "planning:participation_delete",
    "planning:success_delete",
    "planning:message_download",
    "planning:message_delete",
    "planning:step_untick",
    "parties:relation_delete",
    "parties:revert",
    "parties:unmerge",
    "parties:contact_delete",
    "parties:bin_restore",
    "parties:quick_add",
    "parties:duplicates_dismiss",
    "projects:member_invite",
    "projects:member_role",
    "projects:member_remove",
    "projects:invitation_cancel",
    "governance:cycle_load",
    "governance:council_fetch",
    "governance:council_adopt",
    "evidence:document_rescan",
    "evidence:mark_create",
    "evidence:brief_issue",
    "evidence:brief_delete",
    "evidence:issued_delete",
    "reports:delete",
    "reports:settings",
}
READ_ONLY = {
    "engagement:moment_detail",
    "engagement:project_todo",
    "planning:plan",
    "planning:participation",
    "planning:successes",
    "planning:steps",
    "planning:steps_print",
    "planning:message_file",
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
    "parties:retention",
    "parties:duplicates",
    "projects:dashboard",
    "projects:about",
    "projects:members",
    "parties:list",
    "parties:detail",
    "governance:calendar",
    "governance:board",
    "governance:council_data",
    "evidence:index",
    "evidence:document",
    "evidence:document_file",
    "evidence:vocabulary",
    "evidence:brief_preview",
    "evidence:issued_pdf",
    "evidence:issued_docx",
    "evidence:figures",
    "evidence:indicator",
    "reports:list",
    "reports:pdf",
    "reports:docx",
    "reports:briefing",
    "reports:briefing_pdf",
    "reports:briefing_docx",
}
# A member's own calendar address: a viewer may make, renew and revoke theirs.
OWN = {"governance:subscribe"}


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
    ids = project_object_ids(team)
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
        elif name not in OWN:
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
