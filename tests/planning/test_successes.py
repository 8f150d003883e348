"""Successes and the messages about them: drafted, edited, saved, copied and downloaded."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from docx import Document

from planning import documents
from planning.models import Audience, Success, SuccessMessage
from tests.factories import make_party
from tests.planning.conftest import make_success

pytestmark = pytest.mark.django_db
EN = {"accept-language": "en"}


def _url(name: str, project, *ids: int) -> str:
    return reverse(f"planning:{name}", args=[project.pk, *ids])


@pytest.fixture
def two(team):
    dentists = make_party(team.project, name="Tandartsenkring")
    board = make_party(team.project, name="College")
    first = make_success(team.project, [board], title="Proefjaar goedgekeurd",
                         achieved_on=date(2026, 2, 3), evidence_text="Collegebesluit")
    second = make_success(team.project, [dentists], title="Vijf tandartsen doen mee",
                          achieved_on=date(2026, 4, 20))
    return first, second


def test_contributor_logs_a_success(client, team):
    party = make_party(team.project, name="Basisschool")
    client.force_login(team.contributor)
    response = client.post(_url("success_create", team.project), {
        "title": "Poetsen in elke klas", "achieved_on": "2026-05-12", "parties": [party.pk],
        "evidence_text": "Schoolreglement", "evidence_url": "https://example.org/besluit",
    })
    success = Success.objects.get()
    assert response["Location"].endswith(f"#success-{success.pk}")
    assert list(success.parties.all()) == [party]
    client.force_login(team.viewer)
    html = client.get(_url("successes", team.project)).content.decode()
    assert "Poetsen in elke klas" in html and "https://example.org/besluit" in html
    assert 'name="success"' not in html  # a viewer does not compose messages


def test_the_draft_names_the_successes_parties_and_dates(client, team, two):
    first, second = two
    client.force_login(team.contributor)
    response = client.get(
        _url("message_compose", team.project)
        + f"?success={first.pk}&success={second.pk}&audience=council", headers=EN,
    )
    assert response.status_code == 200
    text = response.context["form"]["text"].value()
    assert text.startswith("Dear members of the council,")
    assert "Proefjaar goedgekeurd" in text and "Vijf tandartsen doen mee" in text
    assert "Feb. 3, 2026" in text and "April 20, 2026" in text
    assert "Together with College." in text and "(Evidence: Collegebesluit)" in text
    assert text.index("Proefjaar") < text.index("Vijf tandartsen")  # oldest first
    assert "College and Tandartsenkring" in text
    html = response.content.decode()
    assert "<textarea" in html and 'data-copy="id_text"' in html and "js/planning.js" in html


def test_the_draft_is_in_the_users_language(client, team, two):
    first, _second = two
    client.force_login(team.contributor)
    response = client.get(_url("message_compose", team.project)
                          + f"?success={first.pk}&audience=partners", headers=EN)
    assert response.context["form"]["text"].value().startswith("Dear partners,")
    with_dutch = client.get(_url("message_compose", team.project)
                            + f"?success={first.pk}&audience=partners",
                            headers={"accept-language": "nl"})
    assert "3 februari 2026" in with_dutch.context["form"]["text"].value()


def test_saving_and_reopening_a_message(client, team, two):
    first, second = two
    client.force_login(team.contributor)
    response = client.post(_url("message_compose", team.project), {
        "title": "Voor de raad", "audience": "council", "text": "Beste raadsleden,\n\nEen tekst.",
        "successes": [first.pk, second.pk],
    })
    message = SuccessMessage.objects.get()
    assert response["Location"] == _url("message_edit", team.project, message.pk)
    assert set(message.successes.all()) == {first, second}
    assert message.created_by == team.contributor
    client.force_login(team.viewer)
    page = client.get(_url("message_edit", team.project, message.pk))
    assert page.status_code == 200 and "Een tekst." in page.content.decode()
    assert client.post(_url("message_edit", team.project, message.pk),
                       {"title": "X", "audience": "council", "text": "Y"}).status_code == 403
    client.force_login(team.editor)
    response = client.post(_url("message_edit", team.project, message.pk), {
        "title": "Voor de raad", "audience": "council", "text": "Aangepast.",
        "expected_version": 1})
    message.refresh_from_db()
    assert (message.text, message.version) == ("Aangepast.", 2)
    stale = client.post(_url("message_edit", team.project, message.pk), {
        "title": "Voor de raad", "audience": "council", "text": "Oud.", "expected_version": 1})
    assert stale.status_code == 400 and stale.context["form"].conflict


def test_download_the_edited_text_as_txt_and_docx(client, team):
    client.force_login(team.contributor)
    data = {"title": "Resultaten voor de raad",
            "text": "Beste raadsleden,\n\n- 3 februari 2026: proefjaar.\n- Vijf tandartsen."
                    "\n\nGroet"}
    txt = client.post(_url("message_download", team.project), {**data, "format": "txt"})
    assert txt["Content-Type"] == "text/plain; charset=utf-8"
    assert 'filename="resultaten-voor-de-raad.txt"' in txt["Content-Disposition"]
    assert txt.content.decode() == f"{data['title']}\n\n{data['text']}\n"
    docx = client.post(_url("message_download", team.project), {**data, "format": "docx"})
    assert 'filename="resultaten-voor-de-raad.docx"' in docx["Content-Disposition"]
    document = Document(io.BytesIO(docx.content))
    paragraphs = [(p.style.name, p.text) for p in document.paragraphs]
    assert paragraphs == [
        ("Heading 1", "Resultaten voor de raad"),
        ("Normal", "Beste raadsleden,"),
        ("List Bullet", "3 februari 2026: proefjaar."),
        ("List Bullet", "Vijf tandartsen."),
        ("Normal", "Groet"),
    ]
    client.force_login(team.viewer)
    assert client.post(_url("message_download", team.project),
                       {**data, "format": "txt"}).status_code == 403


def test_a_saved_message_downloads_for_every_member(client, team, two):
    message = SuccessMessage.objects.create(project=team.project, title="Voor partners",
                                            audience=Audience.PARTNERS, text="Dank jullie!")
    client.force_login(team.viewer)
    url = _url("message_file", team.project, message.pk)
    assert client.get(url + "?format=txt").content.decode() == "Voor partners\n\nDank jullie!\n"
    document = Document(io.BytesIO(client.get(url + "?format=docx").content))
    assert [p.text for p in document.paragraphs] == ["Voor partners", "Dank jullie!"]
    assert client.get(url + "?format=pdf").status_code == 404
    client.force_login(team.outsider)
    assert client.get(url + "?format=txt").status_code == 404


def test_compose_needs_a_choice_and_the_contributor_role(client, team, two):
    client.force_login(team.contributor)
    page = client.get(_url("message_compose", team.project))
    assert page.status_code == 200 and page.templates[0].name == "planning/message_choose.html"
    assert client.get(_url("message_compose", team.project) + "?audience=council"
                      ).status_code == 400
    foreign = make_success(team.other_project)
    assert client.get(_url("message_compose", team.project) + f"?success={foreign.pk}"
                      ).status_code == 400
    client.force_login(team.viewer)
    assert client.get(_url("message_compose", team.project)).status_code == 403


def test_success_delete_and_restore(client, team, two):
    first, _second = two
    client.force_login(team.contributor)
    client.post(_url("success_delete", team.project, first.pk))
    assert not Success.objects.filter(pk=first.pk).exists()
    client.force_login(team.editor)
    client.post(reverse("parties:bin_restore", args=[team.project.pk, "success", first.pk]))
    assert Success.objects.filter(pk=first.pk).exists()


def test_party_of_another_project_cannot_be_named(client, team):
    foreign = make_party(team.other_project, name="Geheim")
    client.force_login(team.contributor)
    response = client.post(_url("success_create", team.project), {
        "title": "X", "achieved_on": "2026-05-12", "parties": [foreign.pk]})
    assert response.status_code == 400 and not Success.objects.exists()


def test_docx_of_plain_paragraphs_keeps_line_breaks():
    data = documents.message_docx(title="T", text="Regel een\nregel twee")
    document = Document(io.BytesIO(data))
    assert document.paragraphs[1].text == "Regel een\nregel twee"
