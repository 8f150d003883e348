"""Forms that clean what people type, and forms that know which version of an object the
editor started from."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.db import models
from django.template.defaultfilters import yesno
from django.utils.translation import gettext_lazy as _

from history.services import versions_of
from lib.concurrency import EditConflict
from lib.text import strip_control_characters

T = TypeVar("T")

# Text pasted from a word processor carries its line breaks as controls: in a one-line field they
# become a space, in multi-line text a vertical tab (Word's line break) or form feed a new line,
# so the words on either side stay apart.
_SPACE_LIKE = re.compile(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+")
_LINE_LIKE = re.compile(r"[\x0b\x0c\x85\u2028\u2029]")


def clean_text(value: str, *, multiline: bool = False) -> str:
    """Text as a form keeps it: no control characters; multi-line text keeps tab and newline."""
    if multiline:
        return strip_control_characters(_LINE_LIKE.sub("\n", value), multiline=True)
    return strip_control_characters(_SPACE_LIKE.sub(" ", value))


def _cleaned(value: Any, multiline: bool) -> Any:
    if isinstance(value, str):
        return clean_text(value, multiline=multiline)
    if isinstance(value, list | tuple):
        return [_cleaned(item, multiline) for item in value]
    return value


class ControlFreeMixin:
    """Strips control characters from every text field before validation, so no name or note
    stored through a form can break a chart, a document or an export. A text area is
    multi-line; passwords are left exactly as typed."""

    def full_clean(self) -> None:
        if self.is_bound:
            self.data = self._control_free_data()
        super().full_clean()

    def _control_free_data(self) -> Any:
        data = self.data.copy()
        for name, field in self.fields.items():
            if not isinstance(field, forms.CharField) or isinstance(
                field.widget, forms.PasswordInput
            ):
                continue
            key = self.add_prefix(name)
            if key not in data:
                continue
            multiline = isinstance(field.widget, forms.Textarea)
            if hasattr(data, "setlist"):
                data.setlist(key, _cleaned(data.getlist(key), multiline))
            else:
                data[key] = _cleaned(data[key], multiline)
        return data




def _shown(model_field: models.Field, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(model_field, models.ManyToManyField):
        return ", ".join(str(item) for item in value) or "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return yesno(value)
    return str(value)


class VersionedModelForm(ControlFreeMixin, forms.ModelForm):
    """Adds a hidden `expected_version`; on a conflict it shows both versions side by side and
    takes the stored version as its new starting point, so saving again is a deliberate choice."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["expected_version"].initial = self.instance.version
        self.conflict: list[tuple[str, str, str]] = []
        self.conflict_by = None

    def service_data(self) -> dict[str, Any]:
        skip = {"expected_version", *(f.name for f in self.instance._meta.many_to_many)}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}

    def show_conflict(self, current: models.Model) -> None:
        for name in self._meta.fields:
            model_field = current._meta.get_field(name)
            theirs = getattr(current, name)
            if isinstance(model_field, models.ManyToManyField):
                theirs = list(theirs.all())
            yours = self.cleaned_data.get(name)
            if isinstance(model_field, models.ManyToManyField):
                yours = list(yours or [])
                if {o.pk for o in theirs} == {o.pk for o in yours}:
                    continue
            elif theirs == yours:
                continue
            label = str(self.fields[name].label or model_field.verbose_name)
            self.conflict.append((label, _shown(model_field, theirs), _shown(model_field, yours)))
        last = versions_of(current).first()
        self.conflict_by = last
        self.add_error(
            None,
            _(
                "Someone else saved this while you were editing. Compare both versions below; "
                "save again to keep yours, or cancel to keep theirs."
            ),
        )
        data = self.data.copy()
        data[self.add_prefix("expected_version")] = current.version
        self.data = data


def save_versioned(form: VersionedModelForm, update: Callable[..., T], **kwargs: Any) -> T | None:
    """Save a valid versioned form through a service: `update(data=…, expected_version=…,
    **kwargs)`. On a conflict the form shows both versions and nothing is returned."""
    kwargs.setdefault("data", form.service_data())
    try:
        return update(expected_version=form.cleaned_data["expected_version"], **kwargs)
    except EditConflict as conflict:
        form.show_conflict(conflict.current)
        return None
