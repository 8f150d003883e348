from __future__ import annotations

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from evidence import brief, selectors
from evidence.models import BRIEF_SECTIONS, ArgumentBrief, BriefAudience
from lib.forms import ControlFreeMixin, VersionedModelForm
from projects.models import Project


class BriefStartForm(ControlFreeMixin, forms.Form):
    audience = forms.ChoiceField(label=_("for"), choices=BriefAudience.choices)
    title = forms.CharField(
        label=_("title"), max_length=200, required=False,
        help_text=_("Leave empty for a title of its own."),
    )


class BriefForm(VersionedModelForm):
    """Every section of the draft, and which marked passages and indicators it quotes."""

    class Meta:
        model = ArgumentBrief
        fields = ["title", "audience", *BRIEF_SECTIONS, "cited_marks", "cited_indicators"]
        widgets = {
            **{key: forms.Textarea(attrs={"rows": 5}) for key in BRIEF_SECTIONS},
            "cited_marks": forms.CheckboxSelectMultiple,
            "cited_indicators": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        marks = self.fields["cited_marks"]
        marks.queryset = selectors.marks(project=project).order_by(
            "passage__document__title", "passage__page", "passage__position", "pk"
        )
        marks.label_from_instance = lambda m: _("%(document)s, page %(page)s: %(quote)s") % {
            "document": m.passage.document.title, "page": m.passage.page,
            "quote": Truncator(m.passage.text).chars(140),
        }
        shown = self.fields["cited_indicators"]
        shown.queryset = brief.indicators(project=project)
        # With no indicator to choose from, the page says where figures are added instead of
        # showing an empty list; the hidden field keeps the form's data and conflicts as they are.
        self.no_indicators = not shown.queryset.exists()
        if self.no_indicators:
            shown.widget = forms.MultipleHiddenInput()

    def service_data(self) -> dict:
        data = super().service_data()
        data["cited_marks"] = list(self.cleaned_data["cited_marks"])
        data["cited_indicators"] = list(self.cleaned_data["cited_indicators"])
        return data
