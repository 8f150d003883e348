"""The CBS page of the local figures: an editor fetches a table for the place's regions, the
worker stores its figures through the import's checks and the page shows the state and the
result; plain words when the connector is off or CBS cannot be reached. Recorded answers
only, from a server on 127.0.0.1; nothing leaves the machine."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from evidence.figures import cbs_runs
from evidence.figures.models import CbsRun, Figure, Indicator
from governance.connectors import http
from projects.models import Place
from tests.evidence.test_figures_cbs import (
    PROPERTIES,
    RecordedStatLine,
    ok,
    unreachable_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def statline(monkeypatch, settings):
    settings.LANGUAGE_CODE = "en"
    monkeypatch.setattr(http, "_sleep", lambda seconds: None)
    with translation.override("en"), RecordedStatLine() as server:
        settings.CBS_ODATA_URL = server.url
        yield server


@pytest.fixture
def place(team):
    team.project.places.add(
        Place.objects.create(name="Amsterdam", country="NL", code="GM0363"),
        Place.objects.create(name="Centrum", country="NL", kind="district", code="WK036300"),
        Place.objects.create(name="Gent", country="BE", code="44021"),
    )
    return team.project


def _url(project) -> str:
    return reverse("evidence:cbs", args=[project.pk])


def _start(client, user, project, table="85012NED", codes="GM0363 WK036300 NL01"):
    client.force_login(user)
    return client.post(_url(project), {"table_id": table, "region_codes": codes}, follow=True,
                       HTTP_ACCEPT_LANGUAGE="en")


def test_the_form_is_filled_with_the_places_cbs_codes(client, team, place):
    client.force_login(team.editor)
    page = client.get(_url(place)).content.decode()
    assert 'value="GM0363 WK036300 NL01"' in page  # the country beside; Gent's NIS code not
    assert "Fetch from CBS" in page


def test_an_editor_fetches_a_table_and_the_page_shows_what_was_stored(client, team, place,
                                                                       statline):
    statline.record_health_table()
    response = _start(client, team.editor, place)
    assert response.status_code == 200
    assert {request.route for request in statline.seen} == set(statline.routes)
    run = CbsRun.objects.get(project=place)
    assert (run.state, run.table_id, run.region_codes) == (
        "done", "85012NED", ["GM0363", "NL01", "WK036300"])
    assert (run.figures_added, run.indicators_added) == (5, 2)
    assert run.requested_by == team.editor and run.finished_at and run.batch
    page = response.content.decode()
    assert "5 figures stored (2 new indicators)." in page
    assert 'http-equiv="refresh"' not in page  # nothing under way: no refresh
    indicator = Indicator.objects.get(project=place, name="Overgewicht")
    assert indicator.source == "CBS StatLine, table 85012NED"
    assert indicator.licence.startswith("CC BY 4.0")
    # the list of figures names the source and the licence, and leads to this page
    listing = client.get(reverse("evidence:figures", args=[place.pk])).content.decode()
    assert "CBS StatLine, table 85012NED" in listing and "CC BY 4.0" in listing
    assert _url(place) in listing


def test_an_unreachable_cbs_says_so_and_stores_nothing(client, team, place, settings):
    settings.CBS_ODATA_URL = unreachable_url()
    response = _start(client, team.owner, place)
    run = CbsRun.objects.get(project=place)
    assert run.state == "failed"
    assert "CBS open data could not be reached; nothing was changed." in run.message
    assert run.message in response.content.decode()
    assert not Figure.objects.exists() and not Indicator.objects.exists()


def test_a_table_that_fails_the_checks_stores_nothing_and_says_why(client, team, place,
                                                                     statline):
    bad = {"value": [{"WijkenEnBuurten": "GM0363", "Perioden": "later",
                      "ErvarenGezondheid_1": 78.2, "Overgewicht_4": 43.0}]}
    statline.answer("85012NED/DataProperties", ok(PROPERTIES))
    statline.answer("85012NED/TypedDataSet", ok(bad))
    _start(client, team.owner, place)
    run = CbsRun.objects.get(project=place)
    assert run.state == "failed" and "nothing was stored" in run.message
    assert "row 2" in run.message
    assert not Figure.objects.exists()


def test_a_request_cbs_cannot_answer_never_leaves(client, team, place, statline):
    response = _start(client, team.owner, place, table="85012NED' or 1")
    assert response.status_code == 400
    assert "is not a CBS table id" in response.content.decode()
    response = _start(client, team.owner, place, codes="GM0363' or 1 eq 1")
    assert "region codes" in response.content.decode()
    assert not statline.seen
    assert not CbsRun.objects.exists()


def test_not_configured_shows_no_form_and_fetches_nothing(client, team, place, settings,
                                                          statline):
    settings.CBS_ODATA_URL = ""
    client.force_login(team.owner)
    page = client.get(_url(place)).content.decode()
    assert "not configured on this server" in page
    assert "DRAAGVLAK_CBS_ODATA_URL" in page
    assert 'name="table_id"' not in page
    _start(client, team.owner, place)
    assert not statline.seen
    assert not CbsRun.objects.exists()


def test_viewers_see_runs_and_only_editors_start_them(client, team, place):
    CbsRun.objects.create(project=place, table_id="85012NED", region_codes=["GM0363"],
                          state=CbsRun.State.DONE, figures_added=3, requested_by=team.owner,
                          finished_at=timezone.now())
    for user in (team.viewer, team.contributor):
        client.force_login(user)
        page = client.get(_url(place)).content.decode()
        assert "3 figures stored" in page
        assert 'name="table_id"' not in page
        response = client.post(_url(place), {"table_id": "85012NED", "region_codes": "GM0363"})
        assert response.status_code == 403
    client.force_login(team.outsider)
    assert client.get(_url(place)).status_code == 404
    assert CbsRun.objects.count() == 1


def test_a_run_under_way_refreshes_the_page_and_blocks_a_second(client, team, place,
                                                                  statline):
    CbsRun.objects.create(project=place, table_id="85012NED", region_codes=["GM0363"],
                          requested_by=team.owner)
    client.force_login(team.owner)
    page = client.get(_url(place)).content.decode()
    assert 'http-equiv="refresh"' in page and "waiting for the worker" in page
    response = _start(client, team.owner, place)
    assert not statline.seen
    assert "already under way" in response.content.decode()
    assert CbsRun.objects.count() == 1


def test_a_run_that_lost_its_worker_does_not_block(client, team, place, statline):
    old = CbsRun.objects.create(project=place, table_id="85012NED", region_codes=["GM0363"])
    CbsRun.objects.filter(pk=old.pk).update(
        requested_at=timezone.now() - cbs_runs.STALE_AFTER * 2)
    statline.record_health_table()
    _start(client, team.owner, place)
    assert CbsRun.objects.filter(state="done").count() == 1


def test_the_worker_writes_its_message_in_the_askers_language(team, place, settings):
    from evidence.tasks import cbs_run_task

    run = CbsRun.objects.create(project=place, table_id="85012NED", region_codes=["GM0363"])
    settings.CBS_ODATA_URL = unreachable_url()
    cbs_run_task.enqueue(run.pk, "nl")
    run.refresh_from_db()
    assert run.state == "failed" and "niet bereikbaar" in run.message, run.message


@pytest.mark.parametrize("runs", [1, 8])
def test_the_page_costs_a_fixed_number_of_queries(client, team, place, runs,
                                                  django_assert_max_num_queries):
    for _ in range(runs):
        CbsRun.objects.create(project=place, table_id="85012NED", region_codes=["GM0363"],
                              state="failed", message="x", requested_by=team.editor)
    client.force_login(team.owner)
    with django_assert_max_num_queries(8):
        assert client.get(_url(place)).status_code == 200
