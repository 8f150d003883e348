from __future__ import annotations

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import ControlFreeMixin, VersionedModelForm
from projects.models import Organisation, Project, Role, TargetSegment

_PLACE_LINE = re.compile(r"^(?P<name>[^;(]+?)\s*(?:[;(]\s*(?P<code>[A-Za-z0-9-]+)\s*\)?)?\s*$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class ProjectForm(VersionedModelForm):
    places_text = forms.CharField(
        label=_("Places"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One municipality or district per line, with its official code after a semicolon "
            "where known, e.g. “Hoogveld; 46099” or “Zuiderhaven; GM0363”."
        ),
    )

    class Meta:
        model = Project
        fields = [
            "title",
            "theme",
            "theme_other",
            "country",
            "target_group",
            "start_date",
            "vision",
            "quadrant_threshold",
            "retention_months",
        ]
        widgets = {
            "start_date": DateInput(),
            "target_group": forms.Textarea(attrs={"rows": 2}),
            "vision": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.fields["places_text"].initial = "\n".join(
                f"{p.name}; {p.code}" if p.code else p.name for p in self.instance.places.all()
            )

    def clean_places_text(self) -> list[tuple[str, str]]:
        places = []
        for number, line in enumerate(self.cleaned_data["places_text"].splitlines(), start=1):
            if not line.strip():
                continue
            match = _PLACE_LINE.match(line.strip())
            if not match or len(match["name"]) > 200:
                raise forms.ValidationError(
                    _("Line %(number)s is not a place name with an optional code."),
                    params={"number": number},
                )
            places.append((match["name"].strip(), (match["code"] or "").upper()))
        return places

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("theme") == Project.Theme.OTHER and not cleaned.get("theme_other"):
            self.add_error("theme_other", _("Name your own theme."))
        return cleaned


class ProjectCreateForm(ProjectForm):
    """A new project also says which of the user's organisations runs it, or names a new one."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        required=False,
        empty_label=_("— a new organisation —"),
    )
    new_organisation = forms.CharField(
        label=_("Name of the new organisation"),
        max_length=200,
        required=False,
        help_text=_("For example the municipality, the Huis van het Kind or the GGD you work for."),
    )

    field_order = ["title", "organisation", "new_organisation"]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = user.organisations.order_by("name")
        self.fields["organisation"].queryset = organisations
        if organisations:
            self.fields["organisation"].initial = organisations[0]
        else:
            del self.fields["organisation"]

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("organisation") and not cleaned.get("new_organisation", "").strip():
            self.add_error("new_organisation", _("Choose an organisation or name a new one."))
        return cleaned


class InviteForm(ControlFreeMixin, forms.Form):
    email = forms.EmailField(label=_("E-mail address"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.CONTRIBUTOR)


class RoleForm(ControlFreeMixin, forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)


class SegmentForm(VersionedModelForm):
    class Meta:
        model = TargetSegment
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = TargetSegment.objects.filter(project=self.project, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(_("This project already has a segment with this name."))
        return name
