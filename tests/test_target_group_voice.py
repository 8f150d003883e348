"""A party can be marked as speaking for the target group; the coverage warning uses the mark."""

from __future__ import annotations

import pytest
from django.urls import reverse

from analysis import selectors
from history.services import versions_of
from parties.models import Party
from projects.demo import demo_load
from tests.factories import make_party, make_project
from transfer.export import register_xlsx
from transfer.importer import party_import_apply
from transfer.selectors import register_rows

pytestmark = pytest.mark.django_db


def _form(**overrides) -> dict:
    data = {
        "name": "Klankbordgroep ouders",
        "kind": "person",  # the kind is no longer taken as a sign of a voice
        "layer": "staff",
        "sector": "civil_society",
        "role": "benefits",
        "ring": "thinks_along",
    }
    data.update(overrides)
    return data


def _warnings(project) -> list[str]:
    return [warning.code for warning in selectors.coverage(project).warnings]


def test_the_mark_is_set_on_the_form_shown_and_recorded(client, team):
    client.force_login(team.editor)
    create = reverse("parties:create", args=[team.project.pk])
    assert client.post(create, _form(speaks_for_target_group="on")).status_code == 302
    party = Party.objects.get()
    assert party.speaks_for_target_group
    edit = reverse("parties:edit", args=[team.project.pk, party.pk])
    assert client.post(edit, _form(expected_version=party.version)).status_code == 302
    party.refresh_from_db()
    assert not party.speaks_for_target_group
    assert versions_of(party).first().changes == {"speaks_for_target_group": [True, False]}


def test_the_party_page_names_the_mark(client, team):
    party = make_party(team.project, name="Bewonersgroep", speaks_for_target_group=True)
    client.force_login(team.viewer)
    page = client.get(
        reverse("parties:detail", args=[team.project.pk, party.pk]),
        headers={"accept-language": "en"},
    )
    html = page.content.decode()
    assert "Speaks for the target group" in html and "voice of the target group" in html


def test_the_register_filters_on_the_mark(client, team):
    make_party(team.project, name="Bewonersgroep", speaks_for_target_group=True)
    make_party(team.project, name="Tandarts")
    client.force_login(team.viewer)
    url = reverse("parties:list", args=[team.project.pk])
    voices = client.get(url, {"voice": "yes"}).context["page"].object_list
    others = client.get(url, {"voice": "no"}).context["page"].object_list
    assert [p.name for p in voices] == ["Bewonersgroep"]
    assert [p.name for p in others] == ["Tandarts"]


def test_the_warning_follows_the_mark_not_the_kind(team):
    make_party(team.project, name="Buurtcomité", kind="citizen_group", layer="residents")
    assert "no_target_group_voice" in _warnings(team.project)
    make_party(
        team.project, name="Ervaringsdeskundigen", kind="person", speaks_for_target_group=True
    )
    assert "no_target_group_voice" not in _warnings(team.project)


def test_the_demo_gives_the_target_group_a_voice():
    project, _created = demo_load()
    assert Party.objects.filter(project=project, speaks_for_target_group=True).count() >= 1
    assert "no_target_group_voice" not in _warnings(project)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_mark_travels_through_export_and_import(team, language):
    make_party(team.project, name="Bewonersgroep", speaks_for_target_group=True)
    make_party(team.project, name="Tandarts")
    content = register_xlsx(register_rows(project=team.project), language)
    empty = make_project(team.owner, title="Leeg")
    outcome = party_import_apply(project=empty, content=content, user=team.owner)
    assert outcome.errors == [] and outcome.created == 2
    marked = Party.objects.filter(project=empty, speaks_for_target_group=True)
    assert [party.name for party in marked] == ["Bewonersgroep"]
