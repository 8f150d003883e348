"""Local figures in a project's backup: indicators, figures (their import batch is not kept,
the file was dropped once applied) and the districts where segments live."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from evidence.figures import services
from evidence.figures.importing import guess_mapping
from evidence.figures.models import Figure, SegmentDistrict
from projects.backup import backup_data
from projects.models import Project
from tests.evidence.test_figures_import import GGD_CSV
from tests.factories import make_segment

pytestmark = pytest.mark.django_db


def test_imported_figures_and_segment_districts_survive_backup_and_restore(team, tmp_path):
    project = team.project
    batch, table = services.figure_import_upload(
        project=project, user=team.owner, filename="ggd.csv", content=GGD_CSV.encode(),
        source="GGD", licence="CC BY 4.0",
    )
    assert services.figure_import_run(batch=batch, roles=guess_mapping(table)).ok
    assert Figure.objects.filter(batch=batch).count() == 4
    segment = make_segment(project, name="Jongeren")
    services.segment_districts_set(segment=segment, codes=["WK036300", "bu03630000"])
    before = backup_data(project)
    assert len(before["tables"]["figures"]) == 4
    assert all("batch" not in row for row in before["tables"]["figures"])
    assert sorted(r["region_code"] for r in before["tables"]["segment_districts"]) == [
        "BU03630000", "WK036300",
    ]
    path = tmp_path / "figures.json.gz"
    call_command("backup", project.pk, path)
    project.delete()
    call_command("restore", path)
    restored = Project.objects.get(uid=before["project"]["uid"])
    assert backup_data(restored) == before
    assert SegmentDistrict.objects.filter(segment__project=restored).count() == 2
