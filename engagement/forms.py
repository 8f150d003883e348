from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from engagement.models import Commitment, ContactMoment, ReviewSettings
from lib.forms import ControlFreeMixin, VersionedModelForm
from parties.models import ContactPerson, Party
from projects.forms import DateInput
from projects.models import Project

TEXT = {"rows": 3}


def _party_choices(project: Project) -> QuerySet[Party]:
    return Party.objects.filter(project=project).order_by("sort_name")


def _members(project: Project) -> QuerySet:
    return (
        get_user_model()
        .objects.filter(memberships__project=project)
        .order_by("first_name", "last_name", "username")
    )


COMMITMENT_FIELDS = ("commitment_what", "commitment_status", "commitment_ends_on")


class PeopleOfParties(forms.CheckboxSelectMultiple):
    """Each person's checkbox names the person's party, so the page can narrow the list to
    the people of the chosen parties (static/js/chooser.js)."""

    def create_option(self, name: str, value: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        option = super().create_option(name, value, *args, **kwargs)
        person = getattr(value, "instance", None)
        if person is not None:
            option["attrs"]["data-party"] = person.party_id
        return option


class CommitmentFieldsMixin(forms.Form):
    """An optional commitment made during the contact, logged together with it."""

    commitment_what = forms.CharField(
        label=_("Commitment made"),
        required=False,
        max_length=300,
        help_text=_("Optional: a concrete, temporary commitment the party made or was asked for."),
    )
    commitment_status = forms.ChoiceField(
        label=_("Commitment status"),
        choices=[
            (Commitment.Status.PROMISED, Commitment.Status.PROMISED.label),
            (Commitment.Status.ASKED, Commitment.Status.ASKED.label),
        ],
        initial=Commitment.Status.PROMISED,
        required=False,
    )
    commitment_ends_on = forms.DateField(
        label=_("Commitment until"), required=False, widget=DateInput()
    )

    def clean_commitment_fields(self, cleaned: dict[str, Any]) -> None:
        if cleaned.get("commitment_what") and not cleaned.get("commitment_ends_on"):
            self.add_error("commitment_ends_on", _("A commitment needs an end date."))
        date = cleaned.get("date")
        end = cleaned.get("commitment_ends_on")
        if cleaned.get("commitment_what") and date and end and end < date:
            self.add_error("commitment_ends_on", _("The end date lies before the contact."))

    def main_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in COMMITMENT_FIELDS]

    def commitment_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in COMMITMENT_FIELDS if name in self.fields]

    def commitment_has_errors(self) -> bool:
        return any(self.errors.get(name) for name in COMMITMENT_FIELDS)

    def commitment_data(self) -> dict[str, Any] | None:
        if not self.cleaned_data.get("commitment_what"):
            return None
        return {
            "what": self.cleaned_data["commitment_what"],
            "status": self.cleaned_data.get("commitment_status") or Commitment.Status.PROMISED,
            "starts_on": self.cleaned_data["date"],
            "ends_on": self.cleaned_data["commitment_ends_on"],
        }


