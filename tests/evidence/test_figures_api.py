"""Indicators and figures in the API: listed, read, added, changed with If-Match and moved to
the bin, with the pages' access rules and the import's reading of periods and region codes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.test import Client

from evidence.figures.models import Figure, Indicator
from tests.api.conftest import Api
from tests.evidence.test_figures_import import GGD_CSV, _run


@pytest.fixture
def api(db) -> Api:
    return Api(Client())


def _base(team, what: str) -> str:
    return f"/projects/{team.project.pk}/evidence/{what}"


def test_indicator_added_changed_with_if_match_and_binned(api, team):
    created = api.post(_base(team, "indicators"), team.contributor,
                       {"name": "Roken", "unit": "%", "source": "GGD"})
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["name"] == "Roken" and created["ETag"] == '"1"'
    url = f"{_base(team, 'indicators')}/{body['id']}"
    assert api.patch(url, team.contributor, {"unit": "‰"}).status_code == 428
    assert api.patch(url, team.contributor, {"unit": "‰"}, if_match=7).status_code == 412
    changed = api.patch(url, team.contributor, {"unit": "‰"}, if_match=1)
    assert changed.status_code == 200 and changed.json()["unit"] == "‰"
    # Binning an indicator with its figures needs an editor, as on the pages.
    assert api.delete(url, team.contributor, if_match=2).status_code == 403
    assert api.delete(url, team.editor, if_match=2).status_code == 204
    assert Indicator.everything.get(pk=body["id"]).deleted_at is not None
    assert api.get(_base(team, "indicators"), team.viewer).json()["count"] == 0


def test_figures_listed_filtered_and_read(api, team):
    _run(team.project, team.owner, GGD_CSV.encode())
    listed = api.get(_base(team, "figures"), team.viewer)
    assert listed.status_code == 200 and listed.json()["count"] == 4
    district = api.get(_base(team, "figures"), team.viewer, region_code="wk036300").json()
    [item] = district["items"]
    assert (item["region_level"], item["value"], item["lower"], item["upper"]) == (
        "district", 22.0, 19.9, 24.1
    )
    one = api.get(f"{_base(team, 'figures')}/{item['id']}", team.viewer)
    assert one.status_code == 200 and one["ETag"] == '"1"'
    assert api.get(_base(team, "figures"), team.viewer, period="2020JJ00").json()["count"] == 4


def test_a_figure_is_added_with_the_period_and_level_read_as_the_import_reads_them(api, team):
    indicator = Indicator.objects.create(project=team.project, name="Overgewicht", unit="%")
    created = api.post(_base(team, "figures"), team.contributor, {
        "indicator": indicator.pk, "region_code": "GM0363 ", "region_name": "Amsterdam",
        "period": "2022JJ00", "value": 43.5, "lower": 41, "upper": 46,
    })
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["period"], body["period_start"], body["region_level"], body["region_code"]) == (
        "2022", "2022-01-01", "municipality", "GM0363"
    )
    figure = Figure.objects.get(pk=body["id"])
    assert figure.value == Decimal("43.5")
    url = f"{_base(team, 'figures')}/{body['id']}"
    moved = api.patch(url, team.contributor, {"period": "2023"}, if_match=1)
    assert moved.status_code == 200 and moved.json()["period_start"] == "2023-01-01"
    assert api.delete(url, team.contributor, if_match=2).status_code == 204
    assert Figure.everything.get(pk=body["id"]).deleted_at is not None


@pytest.mark.parametrize(("change", "field"), [
    ({"period": "some day"}, "period"),
    ({"region_code": "XX12"}, "region_code"),
    ({"value": 50, "upper": 46}, "value"),
])
def test_bad_input_names_its_field_and_changes_nothing(api, team, change, field):
    indicator = Indicator.objects.create(project=team.project, name="Roken")
    data = {"indicator": indicator.pk, "region_code": "GM0363", "period": "2022",
            "value": 20, **change}
    response = api.post(_base(team, "figures"), team.contributor, data, language="nl")
    assert response.status_code == 422, response.content
    [error] = response.json()["detail"]
    assert error["loc"][-1] == field
    assert error["msg"] and "is not" not in error["msg"]  # in Dutch
    assert not Figure.objects.exists()


def test_an_indicator_of_another_project_is_refused(api, team):
    other = Indicator.objects.create(project=team.other_project, name="Elders")
    response = api.post(_base(team, "figures"), team.contributor, {
        "indicator": other.pk, "region_code": "GM0363", "period": "2022", "value": 1,
    })
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "indicator"
    assert api.get(f"{_base(team, 'indicators')}/{other.pk}", team.owner).status_code == 404


def test_roles_as_on_the_pages(api, team):
    _run(team.project, team.owner, GGD_CSV.encode())
    figure = Figure.objects.filter(indicator__project=team.project).first()
    assert api.post(_base(team, "indicators"), team.viewer, {"name": "x"}).status_code == 403
    assert api.delete(f"{_base(team, 'figures')}/{figure.pk}", team.viewer,
                      if_match=1).status_code == 403
    assert api.get(_base(team, "figures"), team.outsider).status_code == 404
    assert api.get(f"{_base(team, 'figures')}/{figure.pk}", team.outsider).status_code == 404
