"""The figures' pages: the list at a fixed number of queries, the import through its preview,
the indicator page with chart and table, the district profile, and who may do what."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evidence.figures.models import Figure, FigureImport, Indicator
from tests.evidence.test_figures_import import CBS_CSV, GGD_CSV, _run
from tests.factories import make_party, make_segment


def _url(name, team, *args):
    return reverse(f"evidence:{name}", args=[team.project.pk, *args])


def test_the_list_costs_the_same_queries_for_few_and_many_indicators(team, client):
    client.force_login(team.viewer)
    _run(team.project, team.owner, GGD_CSV.encode())
    with CaptureQueriesContext(connection) as few:
        assert client.get(_url("figures", team)).status_code == 200
    for n in range(30):
        Indicator.objects.create(project=team.project, name=f"Indicator {n}")
    with CaptureQueriesContext(connection) as many:
        response = client.get(_url("figures", team))
    assert response.status_code == 200 and "Indicator 1" in response.text
    assert len(many) == len(few)


def test_import_through_the_preview(team, client):
    client.force_login(team.contributor)
    upload = SimpleUploadedFile("statline.csv", CBS_CSV.encode("utf-8"))
    response = client.post(_url("figure_import", team), {"file": upload, "source": "CBS"})
    batch = FigureImport.objects.get()
    assert response.status_code == 302 and response.url == _url("figure_preview", team, batch.pk)
    page = client.get(response.url)
    assert page.status_code == 200 and "Kop Zeedijk" in page.text
    post = {f"col{i}": role for i, role in enumerate(
        ["region_name", "region_code", "period", "values", "values"]
    )}
    response = client.post(_url("figure_preview", team, batch.pk), post)
    assert response.status_code == 302
    assert Figure.objects.filter(indicator__project=team.project).count() == 7


def test_a_wrong_mapping_shows_the_errors_and_stores_nothing(team, client):
    client.force_login(team.contributor)
    batch = FigureImport.objects.create(
        project=team.project, user=team.contributor, filename="g.csv",
        content=(GGD_CSV + "Roken;Oost;WK036399;20xx;12,0;;\n").encode(),
    )
    response = client.post(_url("figure_preview", team, batch.pk), {
        "col0": "indicator", "col1": "region_name", "col2": "region_code", "col3": "period",
        "col4": "value", "col5": "lower", "col6": "upper",
    })
    assert response.status_code == 400 and "20xx" in response.text
    assert not Figure.objects.exists()


def test_an_unreadable_file_is_refused_with_a_message(team, client):
    client.force_login(team.contributor)
    upload = SimpleUploadedFile("t.csv", b"MZ\x90\x00\x03\x00\x00\x00" * 200)
    response = client.post(_url("figure_import", team), {"file": upload})
    assert response.status_code == 400 and not FigureImport.objects.exists()


def test_the_indicator_page_shows_the_chart_and_the_table(team, client):
    _run(team.project, team.owner, GGD_CSV.encode())
    indicator = Indicator.objects.get()
    client.force_login(team.viewer)
    response = client.get(_url("indicator", team, indicator.pk))
    assert response.status_code == 200
    assert "<svg" in response.text and "GGD Amsterdam" in response.text
    assert "WK036300" in response.text


def test_the_district_profile_names_segments_and_the_parties_that_reach_them(team, client):
    _run(team.project, team.owner, GGD_CSV.encode())
    segment = make_segment(team.project, name="Jonge ouders")
    party = make_party(team.project, name="Buurtteam Centrum")
    party.segments.add(segment)
    client.force_login(team.contributor)
    url = _url("district", team, "WK036300")
    assert client.post(url, {"segments": [segment.pk]}).status_code == 302
    response = client.get(url)
    assert "Jonge ouders" in response.text and "Buurtteam Centrum" in response.text
    assert "17,5" in response.text or "17.5" in response.text
    assert client.get(_url("district", team, "WK999999")).status_code == 404


def test_a_viewer_cannot_import_or_bin_and_an_outsider_sees_nothing(team, client):
    _run(team.project, team.owner, GGD_CSV.encode())
    indicator = Indicator.objects.get()
    client.force_login(team.viewer)
    upload = SimpleUploadedFile("t.csv", GGD_CSV.encode())
    assert client.post(_url("figure_import", team), {"file": upload}).status_code in (403, 404)
    assert client.post(_url("indicator_delete", team, indicator.pk)).status_code in (403, 404)
    client.force_login(team.outsider)
    assert client.get(_url("figures", team)).status_code == 404
    assert client.get(_url("indicator", team, indicator.pk)).status_code == 404


def test_an_indicator_goes_to_the_bin_and_comes_back(team, client):
    from history.bin import kind_for

    _run(team.project, team.owner, GGD_CSV.encode())
    indicator = Indicator.objects.get()
    client.force_login(team.editor)
    assert client.post(_url("indicator_delete", team, indicator.pk)).status_code == 302
    assert not Indicator.objects.exists()
    kind = kind_for("indicator")
    assert list(kind.in_bin(team.project)) == [indicator]
    kind.restore(Indicator.everything.get(), team.editor)
    assert Indicator.objects.get().figures.count() == 4