class QuickMomentForm(ControlFreeMixin, CommitmentFieldsMixin, forms.ModelForm):
    """Logging a contact in a few keystrokes: the party is given by the page or chosen first."""

    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none())

    class Meta:
        model = ContactMoment
        fields = ["kind", "date", "discussed", "agreed", "follow_up_on"]
        widgets = {
            "date": DateInput(),
            "follow_up_on": DateInput(),
            "discussed": forms.Textarea(attrs={"rows": 2}),
            "agreed": forms.Textarea(attrs={"rows": 2}),
        }

    field_order = ["party", "kind", "date", "discussed", "agreed", "follow_up_on"]

    def __init__(self, *args, project: Project, party: Party | None = None, **kwargs):
        kwargs.setdefault("prefix", "quick")
        super().__init__(*args, **kwargs)
        self.preset_party = party
        self.fields["date"].initial = timezone.localdate()
        if party is not None:
            del self.fields["party"]
        else:
            self.fields["party"].queryset = _party_choices(project)
        for name in ("follow_up_on", "commitment_ends_on"):
            self.fields[name].help_text = ""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.clean_commitment_fields(cleaned)
        return cleaned

    def parties(self) -> list[Party]:
        return [self.preset_party or self.cleaned_data["party"]]

    def service_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class ContactMomentForm(CommitmentFieldsMixin, VersionedModelForm):
    """Everything about a contact. The commitment fields appear only when a contact is new;
    afterwards commitments are edited on their own."""

    class Meta:
        model = ContactMoment
        fields = [
            "parties",
            "contact_persons",
            "kind",
            "date",
            "members",
            "discussed",
            "arguments_for",
            "arguments_against",
            "win_win",
            "agreed",
            "follow_up_on",
            "follow_up_done",
        ]
        widgets = {
            "parties": forms.CheckboxSelectMultiple,
            "contact_persons": PeopleOfParties,
            "members": forms.CheckboxSelectMultiple,
            "date": DateInput(),
            "follow_up_on": DateInput(),
            **{
                name: forms.Textarea(attrs=TEXT)
                for name in (
                    "discussed", "arguments_for", "arguments_against", "win_win", "agreed"
                )
            },
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.project = project
        self.fields["parties"].queryset = _party_choices(project)
        self.fields["contact_persons"].queryset = (
            ContactPerson.objects.filter(party__project=project, party__deleted_at__isnull=True)
            .select_related("party")
            .order_by("party__sort_name", "name")
        )
        self.fields["contact_persons"].label_from_instance = (
            lambda person: f"{person.name} ({person.party.name})"
        )
        self.fields["members"].queryset = _members(project)
        self.fields["date"].initial = timezone.localdate()
        if self.instance.pk:
            for name in COMMITMENT_FIELDS:
                del self.fields[name]
        else:
            del self.fields["follow_up_done"]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        parties = cleaned.get("parties") or []
        people = cleaned.get("contact_persons") or []
        chosen = {party.pk for party in parties}
        if any(person.party_id not in chosen for person in people):
            self.add_error(
                "contact_persons", _("Choose contact persons of the parties of this contact.")
            )
        if "commitment_what" in self.fields:
            self.clean_commitment_fields(cleaned)
            if cleaned.get("commitment_what") and len(parties) != 1:
                self.add_error(
                    "commitment_what",
                    _("A commitment belongs to one party: log it with one party, or add it "
                      "on the commitments page."),
                )
        return cleaned

    def service_data(self) -> dict[str, Any]:
        data = super().service_data()
        return {k: v for k, v in data.items() if k not in COMMITMENT_FIELDS}

    def relations(self) -> dict[str, list]:
        return {
            name: list(self.cleaned_data[name])
            for name in ("parties", "contact_persons", "members")
        }


class CommitmentForm(VersionedModelForm):
    class Meta:
        model = Commitment
        fields = ["party", "what", "starts_on", "ends_on", "status", "contact_moment"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = _party_choices(project)
        self.fields["starts_on"].initial = timezone.localdate()
        # The contact where it was made is chosen among the contacts of its party, so the
        # list stays short in a large project; without a party there is nothing to choose.
        if self.is_bound:
            party_id = self.data.get(self.add_prefix("party"))
        else:
            party = self.initial.get("party")
            party_id = getattr(party, "pk", party) or self.instance.party_id
        if party_id and str(party_id).isdigit():
            self.fields["contact_moment"].queryset = ContactMoment.objects.filter(
                project=project, parties=party_id
            ).order_by("-date", "-id")
        else:
            del self.fields["contact_moment"]


class TimelineFilterForm(ControlFreeMixin, forms.Form):
    party = forms.ModelChoiceField(label=_("Party"), queryset=Party.objects.none(),
                                   required=False, empty_label=_("all"))
    kind = forms.ChoiceField(
        label=_("Kind of contact"), required=False,
        choices=[("", _("all")), *ContactMoment.Kind.choices],
    )
    member = forms.ModelChoiceField(
        label=_("Member who took part"), queryset=get_user_model().objects.none(),
        required=False,
        empty_label=_("all"),
    )
    start = forms.DateField(label=_("From"), required=False, widget=DateInput())
    end = forms.DateField(label=_("To"), required=False, widget=DateInput())

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = _party_choices(project)
        self.fields["member"].queryset = _members(project)
        for name in ("party", "kind", "member"):
            self.fields[name].widget.attrs["class"] = "filter-choice"


class ReviewSettingsForm(VersionedModelForm):
    class Meta:
        model = ReviewSettings
        fields = ["review_interval_months"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.pk:
            # No settings stored yet: whoever saves first creates them, a later save conflicts.
            self.fields["expected_version"].initial = 0

