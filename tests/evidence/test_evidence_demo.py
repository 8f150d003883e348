"""The demo ships two policy texts written for it, already scanned, with passages to cite."""

from __future__ import annotations

import pytest

from evidence.models import ScanStatus
from evidence.selectors import citations
from projects.demo import demo_load

pytestmark = pytest.mark.django_db


def test_the_demo_has_two_scanned_documents_with_citations():
    project, _created = demo_load()
    documents = list(project.policy_documents.all())
    assert {d.kind for d in documents} == {"coalition_agreement", "health_memorandum"}
    assert all(d.status == ScanStatus.DONE and d.pages_total == 3 for d in documents)
    assert all(d.hits for d in documents)
    quotes = [c.quote for c in citations(project)]
    assert len(quotes) == 2
    assert any("gezondheidsverschillen" in q for q in quotes)
    assert any("proportioneel universalisme" in q for q in quotes)
