"""Participation of the target group: activities, reach per segment, and the gaps."""

from __future__ import annotations

import pytest
from django.urls import reverse

from planning.models import ParticipationActivity
from tests.factories import make_segment
from tests.planning.conftest import count_queries, make_activity

pytestmark = pytest.mark.django_db


def _url(name: str, project, *ids: int) -> str:
    return reverse(f"planning:{name}", args=[project.pk, *ids])


def _form(**changes) -> dict:
    data = {"kind": "interviews", "title": "Gesprekken in de wachtkamer",
            "starts_on": "2026-03-02", "ends_on": "2026-03-16", "segment": "",
            "people_reached": 23, "expectations": "Uitleg in eenvoudige taal",
            "follow_up": "Vertaalde lijst van tandartsen"}
    data.update(changes)
    return data


def test_totals_per_segment_and_the_segments_no_activity_reached(client, team):
    pregnant = make_segment(team.project, name="Zwangere vrouwen in armoede")
    newcomers = make_segment(team.project, name="Nieuwkomers")
    make_segment(team.project, name="Woonwagenbewoners")
    make_activity(team.project, segment=pregnant, people_reached=23)
    make_activity(team.project, segment=pregnant, people_reached=7, kind="sounding_board")
    make_activity(team.project, segment=newcomers, people_reached=11)
    make_activity(team.project, people_reached=40, kind="survey")
    client.force_login(team.viewer)
    response = client.get(_url("participation", team.project),
                          headers={"accept-language": "en"})
    overview = response.context["participation"]
    rows = {(row.segment.name if row.segment else None): (row.activities, row.people, row.is_gap)
            for row in overview.segments}
    assert rows == {
        "Nieuwkomers": (1, 11, False),
        "Woonwagenbewoners": (0, 0, True),
        "Zwangere vrouwen in armoede": (2, 30, False),
        None: (1, 40, False),
    }
    assert overview.people_total == 81
    html = response.content.decode()
    assert "1 segment has not been involved in any activity yet." in html
    assert 'class="gap"' in html and "no activity yet" in html


def test_contributor_adds_and_edits_an_activity(client, team):
    segment = make_segment(team.project, name="Alleenstaande ouders")
    client.force_login(team.contributor)
    response = client.post(_url("participation_create", team.project),
                           _form(segment=segment.pk, kind="coaches"))
    activity = ParticipationActivity.objects.get()
    assert response["Location"].endswith(f"#activity-{activity.pk}")
    assert (activity.segment, activity.people_reached, activity.kind) == (segment, 23, "coaches")
    response = client.post(_url("participation_edit", team.project, activity.pk),
                           _form(people_reached=30, expected_version=1))
    activity.refresh_from_db()
    assert (activity.people_reached, activity.version) == (30, 2)


def test_invalid_input_is_refused(client, team):
    client.force_login(team.contributor)
    url = _url("participation_create", team.project)
    assert client.post(url, _form(people_reached=-1)).status_code == 400
    assert client.post(url, _form(ends_on="2026-01-01")).status_code == 400
    foreign = make_segment(team.other_project, name="Elders")
    assert client.post(url, _form(segment=foreign.pk)).status_code == 400
    assert not ParticipationActivity.objects.exists()


def test_conflicting_edits_are_not_overwritten(client, team):
    activity = make_activity(team.project, title="Klankbordgroep", people_reached=9)
    client.force_login(team.contributor)
    url = _url("participation_edit", team.project, activity.pk)
    assert client.post(url, _form(people_reached=10, expected_version=1)).status_code == 302
    response = client.post(url, _form(people_reached=12, expected_version=1))
    assert response.status_code == 400 and response.context["form"].conflict
    activity.refresh_from_db()
    assert activity.people_reached == 10


def test_viewer_reads_but_cannot_write_and_outsider_sees_nothing(client, team):
    activity = make_activity(team.project)
    client.force_login(team.viewer)
    assert client.get(_url("participation", team.project)).status_code == 200
    assert client.post(_url("participation_create", team.project), _form()).status_code == 403
    assert client.post(_url("participation_edit", team.project, activity.pk),
                       _form()).status_code == 403
    assert client.post(_url("participation_delete", team.project, activity.pk)).status_code \
        == 403
    client.force_login(team.outsider)
    assert client.get(_url("participation", team.project)).status_code == 404
    assert client.post(_url("participation_delete", team.project, activity.pk)).status_code \
        == 404
    assert ParticipationActivity.objects.count() == 1


def test_delete_and_restore(client, team):
    activity = make_activity(team.project)
    client.force_login(team.contributor)
    client.post(_url("participation_delete", team.project, activity.pk))
    assert not ParticipationActivity.objects.exists()
    client.force_login(team.editor)
    client.post(reverse("parties:bin_restore",
                        args=[team.project.pk, "participation", activity.pk]))
    assert ParticipationActivity.objects.filter(pk=activity.pk).exists()


def test_page_queries_do_not_grow(client, team):
    segments = [make_segment(team.project) for _ in range(3)]
    for n in range(5):
        make_activity(team.project, segment=segments[n % 3])
    client.force_login(team.viewer)
    url = _url("participation", team.project)
    few = count_queries(client, url)
    for n in range(100):
        make_activity(team.project, segment=segments[n % 3])
    assert count_queries(client, url) == few
