"""Reports to the board in the API: editors issue, viewers read and download the files as they
were issued, withdrawing needs the version and goes to the bin."""

from __future__ import annotations

import pytest
from django.utils import timezone

from reports.models import BoardReport
from tests.api.conftest import field_errors
from tests.reports.factories import fill_project
from tests.reports.reading import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_editor_issues_and_viewer_reads_and_downloads(api, team):
    fill_project(team.project)
    url = f"/projects/{team.project.pk}/reports"
    body = {"audience": "council", "period_end": timezone.localdate().isoformat(),
            "title": "Voortgang voor de raad"}
    assert api.post(url, team.viewer, body).status_code == 403
    assert api.post(url, team.contributor, body).status_code == 403
    created = api.post(url, team.editor, body)
    assert created.status_code == 201, created.content
    report = created.json()
    assert report["issued_by"] == "bob" and report["audience"] == "council"
    assert report["data"]["decisions"][0]["ask"] == "Structureel budget voor preventieve mondzorg"
    assert api.get(url, team.viewer).json()["count"] == 1
    pdf = api.get(f"{url}/{report['id']}/pdf", team.viewer)
    assert pdf["Content-Type"] == "application/pdf"
    assert "Voortgang voor de raad" in pdf_text(pdf.content)
    docx = api.get(f"{url}/{report['id']}/docx", team.viewer)
    assert "Wethouder Jansen" in docx_text(docx.content)
    assert pdf.content == bytes(BoardReport.objects.get().pdf)
    assert api.get(f"{url}/{report['id']}/pdf", team.outsider).status_code == 404


def test_a_future_period_names_the_field(api, team):
    url = f"/projects/{team.project.pk}/reports"
    response = api.post(url, team.owner, {"period_end": "2999-01-01"})
    assert response.status_code == 422
    assert "period_end" in field_errors(response)
    assert not BoardReport.everything.exists()


def test_withdrawing_needs_the_version_and_goes_to_the_bin(api, team):
    url = f"/projects/{team.project.pk}/reports"
    report = api.post(url, team.owner, {"period_end": timezone.localdate().isoformat()}).json()
    item = f"{url}/{report['id']}"
    assert api.delete(item, team.owner).status_code == 428
    assert api.delete(item, team.owner, if_match=report["version"] + 5).status_code == 412
    assert api.delete(item, team.owner, if_match=report["version"]).status_code == 204
    assert BoardReport.everything.get().deleted_at is not None
    assert api.get(item, team.owner).status_code == 404
