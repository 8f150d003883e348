from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forcefield.models import Force, ForceAction, ForceField
from lib.forms import VersionedModelForm
from parties.models import Party
from projects.forms import DateInput
from projects.models import Project


class ChangeForm(VersionedModelForm):
    class Meta:
        model = ForceField
        fields = ["change"]
        widgets = {"change": forms.Textarea(attrs={"rows": 2})}


class ForceForm(VersionedModelForm):
    class Meta:
        model = Force
        fields = ["direction", "description", "strength", "party", "order"]
        widgets = {"direction": forms.RadioSelect}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the project's own parties can be chosen; the service checks again.
        self.fields["party"].queryset = Party.objects.filter(project=project).order_by(
            "sort_name", "pk"
        )
        self.fields["party"].empty_label = _("(none)")
        self.fields["order"].required = False
        self.fields["order"].help_text = _("Forces are shown in this order; empty: at the end.")
        self.fields["description"].help_text = _(
            "What pushes the change forward, or holds it back."
        )

    def clean_description(self) -> str:
        return self.cleaned_data["description"].strip()

    def service_data(self) -> dict:
        data = super().service_data()
        if data.get("order") is None:
            if self.instance.pk:
                data["order"] = self.instance.order
            else:
                data.pop("order", None)
        return data


class ForceActionForm(VersionedModelForm):
    class Meta:
        model = ForceAction
        fields = ["description", "who", "due_on", "done"]
        widgets = {"due_on": DateInput}

    def clean_description(self) -> str:
        return self.cleaned_data["description"].strip()
