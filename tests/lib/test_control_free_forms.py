"""Every form strips control characters from what people type, through one mixin."""

from __future__ import annotations

import importlib
import io

import pytest
from django import forms
from django.urls import reverse
from docx import Document

from lib.forms import ControlFreeMixin, clean_text
from parties.models import Party

FORM_MODULES = [
    "accounts.forms",
    "analysis.network_views",
    "engagement.forms",
    "forcefield.forms",
    "parties.forms",
    "planning.forms",
    "projects.forms",
    "transfer.forms",
]
# The API's own forms follow the API's text rules (api/).
NOT_HERE: set[str] = set()


def _is_text(field: forms.Field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput)


def _forms_with_text() -> list[type[forms.BaseForm]]:
    found = []
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for value in vars(module).values():
            if (
                isinstance(value, type)
                and issubclass(value, forms.BaseForm)
                and value.__module__ == module_name
                and not value.__name__.endswith("Mixin")  # checked in the forms that use it
                and any(_is_text(field) for field in value.base_fields.values())
            ):
                found.append(value)
    return found


def test_every_form_with_a_text_field_strips_control_characters():
    found = _forms_with_text()
    assert len(found) > 20  # the walk finds the forms, not nothing
    missing = [
        f"{form.__module__}.{form.__name__}"
        for form in found
        if not issubclass(form, ControlFreeMixin)
        and f"{form.__module__}.{form.__name__}" not in NOT_HERE
    ]
    assert missing == []


@pytest.mark.parametrize(
    ("typed", "multiline", "kept"),
    [
        ("A\x01B", False, "AB"),
        ("A\tB\r\nC", False, "A B C"),
        ("Zuid\x85West\x9f", False, "Zuid West"),
        ("regel\x0bvolgende\r\nderde\tkolom\x00", True, "regel\nvolgende\nderde\tkolom"),
        ("pagina\x0cnieuw\x7f", True, "pagina\nnieuw"),
        ("gewone tekst, één regel", False, "gewone tekst, één regel"),
    ],
)
def test_clean_text(typed, multiline, kept):
    assert clean_text(typed, multiline=multiline) == kept


class _Sample(ControlFreeMixin, forms.Form):
    name = forms.CharField()
    note = forms.CharField(widget=forms.Textarea, required=False)
    tags = forms.MultipleChoiceField(choices=[("a", "a")], required=False)
    secret = forms.CharField(widget=forms.PasswordInput, required=False)


def test_the_mixin_cleans_text_and_text_areas_and_leaves_passwords():
    form = _Sample({"name": "A\x01B", "note": "een\x0btwee\n", "secret": "p\x01w"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["name"] == "AB"
    assert form.cleaned_data["note"] == "een\ntwee"
    assert form.cleaned_data["secret"] == "p\x01w"


def test_a_name_of_only_control_characters_is_refused_as_empty():
    form = _Sample({"name": "\x01\x02"})
    assert not form.is_valid()
    assert "name" in form.errors


@pytest.mark.django_db
def test_a_party_typed_with_control_characters_is_stored_without_them(client, team):
    client.force_login(team.editor)
    response = client.post(
        reverse("parties:create", args=[team.project.pk]),
        {"name": "Huis\x01 van het Kind", "kind": "organisation", "layer": "staff",
         "sector": "welfare", "role": "carries_out", "ring": "takes_part",
         "goals": "Elk gezin\x0been goede start"},
    )
    assert response.status_code == 302
    party = Party.objects.get()
    assert party.name == "Huis van het Kind"
    assert party.goals == "Elk gezin\neen goede start"


@pytest.mark.django_db
def test_a_message_typed_with_a_vertical_tab_downloads_as_docx(client, team):
    client.force_login(team.contributor)
    response = client.post(
        reverse("planning:message_download", args=[team.project.pk]),
        {"title": "Resultaten\x01", "text": "Beste partners,\x0bhier is het.", "format": "docx"},
    )
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    assert [p.text for p in document.paragraphs] == ["Resultaten", "Beste partners,\nhier is het."]
