from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext_lazy as _

from lib.collation import sort_key
from lib.forms import ControlFreeMixin, VersionedModelForm
from parties.models import (
    Assessment,
    Attitude,
    ContactPerson,
    Engagement,
    Layer,
    Party,
    Quadrant,
    Relation,
)
from projects.forms import DateInput
from projects.models import Project
from projects.vocabulary import explain

PARTY_FIELDS = [
    "name",
    "official_code",
    "kind",
    "is_internal",
    "layer",
    "sector",
    "role",
    "ring",
    "in_core_group",
    "own_identity",
    "goals",
    "interests",
    "activities",
    "position",
    "working_methods",
    "health_contribution",
    "theme_expertise",
    "works_with_vulnerable_groups",
    "speaks_for_target_group",
    "segments",
]


class PartyForm(VersionedModelForm):
    class Meta:
        model = Party
        fields = PARTY_FIELDS
        widgets = {
            name: forms.Textarea(attrs={"rows": 2})
            for name in [
                "own_identity",
                "goals",
                "interests",
                "activities",
                "position",
                "working_methods",
                "health_contribution",
                "theme_expertise",
            ]
        } | {"segments": forms.CheckboxSelectMultiple}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["segments"].queryset = project.segments.all()
        self.fields["name"].widget.attrs["autofocus"] = True
        # The examples name the local bodies in the words of the project's country.
        for name in ("kind", "layer", "sector"):
            self.fields[name].help_text = conditional_escape(explain(project, name))

    def clean_name(self) -> str:
        return self.cleaned_data["name"].strip()

    def clean_official_code(self) -> str:
        return self.cleaned_data["official_code"].strip()

    def segments(self) -> list:
        return list(self.cleaned_data["segments"])


class PartyRowForm(VersionedModelForm):
    """The fields that can be changed in place on the list."""

    class Meta:
        model = Party
        fields = ["layer", "sector", "role", "ring", "in_core_group"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs["form"] = f"row-form-{self.instance.pk}"


class AssessmentForm(ControlFreeMixin, forms.ModelForm):
    class Meta:
        model = Assessment
        fields = [
            "assessed_on",
            "power",
            "interest",
            "legitimacy",
            "urgency",
            "attitude",
            "engagement_current",
            "engagement_desired",
            "note",
        ]
        widgets = {"assessed_on": DateInput(), "note": forms.Textarea(attrs={"rows": 3})}

    SCALE_HELP = {
        "power": _("1 no influence on the decision … 5 decisive."),
        "interest": _("1 indifferent … 5 central to what the party does."),
        "legitimacy": _(
            "1 hardly any right to a say … 5 a right to a say that everyone accepts."
        ),
        "urgency": _("1 can wait … 5 needs attention now."),
    }

    def __init__(self, *args, previous: Assessment | None = None, **kwargs):
        if previous is not None and not kwargs.get("initial"):
            # A new round usually starts from where the party stood last time.
            kwargs["initial"] = {
                name: getattr(previous, name)
                for name in self.Meta.fields
                if name not in ("assessed_on", "note")
            }
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()
        for name, text in self.SCALE_HELP.items():
            self.fields[name].help_text = text
        for name in ("power", "interest", "legitimacy", "urgency"):
            self.fields[name].widget = forms.RadioSelect(choices=self.fields[name].choices[1:])
        self.fields["attitude"].widget = forms.RadioSelect(choices=Attitude.choices)

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot be dated in the future."))
        return value


class ContactPersonForm(VersionedModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "function", "email", "phone", "legal_basis", "do_not_contact"]


def _with_blank(choices):
    return [("", _("all")), *choices]


class PartyFilterForm(ControlFreeMixin, forms.Form):
    SORTS = [
        ("name", _("name (A–Z)")),
        ("-name", _("name (Z–A)")),
        ("-power", _("power (high first)")),
        ("-interest", _("interest (high first)")),
        ("attitude", _("attitude (critical first)")),
        ("-attitude", _("attitude (supportive first)")),
        ("layer", _("layer")),
        ("-updated", _("recently changed")),
    ]

    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    layer = forms.ChoiceField(label=_("Layer"), required=False, choices=_with_blank(Layer.choices))
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=_with_blank(Party.Sector.choices)
    )
    role = forms.ChoiceField(
        label=_("Role"), required=False, choices=_with_blank(Party.ProjectRole.choices)
    )
    ring = forms.ChoiceField(
        label=_("Ring"), required=False, choices=_with_blank(Party.Ring.choices)
    )
    attitude = forms.TypedChoiceField(
        label=_("Attitude"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=_with_blank(Attitude.choices),
    )
    engagement = forms.ChoiceField(
        label=_("Engagement"), required=False, choices=_with_blank(Engagement.choices)
    )
    quadrant = forms.ChoiceField(
        label=_("Quadrant"),
        required=False,
        choices=_with_blank([*Quadrant.choices, ("unassessed", _("not yet assessed"))]),
    )
    core = forms.ChoiceField(
        label=_("Core group"),
        required=False,
        choices=[
            ("", _("all")),
            ("yes", _("in the core group")),
            ("no", _("not in the core group")),
        ],
    )
    voice = forms.ChoiceField(
        label=_("Target group"),
        required=False,
        choices=[
            ("", _("all")),
            ("yes", _("speaks for the target group")),
            ("no", _("does not speak for the target group")),
        ],
    )
    sort = forms.ChoiceField(label=_("Sort by"), required=False, choices=SORTS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The selects refresh the results as soon as they change; the search box has its own
        # trigger, so its change event on leaving the box must not reload the list.
        for name, field in self.fields.items():
            if name != "q":
                field.widget.attrs["class"] = "filter-choice"


class RelationForm(VersionedModelForm):
    """A relation seen from one party: the other party is named, the form finds it."""

    other = forms.CharField(
        label=_("Other party"),
        max_length=200,
        help_text=_("Type the name of a party in this project."),
    )

    class Meta:
        model = Relation
        fields = ["kind", "strength", "started_on", "ended_on", "note"]
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    field_order = ["other", "kind", "strength", "started_on", "ended_on", "note"]

    def __init__(self, *args, party: Party, **kwargs):
        super().__init__(*args, **kwargs)
        self.party = party
        self.fields["other"].widget.attrs["list"] = "party-names"
        self.fields["other"].widget.attrs["autocomplete"] = "off"
        if self.instance.pk and not self.is_bound:
            other = (
                self.instance.target
                if self.instance.source_id == party.pk
                else (self.instance.source)
            )
            self.fields["other"].initial = other.name

    def clean_other(self) -> Party:
        key = sort_key(self.cleaned_data["other"])
        matches = list(Party.objects.filter(project_id=self.party.project_id, sort_name=key)[:2])
        if not matches:
            raise forms.ValidationError(_("There is no party with this name in the project."))
        if len(matches) > 1:
            raise forms.ValidationError(_("Several parties have this name; rename one first."))
        if matches[0].pk == self.party.pk:
            raise forms.ValidationError(_("A party cannot have a relation with itself."))
        return matches[0]

    def relation_data(self) -> dict:
        data = self.service_data()
        other = data.pop("other")
        if self.instance.pk and self.instance.target_id == self.party.pk:
            return {**data, "source": other, "target": self.party}
        return {**data, "source": self.party, "target": other}
