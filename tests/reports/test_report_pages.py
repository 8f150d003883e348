"""The report pages: issuing through preview, downloads, who may do what, the rhythm's
reminder and the briefing note."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from reports import services
from reports.models import BoardReport
from tests.reports.factories import fill_project
from tests.reports.reading import docx_text, pdf_pages, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(team):
    return fill_project(team.project)


def _form(filled, **extra) -> dict:
    return {
        "audience": "council",
        "period_start": filled["since"].isoformat(),
        "period_end": filled["today"].isoformat(),
        "title": "",
        **extra,
    }


def test_editor_previews_then_issues(client, team, filled):
    client.force_login(team.editor)
    url = reverse("reports:issue", args=[team.project.pk])
    assert client.get(url).status_code == 200
    preview = client.post(url, _form(filled, preview="1"), HTTP_ACCEPT_LANGUAGE="en")
    assert preview.status_code == 200
    assert "Structureel budget voor preventieve mondzorg" in preview.content.decode()
    assert not BoardReport.objects.exists()  # a preview keeps nothing
    issued = client.post(url, _form(filled, issue="1"))
    assert issued.status_code == 302
    report = BoardReport.objects.get()
    assert report.audience == "council" and report.issued_by == team.editor
    listing = client.get(reverse("reports:list", args=[team.project.pk]))
    assert report.title in listing.content.decode()


def test_viewer_downloads_both_files_as_issued(client, team, filled):
    report = services.report_issue(
        project=team.project, audience="board", period_end=filled["today"], user=team.owner
    )
    client.force_login(team.viewer)
    pdf = client.get(reverse("reports:pdf", args=[team.project.pk, report.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content == bytes(report.pdf)
    assert "Wethouder Jansen" in pdf_text(pdf.content)
    docx = client.get(reverse("reports:docx", args=[team.project.pk, report.pk]))
    assert "attachment" in docx["Content-Disposition"]
    assert "Budget voor tandenborstels" in docx_text(docx.content)


@pytest.mark.parametrize("role", ["viewer", "contributor"])
def test_only_editors_and_owners_issue(client, team, filled, role):
    client.force_login(getattr(team, role))
    url = reverse("reports:issue", args=[team.project.pk])
    assert client.post(url, _form(filled, issue="1")).status_code == 403
    assert not BoardReport.objects.exists()


def test_report_of_another_project_is_out_of_reach(client, team, filled):
    report = services.report_issue(
        project=team.project, audience="board", period_end=filled["today"]
    )
    client.force_login(team.outsider)
    assert client.get(reverse("reports:pdf", args=[team.project.pk, report.pk])).status_code == 404
    foreign = reverse("reports:pdf", args=[team.other_project.pk, report.pk])
    assert client.get(foreign).status_code == 404


def test_a_period_ending_in_the_future_is_refused_with_a_message(client, team, filled):
    client.force_login(team.owner)
    later = (filled["today"] + timedelta(days=3)).isoformat()
    response = client.post(
        reverse("reports:issue", args=[team.project.pk]),
        _form(filled, period_end=later, issue="1"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert "cannot look ahead" in response.content.decode()
    assert not BoardReport.everything.exists()


def test_withdrawn_report_goes_to_the_bin(client, team, filled):
    report = services.report_issue(
        project=team.project, audience="board", period_end=filled["today"]
    )
    client.force_login(team.editor)
    client.post(reverse("reports:delete", args=[team.project.pk, report.pk]))
    assert BoardReport.everything.get(pk=report.pk).deleted_at is not None
    bin_page = client.get(reverse("parties:bin", args=[team.project.pk]))
    assert report.title in bin_page.content.decode()


def test_the_rhythm_reminds_in_the_to_do_list(client, team):
    team.project.start_date = timezone.localdate() - timedelta(days=200)
    team.project.save()
    client.force_login(team.owner)
    todo = reverse("engagement:project_todo", args=[team.project.pk])
    assert "report to the board" not in client.get(todo, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    response = client.post(
        reverse("reports:settings", args=[team.project.pk]), {"rhythm_months": "3"}
    )
    assert response.status_code == 302
    page = client.get(todo, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "The first progress report to the board is due." in page


def test_a_recent_report_quiets_the_reminder(client, team, filled):
    services.report_settings_update(project=team.project, rhythm_months=3)
    services.report_issue(project=team.project, audience="board", period_end=filled["today"])
    client.force_login(team.owner)
    page = client.get(
        reverse("engagement:project_todo", args=[team.project.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "progress report" not in page


def test_a_bad_rhythm_changes_nothing(client, team):
    client.force_login(team.owner)
    client.post(reverse("reports:settings", args=[team.project.pk]), {"rhythm_months": "99"})
    assert not hasattr(team.project, "report_settings") or not team.project.report_settings.pk


def test_briefing_note_is_one_page_in_pdf_and_word(client, team, filled):
    client.force_login(team.viewer)
    args = [team.project.pk, filled["alderman"].pk]
    page = client.get(reverse("reports:briefing", args=args), HTTP_ACCEPT_LANGUAGE="en")
    assert "Cijfers over tandbederf bij kleuters" in page.content.decode()
    pdf = client.get(reverse("reports:briefing_pdf", args=args), HTTP_ACCEPT_LANGUAGE="en")
    assert pdf_pages(pdf.content) == 1
    docx = client.get(reverse("reports:briefing_docx", args=args), HTTP_ACCEPT_LANGUAGE="en")
    for text in (pdf_text(pdf.content), docx_text(docx.content)):
        assert "Wethouder Jansen" in text
        assert "Volksgezondheid en armoedebestrijding" in text  # the portfolio
        assert "Cijfers over tandbederf bij kleuters" in text  # what worked
        assert "Structureel budget voor preventieve mondzorg" in text  # the next ask
        assert "Budget voor tandenborstels" not in text  # a commitment, not a success
    assert "Briefing note" in client.get(
        reverse("parties:detail", args=args), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()


def test_the_demo_has_two_reports_issued():
    from projects.demo import demo_load

    project, _created = demo_load()
    reports = list(BoardReport.objects.filter(project=project))
    assert len(reports) == 2
    assert {r.audience for r in reports} == {"board", "council"}
    assert all(bytes(r.pdf).startswith(b"%PDF") for r in reports)
    assert project.report_settings.rhythm_months == 3
