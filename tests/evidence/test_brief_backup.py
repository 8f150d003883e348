"""A backup carries the briefs: the draft with the passages and indicators it quotes, and each
issued version with its files."""

from __future__ import annotations

from evidence import brief
from evidence.models import ArgumentBrief, IssuedBrief
from projects.backup import backup_data, backup_restore
from tests.evidence.brief_data import brief_project


def test_a_restored_project_has_its_briefs_and_their_files(team):
    brief_project(team.project, user=team.owner)
    draft = brief.brief_create(project=team.project, data={"ask": "Steun ons"})
    issued = brief.brief_issue(brief=draft, user=team.owner)
    before = backup_data(team.project)
    assert backup_data(team.project) == before
    restored = backup_restore(before, replace=True).project
    assert backup_data(restored) == before
    again = ArgumentBrief.objects.get(project=restored)
    assert again.ask == "Steun ons"
    mark = again.cited_marks.get()
    assert mark.project_id == restored.pk and mark.passage.page == 2
    assert again.cited_indicators.get().project_id == restored.pk
    kept = IssuedBrief.objects.get(project=restored)
    assert bytes(kept.pdf) == bytes(issued.pdf) and kept.brief_id == again.pk
