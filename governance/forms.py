from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from governance.models import (
    BoardProfile,
    DecisionMoment,
    GovernanceSettings,
    InformedBy,
    PolicyArea,
)
from lib.forms import ControlFreeMixin, VersionedModelForm
from parties.models import Party
from projects.forms import DateInput
from projects.models import Project

TEXT = {"rows": 3}
# A council's calendar of several years with every committee stays well below this.
MAX_ICS_BYTES = 2 * 1024 * 1024


class BoardProfileForm(VersionedModelForm):
    policy_areas = forms.MultipleChoiceField(
        label=_("policy areas"), choices=PolicyArea.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    informed_by = forms.MultipleChoiceField(
        label=_("likes to be informed by"), choices=InformedBy.choices, required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = BoardProfile
        fields = [
            "portfolios", "policy_areas", "political_group", "term_start", "term_end",
            "drivers", "informed_by", "informing_note", "arguments_worked", "arguments_failed",
            "last_briefed_on",
        ]
        widgets = {
            "portfolios": forms.Textarea(attrs={"rows": 2}),
            "drivers": forms.Textarea(attrs=TEXT),
            "informing_note": forms.Textarea(attrs={"rows": 2}),
            "arguments_worked": forms.Textarea(attrs=TEXT),
            "arguments_failed": forms.Textarea(attrs=TEXT),
            "term_start": DateInput(),
            "term_end": DateInput(),
            "last_briefed_on": DateInput(),
        }


class DecisionMomentForm(VersionedModelForm):
    class Meta:
        model = DecisionMoment
        fields = [
            "kind", "title", "date", "body", "papers_due", "ask", "status", "outcome",
            "outcome_note",
        ]
        widgets = {
            "date": DateInput(),
            "papers_due": DateInput(),
            "ask": forms.Textarea(attrs=TEXT),
            "outcome_note": forms.Textarea(attrs=TEXT),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        # Any party may decide: the council, the executive, an organisation's board.
        self.fields["body"].queryset = Party.objects.filter(project=project).order_by("sort_name")
        self.fields["kind"].choices = kind_choices(project)


def kind_choices(project: Project) -> list[tuple[str, str]]:
    """The kinds of decision moment, in the project's country's words and cycle first."""
    from governance.vocabulary import kind_label

    return [(value, kind_label(project, value)) for value in DecisionMoment.Kind.values]


class CycleForm(ControlFreeMixin, forms.Form):
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)


class SettingsForm(VersionedModelForm):
    class Meta:
        model = GovernanceSettings
        fields = ["reminder_weeks"]


class IcsImportForm(ControlFreeMixin, forms.Form):
    file = forms.FileField(
        label=_("calendar file (.ics)"),
        help_text=_("The meeting calendar a council publishes, in iCalendar format."),
    )
    kind = forms.ChoiceField(label=_("kind of the imported meetings"), choices=[])
    body = forms.ModelChoiceField(
        label=_("deciding body"), queryset=Party.objects.none(), required=False
    )

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kind_choices(project)
        self.fields["body"].queryset = Party.objects.filter(project=project).order_by("sort_name")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ICS_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 2 MB; a meeting calendar is much smaller.")
            )
        return upload
