"""Every picture and document copes with control characters already stored (from before the
ways in cleaned them, or written straight to the database): no 500, valid XML, readable files."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from datetime import date

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from analysis.views import ANALYSES
from engagement.models import Commitment
from forcefield.models import Force, ForceField
from forcefield.services import force_create
from parties.models import ContactPerson, Party, Relation
from parties.services import relation_create
from planning import documents
from planning.models import Success, SuccessMessage
from planning.services import success_message_create
from projects.models import Project, TargetSegment
from tests.engagement.factories import make_commitment
from tests.factories import assess, make_contact, make_party, make_segment
from tests.planning.conftest import make_success

pytestmark = pytest.mark.django_db

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F,
                                     0x85, 0x9F])


@pytest.fixture
def stored(team):
    """A project whose names and texts carry control characters, written through the ORM."""
    project = team.project
    first = make_party(project, name="placeholder one", layer="board")
    second = make_party(project, name="placeholder two", layer="staff")
    segment = make_segment(project, name="placeholder segment")
    second.segments.add(segment)
    assess(first, power=5, interest=4, attitude=2, engagement_current="unaware")
    assess(second, power=2, interest=5, attitude=-2)
    relation_create(project=project, data={"source": first, "target": second, "strength": 4})
    contact = make_contact(first, name="placeholder contact")
    force_create(project=project, data={"direction": "driving", "description": "placeholder",
                                        "strength": 3, "party": first})
    force_create(project=project, data={"direction": "restraining", "description": "tegen",
                                        "strength": 2})
    success = make_success(project, [first], title="placeholder", achieved_on=date(2026, 2, 3))
    make_commitment(second, what="placeholder")
    message = success_message_create(
        project=project, data={"title": "placeholder", "audience": "partners", "text": "x"},
        successes=[success],
    )
    Project.objects.filter(pk=project.pk).update(title="Mondzorg\x07 Hoogveld")
    Party.objects.filter(pk=first.pk).update(name="A\x01B", goals="doel\x0b")
    # All but NUL, which PostgreSQL does not store.
    Party.objects.filter(pk=second.pk).update(name=f"C{CONTROLS[1:]}D")
    TargetSegment.objects.filter(pk=segment.pk).update(name="Seg\x1bment")
    Relation.objects.filter(project=project).update(note="band\x0c")
    ContactPerson.objects.filter(pk=contact.pk).update(name="An\x01 Claes", function="co\x0b")
    ForceField.objects.filter(project=project).update(change="Verandering\x0b\x01")
    Force.objects.filter(party=first).update(description="Duw\x02kracht")
    Success.objects.filter(pk=success.pk).update(title="Proef\x0bjaar", description="ok\x01")
    Commitment.objects.filter(party=second).update(what="Folder\x0b")
    SuccessMessage.objects.filter(pk=message.pk).update(
        title="Bericht\x01", text="Beste partners,\x0b\n\n- Proef\x0bjaar\x01\n"
    )
    return project, message


def _get(client, url: str, **kwargs):
    response = client.get(url, **kwargs)
    assert response.status_code == 200, url
    return response


def _assert_clean_xml(content: bytes | str, url: str) -> None:
    text = content.decode() if isinstance(content, bytes) else content
    ET.fromstring(text.encode())  # raises on a control character
    assert not any(c in text for c in CONTROLS), url


def test_every_analysis_chart_downloads_as_valid_svg_and_png(client, team, stored):
    project, _message = stored
    client.force_login(team.viewer)
    for analysis in ANALYSES:
        _get(client, reverse(f"analysis:{analysis.name}", args=[project.pk]))
        svg = _get(client, reverse(f"analysis:{analysis.name}_svg", args=[project.pk]))
        _assert_clean_xml(svg.content, analysis.name)
        png = _get(client, reverse(f"analysis:{analysis.name}_png", args=[project.pk]))
        assert png.content.startswith(PNG_SIGNATURE), analysis.name
    _get(client, reverse("analysis:overview", args=[project.pk]))


def test_the_network_and_the_force_field_download_as_valid_svg_and_png(client, team, stored):
    project, _message = stored
    client.force_login(team.viewer)
    for page, svg_name, png_name in [
        ("analysis:network", "analysis:network_svg", "analysis:network_png"),
        ("forcefield:page", "forcefield:svg", "forcefield:png"),
    ]:
        _get(client, reverse(page, args=[project.pk]))
        svg = _get(client, reverse(svg_name, args=[project.pk]))
        _assert_clean_xml(svg.content, svg_name)
        png = _get(client, reverse(png_name, args=[project.pk]))
        assert png.content.startswith(PNG_SIGNATURE), png_name


def test_a_stored_message_downloads_as_txt_and_docx(client, team, stored):
    project, message = stored
    client.force_login(team.viewer)
    url = reverse("planning:message_file", args=[project.pk, message.pk])
    txt = _get(client, url + "?format=txt").content.decode()
    assert "Bericht" in txt and "Proefjaar" in txt
    assert not any(c in txt for c in CONTROLS)
    docx = _get(client, url + "?format=docx").content
    document = Document(io.BytesIO(docx))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Bericht" in text and "Beste partners," in text and "Proefjaar" in text


def test_the_register_export_opens(client, team, stored):
    project, _message = stored
    client.force_login(team.viewer)
    content = _get(client, reverse("transfer:export", args=[project.pk])).content
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    values = [str(v) for sheet in workbook for row in sheet.iter_rows(values_only=True)
              for v in row if v is not None]
    assert "AB" in values and "An Claes" in values
    # Excel refuses C0 controls; DEL and C1 mean nothing in a cell, so they go too.
    assert not any(
        (ord(c) < 0x20 and c not in "\t\n\r") or 0x7F <= ord(c) <= 0x9F for v in values for c in v
    )


def test_the_document_builders_drop_controls_themselves():
    docx = documents.message_docx(title="Titel\x01", text="Eerste\x0bregel\n\n- punt\x1b\n")
    document = Document(io.BytesIO(docx))
    assert [p.text for p in document.paragraphs] == ["Titel", "Eersteregel", "punt"]
    assert document.core_properties.title == "Titel"
    txt = documents.message_txt(title="Titel\x01", text="a\x0bb\tc").decode()
    assert txt == "Titel\n\nab\tc\n"
