"""Export, then import into an empty project: the same register comes back; importing the same
file again changes and duplicates nothing."""

from __future__ import annotations

import pytest

from history.models import Version
from history.services import versions_of
from parties.models import Assessment, ContactPerson, Party
from tests.factories import make_project
from transfer.export import register_csv, register_xlsx
from transfer.importer import party_import_apply, party_import_preview
from transfer.selectors import register_rows

pytestmark = pytest.mark.django_db

PARTY_FIELDS = [
    "name",
    "kind",
    "is_internal",
    "layer",
    "sector",
    "role",
    "ring",
    "goals",
    "interests",
    "activities",
    "position",
    "working_methods",
    "health_contribution",
    "theme_expertise",
    "works_with_vulnerable_groups",
    "in_core_group",
    "own_identity",
]
CONTACT_FIELDS = ["name", "function", "email", "phone", "legal_basis", "do_not_contact"]
SCORES = [
    "assessed_on",
    "power",
    "interest",
    "legitimacy",
    "urgency",
    "attitude",
    "engagement_current",
    "engagement_desired",
    "note",
]


def _picture(project) -> dict:
    picture = {}
    for party in Party.objects.filter(project=project).select_related("latest_assessment"):
        latest = party.latest_assessment
        picture[party.name] = {
            "fields": {f: getattr(party, f) for f in PARTY_FIELDS},
            "segments": sorted(s.name for s in party.segments.all()),
            "contacts": sorted(
                tuple(getattr(c, f) for f in CONTACT_FIELDS) for c in party.contacts.all()
            ),
            "latest": {f: getattr(latest, f) for f in SCORES} if latest else None,
        }
    return picture


def _counts(project) -> tuple[int, ...]:
    return (
        Party.objects.filter(project=project).count(),
        ContactPerson.objects.filter(party__project=project).count(),
        Assessment.objects.filter(party__project=project).count(),
        Version.objects.filter(project=project).count(),
    )


@pytest.mark.parametrize("write", [register_xlsx, register_csv])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_export_then_import_into_an_empty_project_gives_the_same_register(
    team, register, write, language
):
    content = write(register_rows(project=team.project), language)
    empty = make_project(team.owner, title="Leeg")

    outcome = party_import_apply(project=empty, content=content, user=team.owner)

    assert (outcome.created, outcome.updated, outcome.unchanged) == (3, 0, 0)
    assert outcome.errors == []
    assert _picture(empty) == _picture(team.project)


def test_import_records_its_history_compactly(team, register):
    content = register_xlsx(register_rows(project=team.project), "nl")
    empty = make_project(team.owner, title="Leeg")
    party_import_apply(project=empty, content=content, user=team.owner)

    # One version for the whole import, no copy of each object it created.
    [record] = Version.objects.filter(project=empty)
    assert record.action == "import" and record.user == team.owner
    # Each object's own history shows that version as its creation, with how it looked.
    brug = Party.objects.get(project=empty, name="Café De Brug")
    [version] = versions_of(brug)
    assert version.pk == record.pk and version.object_id == brug.pk
    assert version.data["name"] == "Café De Brug"
    assert sorted(version.data["segments"]) == sorted(s.pk for s in brug.segments.all())
    assert version.changes["name"] == [None, "Café De Brug"]
    contacts = ContactPerson.objects.filter(party__project=empty)
    assert contacts.count() == 3 and all(len(versions_of(c)) == 1 for c in contacts)
    assessments = Assessment.objects.filter(party__project=empty)
    assert assessments.count() == 2 and all(len(versions_of(a)) == 1 for a in assessments)
    assert brug.latest_assessment.assessed_by == team.owner
    assert brug.sort_name == "cafe de brug"


@pytest.mark.parametrize("write", [register_xlsx, register_csv])
def test_importing_the_same_file_again_changes_nothing(team, register, write):
    content = write(register_rows(project=team.project), "nl")
    before = _counts(team.project)

    assert party_import_preview(project=team.project, content=content).unchanged == 3
    outcome = party_import_apply(project=team.project, content=content, user=team.owner)

    assert (outcome.created, outcome.updated, outcome.unchanged) == (0, 0, 3)
    assert _counts(team.project) == before


def test_second_import_into_the_new_project_changes_nothing_either(team, register):
    content = register_xlsx(register_rows(project=team.project), "en")
    empty = make_project(team.owner, title="Leeg")
    party_import_apply(project=empty, content=content, user=team.owner)
    after_first = _counts(empty)

    outcome = party_import_apply(project=empty, content=content, user=team.owner)

    assert outcome.unchanged == 3
    assert _counts(empty) == after_first
