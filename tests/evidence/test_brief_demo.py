"""The demo has one issued brief for the alderman that quotes a marked passage of its coalition
agreement, in Dutch, in both files."""

from __future__ import annotations

import pytest

from evidence.brief_demo import ASK, QUOTED_DOCUMENT, SHOWN_INDICATOR
from evidence.models import IssuedBrief
from projects.demo import demo_load
from tests.reports.reading import docx_text, pdf_text


@pytest.mark.django_db
def test_the_demo_has_an_issued_brief_quoting_a_marked_passage():
    project, _created = demo_load()
    issued = IssuedBrief.objects.get(project=project)
    assert issued.audience == "alderman" and issued.language == "nl"
    [citation] = issued.data["citations"]
    assert citation["document"] == QUOTED_DOCUMENT
    assert [i["name"] for i in issued.data["indicators"]] == [SHOWN_INDICATOR]
    quote = " ".join(citation["quote"].split())
    for text in (docx_text(issued.docx), pdf_text(issued.pdf)):
        assert quote in text and ASK in text
        assert f"{QUOTED_DOCUMENT}, Gemeente Hoogveld, 2026, pagina {citation['page']}" in text
