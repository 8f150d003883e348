"""The demo's local figures: a small table written for the demo (every value invented), imported
through the same path as a user's upload, and the district where one target segment lives."""

from __future__ import annotations

from pathlib import Path

from evidence.figures import services
from evidence.figures.importing import guess_mapping
from projects.models import Project, TargetSegment

TABLE = Path(__file__).resolve().parent.parent / "data" / "demo-figures-hoogveld.csv"
SOURCE = "Demo: verzonnen cijfers voor Hoogveld, geen echte metingen"
LICENCE = "CC0, geschreven voor de demo"
# The segment named in the demo as living mostly in the Kouterwijk.
SEGMENT_DISTRICTS = {"Gezinnen met jonge kinderen in de sociale huisvesting": ["46029A"]}


def figures_demo(project: Project, user) -> int:
    """Import the demo table into the project; the number of figures stored."""
    batch, table = services.figure_import_upload(
        project=project, user=user, filename=TABLE.name, content=TABLE.read_bytes(),
        source=SOURCE, licence=LICENCE,
    )
    plan = services.figure_import_run(batch=batch, roles=guess_mapping(table))
    if not plan.ok:  # the shipped table is wrong: fail loudly rather than show a half demo
        raise ValueError(f"demo figures: {plan.problems or plan.errors[:3]}")
    for name, codes in SEGMENT_DISTRICTS.items():
        for segment in TargetSegment.objects.filter(project=project, name=name):
            services.segment_districts_set(segment=segment, codes=codes)
    return len(plan.rows)
