"""Issuing a report: the data it freezes, both files read back, and the record it leaves."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from history.models import Version
from reports import selectors, services
from reports.models import BoardReport
from tests.reports.factories import fill_project
from tests.reports.reading import docx_text, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def filled(team):
    return fill_project(team.project)


def _issue(team, filled, **kwargs):
    kwargs.setdefault("audience", "board")
    with translation.override("en"):
        return services.report_issue(
            project=team.project, period_start=filled["since"], period_end=filled["today"],
            user=team.editor, **kwargs,
        )


def test_report_data_names_movers_commitments_successes_plan_and_decisions(team, filled):
    data = selectors.progress_data(
        project=team.project, period_end=filled["today"], period_start=filled["since"]
    )
    assert [m["name"] for m in data["movers"]] == ["Wethouder Jansen"]
    assert (data["movers"][0]["before"], data["movers"][0]["now"]) == (-1, 1)
    assert data["commitments"]["delivered_count"] == 1
    assert data["commitments"]["overdue"][0]["what"] == "Poetsles in groep 1"
    assert [s["title"] for s in data["successes"]] == ["Eerste poetsdag op school"]
    assert data["plan"]["running"] == ["Folder maken"]
    assert data["decisions"][0]["ask"] == "Structureel budget voor preventieve mondzorg"
    overall = data["support"]["layers"][0]
    assert overall["layer"] == "overall"
    # Σ(power × attitude) / Σ(power) = (5×1 + 2×1) / 7
    assert overall["now"] == {"index": 1.0, "parties": 2}


def test_support_now_and_at_the_previous_report(team, filled):
    first = _issue(team, filled, title="Eerste rapportage")
    first.period_end = filled["today"] - timedelta(days=50)
    first.save(update_fields=["period_end"])
    data = selectors.progress_data(project=team.project, period_end=filled["today"])
    board = next(row for row in data["support"]["layers"] if row["layer"] == "board")
    assert board["then"] == {"index": -1.0, "parties": 1}  # before the alderman moved
    assert board["now"]["index"] == 1.0
    assert data["previous"]["title"] == "Eerste rapportage"


def test_both_files_carry_the_report(team, filled):
    report = _issue(team, filled, audience="council")
    for text in (pdf_text(report.pdf), docx_text(report.docx)):
        assert report.title in text
        assert "Wethouder Jansen" in text
        assert "Budget voor tandenborstels" in text
        assert "Poetsles in groep 1" in text
        assert "Eerste poetsdag op school" in text
        assert "Structureel budget voor preventieve mondzorg" in text
        assert "Folder maken" in text
        assert "council" in text.lower()
    assert bytes(report.pdf).startswith(b"%PDF")


def test_issued_report_is_kept_as_it_was(team, filled):
    report = _issue(team, filled)
    pdf, docx = bytes(report.pdf), bytes(report.docx)
    filled["alderman"].name = "Iemand anders"
    filled["alderman"].save()
    stored = BoardReport.objects.get(pk=report.pk)
    assert (bytes(stored.pdf), bytes(stored.docx)) == (pdf, docx)
    assert stored.data["movers"][0]["name"] == "Wethouder Jansen"
    assert stored.issued_by == team.editor


def test_issuing_is_recorded_without_the_files(team, filled):
    report = _issue(team, filled)
    version = Version.objects.get(object_id=report.pk, content_type__model="boardreport")
    assert version.action == Version.Action.CREATE and version.user == team.editor
    assert "pdf" not in version.data and version.data["title"] == report.title


def test_bin_and_back(team, filled):
    report = _issue(team, filled)
    services.report_delete(report=report, user=team.editor)
    assert not BoardReport.objects.filter(pk=report.pk).exists()
    services.report_restore(report=BoardReport.everything.get(pk=report.pk), user=team.owner)
    assert BoardReport.objects.filter(pk=report.pk).exists()


@pytest.mark.parametrize(
    "start_days, end_days, field",
    [(0, 5, "period_end"), (-3, -10, "period_start"), (-3000, 0, "period_start")],
)
def test_bad_period_is_refused_and_nothing_kept(team, start_days, end_days, field):
    today = selectors.timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.report_issue(
            project=team.project, audience="board",
            period_start=today + timedelta(days=start_days),
            period_end=today + timedelta(days=end_days),
        )
    assert field in error.value.message_dict
    assert not BoardReport.everything.exists()


def test_control_characters_in_the_title_do_not_break_the_files(team, filled):
    report = _issue(team, filled, title="Rapportage\x0b voor\x00 de raad")
    assert report.title == "Rapportage voor de raad"
    assert "Rapportage voor de raad" in docx_text(report.docx)
