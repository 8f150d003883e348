"""The merge page's choices: which party stays, and per field whose value it keeps."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.db import models
from django.template.defaultfilters import yesno
from django.utils.translation import gettext_lazy as _

from lib.forms import ControlFreeMixin
from parties.merging import SEGMENTS, merge_fields
from parties.models import Party

ALL_SEGMENTS = "all"


def _empty(value: Any) -> bool:
    return value in ("", None)


def _shown(field: models.Field, value: Any) -> str:
    if _empty(value):
        return "—"
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return yesno(value)
    return str(value)


@dataclass
class Option:
    party: Party
    value: str  # the radio's value
    shown: str  # what the party holds, in words
    checked: bool


@dataclass
class Row:
    name: str  # the form field
    label: str
    options: list[Option]
    errors: list[str]

    @property
    def same(self) -> bool:
        """Every party holds the same value, so the choice changes nothing."""
        return len({option.shown for option in self.options}) == 1


class PickForm(ControlFreeMixin, forms.Form):
    """A party to add to the merge, by its name (suggested as one types)."""

    q = forms.CharField(label=_("Merge with"), max_length=200, required=False)


def _default_source(field: models.Field, parties: list[Party]) -> Party:
    """The first party's value, unless it is empty and another one's is not."""
    for party in parties:
        if getattr(party, field.attname) not in ("", None, False):
            return party
    return parties[0]


class MergeForm(forms.Form):
    """Built for the parties in view; the first one is proposed as the one that stays."""

    def __init__(self, *args: Any, parties: list[Party], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.parties = parties
        ids = [(str(p.pk), p.name) for p in parties]
        self.fields["survivor"] = forms.ChoiceField(
            label=_("The party that stays"), choices=ids, initial=str(parties[0].pk),
            widget=forms.RadioSelect,
        )
        for field in merge_fields():
            source = parties[0] if field.name == "name" else _default_source(field, parties)
            self.fields[f"choice_{field.name}"] = forms.ChoiceField(
                label=field.verbose_name, choices=ids, initial=str(source.pk),
                widget=forms.RadioSelect,
            )
        self.fields[f"choice_{SEGMENTS}"] = forms.ChoiceField(
            label=Party._meta.get_field(SEGMENTS).verbose_name,
            choices=[(ALL_SEGMENTS, _("all of them together")), *ids],
            initial=ALL_SEGMENTS, widget=forms.RadioSelect,
        )
        for party in parties:
            self.fields[f"version_{party.pk}"] = forms.IntegerField(
                widget=forms.HiddenInput, initial=party.version
            )

    def _current(self, name: str) -> str:
        return str(self[name].value())

    def survivor_options(self) -> list[Option]:
        chosen = self._current("survivor")
        return [Option(p, str(p.pk), p.name, str(p.pk) == chosen) for p in self.parties]

    def rows(self) -> list[Row]:
        """Per field the value of each party, with the one chosen marked."""
        rows = []
        for field in merge_fields():
            name = f"choice_{field.name}"
            chosen = self._current(name)
            options = [
                Option(p, str(p.pk), _shown(field, getattr(p, field.attname)), str(p.pk) == chosen)
                for p in self.parties
            ]
            rows.append(Row(name, str(field.verbose_name), options, self.errors.get(name, [])))
        name = f"choice_{SEGMENTS}"
        chosen = self._current(name)
        options = [
            Option(p, str(p.pk), ", ".join(s.name for s in p.segments.all()) or "—",
                   str(p.pk) == chosen)
            for p in self.parties
        ]
        label = str(Party._meta.get_field(SEGMENTS).verbose_name)
        rows.append(Row(name, label, options, self.errors.get(name, [])))
        return rows

    def survivor(self) -> Party:
        return next(p for p in self.parties if str(p.pk) == self.cleaned_data["survivor"])

    def others(self) -> list[Party]:
        survivor = self.survivor()
        return [p for p in self.parties if p is not survivor]

    def choices(self) -> dict[str, int]:
        chosen = {
            field.name: int(self.cleaned_data[f"choice_{field.name}"]) for field in merge_fields()
        }
        segments = self.cleaned_data[f"choice_{SEGMENTS}"]
        if segments != ALL_SEGMENTS:
            chosen[SEGMENTS] = int(segments)
        return chosen

    def versions(self) -> dict[int, int]:
        return {p.pk: self.cleaned_data[f"version_{p.pk}"] for p in self.parties}
