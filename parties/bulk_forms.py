"""Assessing several parties at once: one small form per party (a row of the table) and one for
what the rows share (the date)."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lib.forms import ControlFreeMixin
from parties.models import Assessment, Attitude, Engagement, Party
from projects.forms import DateInput

SCORES = ("power", "interest", "legitimacy", "urgency")
REQUIRED = (*SCORES, "attitude")
# A party not assessed before starts here; most are neutral until someone talks to them, and the
# project hopes to win them over.
DEFAULT_ENGAGEMENT = {
    "engagement_current": Engagement.NEUTRAL,
    "engagement_desired": Engagement.SUPPORTIVE,
}


class BulkDateForm(ControlFreeMixin, forms.Form):
    assessed_on = forms.DateField(label=_("Date of these assessments"), widget=DateInput())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assessed_on"].initial = timezone.localdate()

    def clean_assessed_on(self):
        value = self.cleaned_data["assessed_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("An assessment cannot be dated in the future."))
        return value


def _score() -> forms.IntegerField:
    return forms.IntegerField(
        required=False,
        min_value=1,
        max_value=5,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "score"}),
    )


class BulkRowForm(ControlFreeMixin, forms.Form):
    """One party's row. It starts from the party's latest assessment; a row nobody changed is
    not recorded, a changed row needs every score."""

    power = _score()
    interest = _score()
    legitimacy = _score()
    urgency = _score()
    attitude = forms.TypedChoiceField(
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "–"), *Attitude.choices],
    )
    engagement_current = forms.ChoiceField(choices=Engagement.choices)
    engagement_desired = forms.ChoiceField(choices=Engagement.choices)

    def __init__(self, *args, party: Party, **kwargs):
        self.party = party
        previous: Assessment | None = party.latest_assessment
        if previous is not None:
            initial = {name: getattr(previous, name) for name in self.base_fields}
        else:
            initial = dict(DEFAULT_ENGAGEMENT)
        super().__init__(*args, prefix=f"p{party.pk}", initial=initial, **kwargs)
        labels = {
            "power": _("Power"),
            "interest": _("Interest"),
            "legitimacy": _("Legitimacy"),
            "urgency": _("Urgency"),
            "attitude": _("Attitude"),
            "engagement_current": _("Current engagement"),
            "engagement_desired": _("Desired engagement"),
        }
        for name, field in self.fields.items():
            field.label = labels[name]

    @property
    def previous(self) -> Assessment | None:
        return self.party.latest_assessment

    @property
    def is_recorded(self) -> bool:
        """The row holds a new assessment: something differs from where it started."""
        return self.is_bound and self.has_changed()

    def clean(self):
        cleaned = super().clean()
        if not self.has_changed():
            return cleaned
        for name in REQUIRED:
            if cleaned.get(name) is None and name not in self.errors:
                self.add_error(
                    name,
                    _("Fill in %(field)s as well, or leave the whole row as it was.")
                    % {"field": self.fields[name].label.lower()},
                )
        return cleaned

    def assessment_data(self, assessed_on) -> dict:
        data = {name: self.cleaned_data[name] for name in self.base_fields}
        return {**data, "assessed_on": assessed_on, "note": ""}
