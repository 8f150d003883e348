from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import ControlFreeMixin, VersionedModelForm
from planning import selectors
from planning.models import (
    Audience,
    Contribution,
    HelperEntry,
    ParticipationActivity,
    PlanAction,
    Precondition,
    Region,
    Success,
    SuccessMessage,
)
from projects.forms import DateInput
from projects.models import Organisation, Project


def _text(rows: int = 2) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


def _member_label(user) -> str:
    return user.get_full_name() or user.username


def _check_dates(form: forms.Form, start: str, end: str) -> None:
    first, last = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if first and last and last < first:
        form.add_error(end, _("The end date lies before the start date."))


class PlanActionForm(VersionedModelForm):
    class Meta:
        model = PlanAction
        fields = [
            "title", "phase", "status", "party", "member", "role", "starts_on", "ends_on",
            "description",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "description": _text(3)}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the project's own parties and members can be chosen; the service checks again.
        self.fields["party"].queryset = selectors.project_parties(project=project)
        self.fields["party"].empty_label = _("(no party)")
        self.fields["member"].queryset = selectors.project_members(project=project)
        self.fields["member"].label_from_instance = _member_label
        self.fields["member"].empty_label = _("(no member)")
        self.fields["role"].help_text = _("What the party or member does in this action.")

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_dates(self, "starts_on", "ends_on")
        return cleaned


class PreconditionForm(VersionedModelForm):
    class Meta:
        model = Precondition
        fields = ["kind", "amount", "description", "from_party", "from_text"]

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["from_party"].queryset = selectors.project_parties(project=project)
        self.fields["from_party"].empty_label = _("(not a party of the project)")
        self.fields["amount"].help_text = _("Hours or euros; leave empty for other means.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        kind, amount = cleaned.get("kind"), cleaned.get("amount")
        if kind in (Precondition.Kind.HOURS, Precondition.Kind.MONEY) and amount is None:
            self.add_error("amount", _("Give the number of hours or euros."))
        if kind == Precondition.Kind.OTHER and not cleaned.get("description"):
            self.add_error("description", _("Say what is needed."))
        return cleaned


class ContributionForm(VersionedModelForm):
    class Meta:
        model = Contribution
        fields = ["party", "contributes", "gains"]
        widgets = {"contributes": _text(), "gains": _text()}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = selectors.project_parties(project=project)
        self.fields["contributes"].help_text = _("People, time, money, expertise, a place, "
                                                 "access to the target group…")
        self.fields["gains"].help_text = _("What the plan brings the party in return.")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("contributes") and not cleaned.get("gains"):
            self.add_error("contributes", _("Say what the party contributes or gains."))
        return cleaned


class ParticipationForm(VersionedModelForm):
    class Meta:
        model = ParticipationActivity
        fields = [
            "kind", "title", "starts_on", "ends_on", "segment", "people_reached",
            "expectations", "follow_up",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "expectations": _text(3),
            "follow_up": _text(3),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segment"].queryset = project.segments.order_by("name")
        self.fields["segment"].empty_label = _("(the whole target group)")
        self.fields["people_reached"].widget.attrs["min"] = 0

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        _check_dates(self, "starts_on", "ends_on")
        return cleaned


class SuccessForm(VersionedModelForm):
    evidence_url = forms.URLField(
        label=_("Link to the evidence"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = Success
        fields = ["title", "achieved_on", "parties", "description", "evidence_text",
                  "evidence_url"]
        widgets = {
            "achieved_on": DateInput(),
            "parties": forms.CheckboxSelectMultiple,
            "description": _text(3),
            "evidence_text": _text(2),
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parties"].queryset = selectors.project_parties(project=project)
        self.fields["parties"].help_text = _("The parties that made it happen or took part.")
        self.fields["evidence_text"].help_text = _("A figure, a decision, a quote, a report…")
        if not self.instance.pk:
            self.fields["achieved_on"].initial = timezone.localdate()

    def clean_title(self) -> str:
        return self.cleaned_data["title"].strip()

    def parties(self) -> list:
        return list(self.cleaned_data["parties"])


class SuccessChoiceForm(ControlFreeMixin, forms.Form):
    """Which successes a message is about, and for whom: read from the query string."""

    success = forms.ModelMultipleChoiceField(
        label=_("Successes"), queryset=Success.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices,
                                 initial=Audience.PARTNERS)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["success"].queryset = selectors.success_list(project=project)


class SuccessMessageForm(VersionedModelForm):
    successes = forms.ModelMultipleChoiceField(
        queryset=Success.objects.none(), required=False, widget=forms.MultipleHiddenInput
    )

    class Meta:
        model = SuccessMessage
        fields = ["title", "audience", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 16, "class": "message-text",
                                                 "spellcheck": "true"})}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["successes"].queryset = selectors.success_list(project=project)
        self.fields["text"].help_text = _("Change the text as you like before you save, copy "
                                          "or download it.")

    def chosen(self) -> list:
        return list(self.cleaned_data.get("successes") or [])


class DownloadForm(ControlFreeMixin, forms.Form):
    FORMATS = [("txt", _("plain text (.txt)")), ("docx", _("Word (.docx)"))]

    title = forms.CharField(label=_("Title"), max_length=200)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, strip=False)
    format = forms.ChoiceField(label=_("Format"), choices=FORMATS)


class StepTickForm(ControlFreeMixin, forms.Form):
    evidence_text = forms.CharField(
        label=_("Evidence"), required=False, widget=_text(2), max_length=5000,
        help_text=_("What shows that this is done: a decision, a meeting, a document…"),
    )
    evidence_url = forms.URLField(
        label=_("Link to the evidence"), required=False, max_length=500, assume_scheme="https",
        help_text=_("For example a page of this project with the analysis or the contact."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)


class DirectoryFilterForm(ControlFreeMixin, forms.Form):
    region = forms.ChoiceField(
        label=_("Region"), required=False, choices=[("", _("all")), *Region.choices]
    )
    theme = forms.ChoiceField(
        label=_("Theme"), required=False, choices=[("", _("all")), *Project.Theme.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["class"] = "filter-choice"


class HelperForm(VersionedModelForm):
    themes = forms.MultipleChoiceField(
        label=_("Themes"), required=False, choices=Project.Theme.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked when it helps with every theme."),
    )
    website = forms.URLField(label=_("Website"), required=False, max_length=300,
                             assume_scheme="https")
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none(), empty_label=None,
        help_text=_("Only people of this organisation see the entry."),
    )

    class Meta:
        model = HelperEntry
        fields = ["name", "region", "themes", "helps_with", "website", "contact"]
        widgets = {"helps_with": _text(3)}

    def __init__(self, *args, organisations: list[Organisation], **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            del self.fields["organisation"]
        else:
            self.fields["organisation"].queryset = Organisation.objects.filter(
                pk__in=[organisation.pk for organisation in organisations]
            )
            self.fields["organisation"].initial = organisations[0] if organisations else None

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        data.pop("organisation", None)
        return data
