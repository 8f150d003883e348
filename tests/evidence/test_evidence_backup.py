from __future__ import annotations

import pytest

from evidence import services
from evidence.models import EvidenceMark, Passage
from projects.backup import backup_data, backup_restore
from projects.models import Place
from tests.evidence.factories import make_document

pytestmark = pytest.mark.django_db


def test_documents_pages_passages_and_marks_restore_to_the_same_data(team):
    place = Place.objects.create(name="Hoogveld", code="GM9999", country="NL")
    team.project.places.add(place)
    document = make_document(team.project, place=place, year=2026, organisation="Gemeente")
    passage = Passage.objects.get(document=document)
    services.mark_create(passage=passage, data={"note": "Kern"}, user=team.contributor)
    services.vocabulary(project=team.project)
    before = backup_data(team.project)
    assert before["tables"]["policy_documents"][0]["place"] == ["Hoogveld", "GM9999"]
    restored = backup_restore(before, replace=True).project
    assert backup_data(restored) == before
    assert EvidenceMark.objects.get(project=restored).passage.document.place == place
