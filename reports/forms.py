from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lib.forms import ControlFreeMixin
from projects.forms import DateInput
from reports.models import Audience

RHYTHMS = [
    (0, _("no reminders")),
    (1, _("every month")),
    (2, _("every two months")),
    (3, _("every quarter")),
    (4, _("every four months")),
    (6, _("every half year")),
    (12, _("every year")),
]


class ReportForm(ControlFreeMixin, forms.Form):
    """What a report covers. Previewing and issuing post the same fields; `issue` says which."""

    audience = forms.ChoiceField(label=_("For"), choices=Audience.choices)
    period_start = forms.DateField(
        label=_("Period from"), required=False, widget=DateInput,
        help_text=_("Empty: since the previous report, or since the project started."),
    )
    period_end = forms.DateField(label=_("Period until"), widget=DateInput)
    title = forms.CharField(
        label=_("Title"), max_length=200, required=False,
        help_text=_("Empty: a title with the project, the audience and the date."),
    )


class ReportSettingsForm(forms.Form):
    rhythm_months = forms.TypedChoiceField(
        label=_("Report to the board"), choices=RHYTHMS, coerce=int,
        help_text=_("The to-do list reminds you when the next report is due."),
    )
    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
